import type { Express, Response } from "express";
import type { Logger } from "pino";
import type { DatabaseHandle } from "#db/client.server";
import { migrationStatus } from "#db/migrate";

const PROBE_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error("database timeout")), PROBE_TIMEOUT_MS)),
    ),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Probes for the load balancer and the orchestrator, before rate limits and Remix:
 * /healthz — the process is up and serving (no dependencies);
 * /readyz — the database answers, has every committed migration, and takes a write (a committed one,
 * see DatabaseHandle.checkWritable), so submissions can come.
 * A change of readiness is logged once, not on every probe.
 */
export function healthRoutes(
  app: Express,
  database: () => DatabaseHandle,
  isStopping: () => boolean,
  logger?: Pick<Logger, "warn" | "info">,
) {
  let lastProblem: string | null = null;
  const report = (problem: string | null, error?: unknown) => {
    if (problem === lastProblem) return;
    lastProblem = problem;
    // The error's code and message only: a driver error can carry a query's parameters.
    const cause = error
      ? { code: (error as { code?: unknown }).code, message: String((error as Error).message ?? error).split("\n")[0] }
      : undefined;
    if (problem) logger?.warn({ readiness: problem, cause }, "not ready");
    else logger?.info("ready again");
  };

  app.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok" });
  });
  const readiness = async (res: Response) => {
    res.set("Cache-Control", "no-store");
    if (isStopping()) return void res.status(503).json({ status: "stopping" });
    let migrations: Awaited<ReturnType<typeof migrationStatus>>;
    try {
      migrations = await withTimeout(migrationStatus(database()));
    } catch (error) {
      report("database unreachable", error);
      return void res.status(503).json({ status: "database unreachable" });
    }
    if (migrations.applied < migrations.expected) {
      report("migrations pending");
      return void res.status(503).json({ status: "migrations pending", ...migrations });
    }
    try {
      await withTimeout(database().checkWritable());
    } catch (error) {
      report("database not writable", error);
      return void res.status(503).json({ status: "database not writable" });
    }
    report(null);
    res.json({ status: "ready", database: database().kind, migrations });
  };
  // The probes' failures are answered above; anything else goes to Express's error handler.
  app.get("/readyz", (_req, res, next) => void readiness(res).catch(next));
}
