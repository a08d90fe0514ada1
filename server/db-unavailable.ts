import type { ServerBuild } from "@remix-run/node";
import { log } from "../app/utils/logger.server";
import { DATABASE_RETRY_AFTER_SECONDS, errorCauses, isDatabaseUnavailable } from "#db/client.server";

type Handler = (args: { request: Request }) => unknown;

/** The driver's own code and first line: drizzle's message carries the query's parameters (names, e-mails). */
function describe(error: unknown) {
  const innermost: unknown = errorCauses(error).at(-1) ?? error;
  return {
    code: (innermost as { code?: unknown }).code,
    message: String((innermost as Error).message ?? innermost).split("\n")[0],
  };
}

/** A read that met a connection dropped under it (fail-over, terminated backend) is tried again on a fresh one. */
const READ_RETRY_DELAYS_MS = [50, 250];

/**
 * Only a connection lost under the query: not a timeout (each try would wait as long again, past a
 * proxy's patience) and not 53xxx (too many connections, out of memory: more tries make it worse).
 */
const DROPPED = /^(CONNECTION_(CLOSED|ENDED|DESTROYED)|ECONNRESET|EPIPE|57P0[1-3]|08003|08006)$/;
const connectionDropped = (error: unknown) =>
  errorCauses(error).some((e) => {
    const code = (e as { code?: unknown }).code;
    return typeof code === "string" && DROPPED.test(code);
  });

async function attempt(handler: Handler, args: { request: Request }) {
  const reads = args.request.method === "GET" || args.request.method === "HEAD";
  for (let retry = 0; ; retry++) {
    try {
      return await handler(args);
    } catch (error) {
      const delay = READ_RETRY_DELAYS_MS[retry];
      if (!reads || delay === undefined || !connectionDropped(error) || args.request.signal.aborted) throw error;
      log().info({ database: describe(error), retry: retry + 1 }, "database connection dropped: reading again");
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (args.request.signal.aborted) throw error;
    }
  }
}

function guard(handler: Handler): Handler {
  return async (args) => {
    try {
      return await attempt(handler, args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      log().warn({ database: describe(error) }, "database unavailable: answered 503");
      // A thrown Response is an expected error for Remix: pages show their error boundary with this
      // status (GeneralErrorBoundary says "temporarily unavailable" in the customer's language),
      // resource routes (the API, the Stripe webhook, which then retries) send it as it is.
      throw new Response(
        JSON.stringify({
          error: "database_unavailable",
          message: "The service is temporarily unavailable. Please try again in a minute.",
        }),
        {
          status: 503,
          headers: {
            "Content-Type": "application/json; charset=utf-8",
            "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS),
            "Cache-Control": "no-store",
          },
        },
      );
    }
  };
}

/**
 * The same build, with every loader and action answering 503 (Retry-After) when the database is
 * unavailable (db/client.server.ts isDatabaseUnavailable: connection lost, fail-over, disk full or
 * read-only) instead of a bare 500: the customer is told to try again, nothing was half-stored (every
 * write is one transaction), and clients and load balancers know to retry.
 */
export function answerDatabaseOutages(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const module = { ...route.module };
      if (module.loader) module.loader = guard(module.loader as Handler) as typeof module.loader;
      if (module.action) module.action = guard(module.action as Handler) as typeof module.action;
      return [id, { ...route, module }];
    }),
  ) as ServerBuild["routes"];
  return { ...build, routes };
}
