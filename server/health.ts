import type { Express } from "express";
import type { DatabaseHandle } from "../db/client.server";
import { migrationStatus } from "../db/migrate";

/**
 * Probes for the load balancer and the orchestrator, before rate limits and Remix:
 * /healthz — the process is up and serving (no dependencies);
 * /readyz — the database answers and has every committed migration, so traffic can come.
 */
export function healthRoutes(app: Express, database: () => DatabaseHandle, isStopping: () => boolean) {
  app.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    res.set("Cache-Control", "no-store");
    if (isStopping()) return void res.status(503).json({ status: "stopping" });
    try {
      const migrations = await Promise.race([migrationStatus(database()), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("database timeout")), 2_000))]);
      if (migrations.applied < migrations.expected) return void res.status(503).json({ status: "migrations pending", ...migrations });
      res.json({ status: "ready", database: database().kind, migrations });
    } catch {
      res.status(503).json({ status: "database unreachable" });
    }
  });
}
