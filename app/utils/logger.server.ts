import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";
import { getEnv } from "./env.server";

/**
 * Structured JSON logs on stdout. Each request gets a child logger carrying its request id
 * (server/logging.ts); code anywhere under that request logs through `log()` and the id comes along.
 * Tokens never reach a log line: paths are redacted and headers are not logged at all.
 */
const KEY = Symbol.for("specdesk.logging");
type Holder = { base: Logger; als: AsyncLocalStorage<Logger> };
const g = globalThis as { [KEY]?: Holder };

/** The process logger's configuration, writing to stdout or (tests) to `destination`. */
export function createLogger(destination?: DestinationStream, level?: string): Logger {
  const options: LoggerOptions = {
    level: level ?? getEnv().LOG_LEVEL ?? (getEnv().NODE_ENV === "test" ? "warn" : "info"),
    base: { service: "specdesk" },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeError },
    redact: {
      paths: [
        "password",
        "token",
        "*.password",
        "*.token",
        "headers.cookie",
        "headers.authorization",
        'headers["stripe-signature"]',
      ],
      censor: "[redacted]",
    },
  };
  return pino(options, destination ?? (getEnv().NODE_ENV === "development" ? prettyStream() : undefined));
}

/**
 * Development only: readable, coloured lines instead of JSON (pino-pretty, a devDependency, loaded
 * only here so a production install without it still starts). Synchronous, so lines keep their order
 * with what the server prints itself. Production and tests keep JSON: tests and log collectors parse it.
 */
function prettyStream(): DestinationStream | undefined {
  try {
    const pretty = createRequire(import.meta.url)("pino-pretty") as (
      options: Record<string, unknown>,
    ) => DestinationStream;
    // A request's lines say which request in the message ("GET /quote/new → 200 in 15 ms").
    const messageFormat = (line: Record<string, unknown>, messageKey: string) => {
      const msg = String(line[messageKey] ?? "");
      const req = line.req as { method?: string; url?: string } | undefined;
      if (!req) return msg;
      const res = line.res as { statusCode?: number } | undefined;
      const request = `${req.method} ${req.url}${res && typeof line.responseTime === "number" ? ` → ${res.statusCode} in ${line.responseTime} ms` : ""}`;
      return msg === "request completed" ? request : `${msg} (${request})`;
    };
    return pretty({
      sync: true,
      translateTime: "SYS:HH:MM:ss",
      ignore: "pid,hostname,service,req,res,responseTime,requestId",
      messageFormat,
    });
  } catch {
    return undefined;
  }
}

function holder(): Holder {
  g[KEY] ??= { base: createLogger(), als: new AsyncLocalStorage<Logger>() };
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

/** A word as a URL may spell it: any case, any letter percent-encoded (Remix decodes both before routing). */
const spelled = (word: string) =>
  [...word]
    .map((c) => `(?:${c}|%${c.charCodeAt(0).toString(16)}|%${c.toUpperCase().charCodeAt(0).toString(16)})`)
    .join("");

/**
 * A path separator as Node lets it through: the URL parser turns `\` into `/` before Remix routes,
 * so `GET /q\<token>` is served. The encoded ones are not separators to Remix, but are redacted alike.
 */
const SEPARATOR = "(?:[/\\\\]|%2f|%5c)";

/**
 * Everything after /q/, /s/ or …/invite/ up to the query: every route that takes a bearer token,
 * and its route misses. Not just the next segment: dot segments after it (`/q/./<token>`,
 * `/q/x/../<token>`, `/staff/x/../invite/<token>`) resolve before routing and would bring the token back.
 */
const TOKEN_SEGMENT = new RegExp(
  `((?:^|${SEPARATOR})(?:${spelled("q")}|${spelled("s")}|${spelled("invite")})${SEPARATOR}+)[^?#\\s"'\`<>]+`,
  "gi",
);
const SECRET_PARAM = /([?&](?:token|session_id)=)[^&#\s"'`<>]+/gi;

/** Replaces bearer tokens in URLs (customer, share and invite links) before they are logged. */
export function redactPath(url: string): string {
  return url.replace(TOKEN_SEGMENT, "$1[token]").replace(SECRET_PARAM, "$1[redacted]");
}

/**
 * Where drivers keep a failed query's values: drizzle's `params`, postgres.js's `parameters` and
 * `args`, PGlite's `params` and `queryOptions`; PostgreSQL's `detail` quotes the offending values
 * (a duplicate key's e-mail). Customers' names and e-mails are among them, so none is logged.
 */
const VALUE_KEYS = new Set(["params", "parameters", "args", "values", "queryOptions", "detail"]);

/** drizzle's DrizzleQueryError appends the values to its message ("Failed query: …\nparams: …"). */
const withoutParams = (message: string) => message.replace(/\nparams: [\s\S]*$/, "\nparams: [redacted]");

type ErrorLike = Error & Record<string, unknown>;
const isErrorLike = (value: unknown): value is ErrorLike =>
  typeof value === "object" && value !== null && typeof (value as Error).message === "string";
/** Remix's ErrorResponse (a route miss, a 405): not an Error; its `data` repeats the URL. */
const isErrorResponse = (value: unknown): value is { status: number; statusText?: string; data?: unknown } =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { status?: unknown }).status === "number" &&
  "data" in value &&
  "internal" in value;

function safeError(value: unknown, depth: number): unknown {
  if (typeof value === "string") return redactPath(value);
  // pino-http hands its serializer pino's own rendering of the error; the original is `raw`.
  const raw = (value as { raw?: unknown } | null)?.raw;
  if (isErrorLike(raw) || isErrorResponse(raw)) value = raw;
  if (isErrorResponse(value)) {
    return {
      type: "ErrorResponse",
      status: value.status,
      statusText: value.statusText,
      data: typeof value.data === "string" ? redactPath(value.data) : undefined,
    };
  }
  if (!isErrorLike(value) || depth > 4)
    return isErrorLike(value) ? { type: value.name, message: redactPath(withoutParams(value.message)) } : value;
  const message = withoutParams(value.message);
  const out: Record<string, unknown> = { type: value.constructor?.name ?? value.name, message: redactPath(message) };
  if (typeof value.stack === "string") {
    // The stack starts with the message as it was at construction: swap in the scrubbed one.
    const at = value.stack.indexOf(value.message);
    const frames =
      at >= 0
        ? value.stack.slice(at + value.message.length)
        : value.stack
            .split("\n")
            .filter((l) => /^\s+at /.test(l))
            .map((l) => `\n${l}`)
            .join("");
    out.stack = redactPath(`${value.stack.slice(0, Math.max(at, 0))}${message}${frames}`);
  }
  for (const key of Object.keys(value)) {
    if (key in out || key === "cause" || VALUE_KEYS.has(key)) continue;
    const field = value[key];
    out[key] = isErrorLike(field) || typeof field === "string" ? safeError(field, depth + 1) : field;
  }
  if (value.cause !== undefined) out.cause = safeError(value.cause, depth + 1);
  if (Array.isArray(value.errors)) out.errors = value.errors.map((e) => safeError(e, depth + 1));
  return out;
}

/**
 * The `err` serializer of every logger (the process logger and pino-http's request loggers): the
 * error, its causes and nested errors, without query values and with token URLs redacted.
 */
export function serializeError(error: unknown): unknown {
  return safeError(error, 0);
}
