import type { Logger } from "pino";

export interface ProcessGuardOptions {
  logger: Pick<Logger, "error" | "fatal">;
  /** More uncaught errors than this within `windowMs` and the process exits with code 1. */
  maxErrors?: number;
  windowMs?: number;
  exit?: (code: number) => void;
}

/**
 * Last line of defence for errors no request handler can catch: a library throwing from a timer or
 * an event (postgres.js did, from setImmediate, when PostgreSQL dropped a connection) or a promise
 * nobody awaited. Node's default is to exit, which took the whole site down with nothing to restart
 * it; a database failover or a PgBouncer restart must not do that. So the error is logged and the
 * process keeps serving: requests in flight and the database pools are unaffected by such a stray
 * error, and every request after it starts fresh.
 *
 * Keeping a process that is really broken would be worse than restarting it, though, so errors
 * arriving faster than `maxErrors` per `windowMs` (default 10 a minute) end the process with code 1,
 * for the supervisor (systemd, Kubernetes, a container restart policy) to start a clean one.
 * Installed once the server listens: a failure during start-up still stops it at once.
 */
export function installProcessGuard({
  logger,
  maxErrors = 10,
  windowMs = 60_000,
  exit = (code) => process.exit(code),
}: ProcessGuardOptions): () => void {
  const recent: number[] = [];
  const handle = (error: unknown, message: string) => {
    const now = Date.now();
    recent.push(now);
    while (recent.length && recent[0]! <= now - windowMs) recent.shift();
    if (recent.length > maxErrors) {
      logger.fatal(
        { err: error, errors: recent.length, windowMs },
        "too many uncaught errors; exiting so that a clean process is started",
      );
      exit(1);
      return;
    }
    logger.error({ err: error }, message);
  };
  const onException = (error: unknown) => handle(error, "uncaught exception; still serving");
  const onRejection = (reason: unknown) => handle(reason, "unhandled promise rejection; still serving");
  process.on("uncaughtException", onException);
  process.on("unhandledRejection", onRejection);
  return () => {
    process.off("uncaughtException", onException);
    process.off("unhandledRejection", onRejection);
  };
}
