import { AsyncLocalStorage } from "node:async_hooks";
import { pino, type Logger } from "pino";
import { getEnv } from "./env.server";

/**
 * Structured JSON logs on stdout. Each request gets a child logger carrying its request id
 * (server/logging.ts); code anywhere under that request logs through `log()` and the id comes along.
 * Tokens never reach a log line: paths are redacted and headers are not logged at all.
 */
const KEY = Symbol.for("specdesk.logging");
type Holder = { base: Logger; als: AsyncLocalStorage<Logger> };
const g = globalThis as { [KEY]?: Holder };

function holder(): Holder {
  g[KEY] ??= {
    base: pino({
      level: getEnv().LOG_LEVEL ?? (getEnv().NODE_ENV === "test" ? "warn" : "info"),
      base: { service: "specdesk" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ["password", "token", "*.password", "*.token", "headers.cookie", "headers.authorization", 'headers["stripe-signature"]'], censor: "[redacted]" },
    }),
    als: new AsyncLocalStorage<Logger>(),
  };
  return g[KEY];
}

export const baseLogger = (): Logger => holder().base;

/** The current request's logger (with its request id), or the process logger outside a request. */
export function log(): Logger {
  const h = holder();
  return h.als.getStore() ?? h.base;
}

export function runWithLogger<T>(logger: Logger, fn: () => T): T {
  return holder().als.run(logger, fn);
}

/** Replaces bearer tokens in URLs (customer, share and invite links) before they are logged. */
export function redactPath(url: string): string {
  return url.replace(/\/(q|s|staff\/invite)\/[A-Za-z0-9_-]{16,}/g, "/$1/[token]").replace(/([?&](?:token|session_id)=)[^&]+/g, "$1[redacted]");
}
