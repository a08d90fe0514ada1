import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { endSession } from "~/utils/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  return endSession(request);
}

export function loader() {
  return redirect("/staff");
}
