import { data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { staffCapacityAction, staffCapacityView } from "~/services/capacity-review.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { staffTimeZone } from "~/utils/staff-time.server";

const notFound = () => data(null, { status: 404 });

/** The capacity tab of a running service: staff who read operations (technicians, admins). */
export async function capacityPage(request: Request, serviceId: string) {
  const user = await requireStaffPermission(request, "read:operations");
  if (!z.uuid().safeParse(serviceId).success) throw notFound();
  const view = await staffCapacityView(getDb(), user, serviceId, staffTimeZone());
  if (!view) throw notFound();
  return view;
}

/** Record a review or set the cadence: technicians and admins ("write:incidents"). */
export async function capacityAction(request: Request, serviceId: string) {
  const user = await requireStaffPermission(request, "write:incidents");
  if (!z.uuid().safeParse(serviceId).success) throw notFound();
  const form = Object.fromEntries(await request.formData());
  const { status, ...answer } = await staffCapacityAction(getDb(), user, serviceId, form);
  return data(answer, { status });
}
