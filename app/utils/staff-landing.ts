import type { StaffUser } from "~/models/user.server";

/** Where a staff member starts: sales reps on their dashboard, technicians and admins on the review queue. */
export function staffLanding(role: StaffUser["role"]): string {
  return role === "sales" ? "/staff/sales" : "/staff/review";
}
