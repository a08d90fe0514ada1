import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireStaffUser } from "~/utils/auth.server";
import { staffLanding } from "~/utils/staff-landing";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffUser(request);
  throw redirect(staffLanding(user.role));
}
