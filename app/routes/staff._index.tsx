import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireStaffUser } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaffUser(request);
  throw redirect("/staff/review");
}
