import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getEnv } from "~/utils/env.server";

/**
 * The baseline for `npm run bench:http`: a Remix page whose loader returns a constant, rendered
 * through the same root, server and middleware as every page. Off (404) unless BENCH_ROUTE=1.
 */
export function loader() {
  if (getEnv().BENCH_ROUTE !== "1") throw data(null, { status: 404 });
  return { value: "constant" };
}

export default function BenchConstant() {
  const { value } = useLoaderData<typeof loader>();
  return <p>{value}</p>;
}
