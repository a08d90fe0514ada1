import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import { pinoHttp } from "pino-http";
import type { Logger } from "pino";
import { redactPath, runWithLogger, serializeError } from "../app/utils/logger.server";

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * One JSON line per request (method, redacted path, status, duration) with a request id: taken from
 * an upstream X-Request-Id when it looks sane, else a new UUID, and echoed back in the response.
 * Everything logged while the request runs carries the same id.
 */
export function requestLogging(logger: Logger): RequestHandler[] {
  const http = pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers["x-request-id"];
      const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    customProps: (req) => ({ requestId: req.id }),
    serializers: {
      // Only these two fields: pino's default would add headers, query and params (tokens, cookies).
      // `url` is Express's originalUrl, whatever a router stripped from req.url.
      req: (req: { id: string; method: string; url: string }) => ({ method: req.method, url: redactPath(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // pino-http replaces the logger's own `err` serializer with pino's default unless given one.
      err: serializeError,
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
    autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" },
  });
  return [http, (req, _res, next) => runWithLogger(req.log, next)];
}
