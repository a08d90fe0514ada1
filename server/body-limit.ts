import type { GetLoadContextFunction } from "@remix-run/express";
import { type ServerBuild, createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import type { Request as ExpressRequest, NextFunction, RequestHandler, Response as ExpressResponse } from "express";
import type { Readable } from "node:stream";
import { PayloadTooLargeError, isJsonContentType } from "../app/utils/http.server";
import { routePath } from "./route-path";

const KB = 1024;

/**
 * Paths allowed a different limit from the default. Compared case-insensitively because Remix's
 * routing ignores case (a path spelled otherwise still gets the limit of the route it reaches).
 * Each route repeats its own check; keep the numbers equal.
 */
const ROUTE_LIMITS: Readonly<Record<string, number>> = {
  // Stripe's events can outgrow a form; webhooks.stripe.ts allows the same.
  "/webhooks/stripe": 512 * KB,
  // Documented in docs/api.md; api.v1.estimates.ts exports the same number (MAX_BODY_BYTES).
  "/api/v1/estimates": 256 * KB,
};

export interface BodyLimits {
  defaultBytes: number;
  routes: Readonly<Record<string, number>>;
}

export function bodyLimits(defaultKb: number, routes: Readonly<Record<string, number>> = ROUTE_LIMITS): BodyLimits {
  return { defaultBytes: defaultKb * KB, routes };
}

/** `url`: req.originalUrl, matched as Remix will route it (so `/webhooks\stripe` is the webhook too). */
export function bodyLimitFor(limits: BodyLimits, url: string): number {
  return limits.routes[routePath(url)] ?? limits.defaultBytes;
}

/** 413 in the shape the caller reads: the API's error list, JSON for JSON clients, else a short page. */
function payloadTooLarge(req: ExpressRequest, res: ExpressResponse, limit: number) {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  // Whatever is still on the wire is not read: the connection ends with the answer.
  res.status(413).set({ Connection: "close", "Cache-Control": "no-store" });
  const path = req.path.toLowerCase();
  if (path.startsWith("/api/")) res.json({ errors: [{ path: "", message: `Body must be at most ${limit} bytes.` }] });
  else if (path.startsWith("/webhooks/") || isJsonContentType(req.get("content-type") ?? null))
    res.json({ error: "Payload too large" });
  else {
    const kb = Math.floor(limit / KB);
    res
      .type("text/plain")
      .send(`Request too large: at most ${kb} KB.\nSolicitud demasiado grande: como máximo ${kb} KB.\n`);
  }
}

/** Refuses a declared Content-Length over the path's limit before anything reads the body. */
export function bodyLimit(limits: BodyLimits): RequestHandler {
  return (req, res, next) => {
    const limit = bodyLimitFor(limits, req.originalUrl);
    if (Number(req.headers["content-length"]) > limit) return payloadTooLarge(req, res, limit);
    next();
  };
}

/**
 * The request body as a web stream that reads nothing until the app asks for it (so a route can
 * refuse before reading) and errors, without reading further, once more than `limit` bytes arrived.
 * Counting here covers chunked bodies and bodies whose Content-Length nobody checked.
 */
function limitedBody(source: Readable, limit: number, onTooLarge: () => void): ReadableStream<Uint8Array> {
  let received = 0;
  let listening = false;
  let detach = () => {};
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!listening) {
          listening = true;
          const onData = (chunk: Buffer) => {
            received += chunk.byteLength;
            if (received > limit) {
              detach();
              source.pause();
              controller.error(new PayloadTooLargeError());
              onTooLarge();
              return;
            }
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
            // Backpressure: one chunk at a time, the next only when the reader pulls again.
            if ((controller.desiredSize ?? 0) <= 0) source.pause();
          };
          const onEnd = () => {
            detach();
            controller.close();
          };
          const onError = (error: unknown) => {
            detach();
            controller.error(error);
          };
          const onClose = () => onError(new Error("request closed before its body ended"));
          detach = () => {
            source.off("data", onData);
            source.off("end", onEnd);
            source.off("error", onError);
            source.off("close", onClose);
          };
          source.on("data", onData);
          source.once("end", onEnd);
          source.once("error", onError);
          source.once("close", onClose);
        }
        source.resume();
      },
      cancel() {
        detach();
        source.pause();
      },
    },
    // No read-ahead: not a byte is taken off the socket before a reader asks.
    { highWaterMark: 0 },
  );
}

/**
 * @remix-run/express's handler (2.17) with the body read through limitedBody. The stock adapter hands
 * Remix the raw request stream, which reads any amount; everything else here is as the adapter does it.
 */
export function createRemixHandler({
  build,
  mode,
  getLoadContext,
  bodyLimits: limits,
}: {
  build: ServerBuild;
  mode?: string;
  getLoadContext?: GetLoadContextFunction;
  bodyLimits: BodyLimits;
}): RequestHandler {
  const handleRequest = createRequestHandler(build, mode);
  const handle = async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    let tooLarge = false;
    try {
      let controller: AbortController | null = new AbortController();
      const abort = controller;
      res.on("finish", () => (controller = null));
      res.on("close", () => controller?.abort());
      const init: RequestInit & { duplex?: "half" } = {
        method: req.method,
        headers: requestHeaders(req),
        signal: abort.signal,
      };
      if (req.method !== "GET" && req.method !== "HEAD") {
        const limit = bodyLimitFor(limits, req.originalUrl);
        init.body = limitedBody(req, limit, () => {
          tooLarge = true;
          payloadTooLarge(req, res, limit);
          // Remix stops the action and, the request being aborted, handleError does not log it.
          abort.abort(new PayloadTooLargeError());
        });
        init.duplex = "half";
      }
      const response = await handleRequest(new Request(requestUrl(req), init), await getLoadContext?.(req, res));
      if (tooLarge) {
        await response.body?.cancel();
        return;
      }
      await sendResponse(res, response);
    } catch (error) {
      if (!tooLarge) next(error);
    }
  };
  // Express 4 does not look at the promise: every failure is caught above and handed to next().
  return (req, res, next) => void handle(req, res, next);
}

/**
 * As the adapter builds it, the hostname per "trust proxy" (req.hostname), and the port too:
 * X-Forwarded-Host counts only when the connecting peer is a trusted proxy (TRUST_PROXY).
 */
function requestUrl(req: ExpressRequest): string {
  const trust = req.app.get("trust proxy fn") as ((address: string | undefined, hop: number) => boolean) | undefined;
  const forwarded = trust?.(req.socket.remoteAddress, 0) ? req.get("X-Forwarded-Host") : undefined;
  const port = [forwarded, req.get("host")]
    .map((h) => Number.parseInt(h?.split(":")[1] ?? "", 10))
    .find((p) => Number.isSafeInteger(p));
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`).href;
}

function requestHeaders(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  return headers;
}

async function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
