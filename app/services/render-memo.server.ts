import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { EntryContext } from "@remix-run/node";
import { getEnv } from "~/utils/env.server";

/**
 * Memoised server rendering for pages whose HTML is a pure function of their data.
 *
 * The loaders still run on every request (access checks, fresh data). What is skipped is React's
 * render of the same data twice: the key is a SHA-256 of everything the HTML depends on: the
 * build, the URL, the language, the status and the exact bytes of the serialised loader and action
 * data Remix embeds in the page. Any change to what a customer would see changes those bytes, so
 * there is nothing to invalidate and nothing a second instance has to know. The per-request CSP
 * nonce is the one part of a page that differs between two renders of the same data; it is stored
 * as a slot and filled in on every hit.
 *
 * A route opts in with `handle: { pureRender: true }` (every matched route must): its components
 * may read only their loader data, the URL and the language: no clock, no randomness, no cookies.
 */
/** Stands for the nonce in a stored page; NUL never occurs in rendered HTML. */
const NONCE_SLOT = "\u0000nonce\u0000";

let memo: LRUCache<string, string> | null | undefined;
function store(): LRUCache<string, string> | null {
  if (memo === undefined) {
    const megabytes = getEnv().RENDER_MEMO_MB;
    memo =
      megabytes > 0
        ? new LRUCache<string, string>({ maxSize: megabytes * 1024 * 1024, sizeCalculation: (html) => html.length * 2 })
        : null;
  }
  return memo;
}

export function isPureRender(context: EntryContext): boolean {
  const { matches } = context.staticHandlerContext;
  return (
    matches.length > 0 &&
    matches.every(
      (m) => (context.routeModules[m.route.id]?.handle as { pureRender?: boolean } | undefined)?.pureRender === true,
    )
  );
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

export interface MemoLookup {
  /** The stored page with this request's nonce, when the same data was rendered before. */
  html: string | null;
  key: string;
  /** The entry context to render with on a miss (its data stream has been read for the key). */
  context: EntryContext;
}

/**
 * The memo entry for this document request, or null when it may not be memoised (not a GET, not a
 * 200, a route that has not opted in, no nonce, the memo switched off).
 */
export async function lookupRender(
  request: Request,
  status: number,
  context: EntryContext,
  lng: string,
  nonce: string,
): Promise<MemoLookup | null> {
  const memo = store();
  if (
    !memo ||
    request.method !== "GET" ||
    status !== 200 ||
    !nonce ||
    !context.serverHandoffStream ||
    !isPureRender(context)
  )
    return null;
  const chunks = await readAll(context.serverHandoffStream);
  const hash = createHash("sha256").update(`${context.manifest.version}\n${request.url}\n${lng}\n${status}\n`);
  for (const chunk of chunks) hash.update(chunk);
  const key = hash.digest("base64url");
  const replay = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const stored = memo.get(key);
  return {
    html: stored === undefined ? null : stored.split(NONCE_SLOT).join(nonce),
    key,
    context: { ...context, serverHandoffStream: replay },
  };
}

/** Keeps a completed render for the next request with the same key. */
export function rememberRender(key: string, html: string, nonce: string) {
  store()?.set(key, html.split(nonce).join(NONCE_SLOT));
}
