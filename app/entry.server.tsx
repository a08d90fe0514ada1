import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { type i18n, createInstance } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "./i18n";
import { i18next } from "./i18next.server";
import { clientTexts } from "./locales";
import { groupsFor, pickGroups } from "./locales/texts";
import { htmlBody } from "./utils/html-stream.server";
import { NonceProvider } from "./utils/nonce";
import { log, redactPath } from "./utils/logger.server";
import { lookupRender, rememberRender } from "./services/render-memo.server";
import { DATABASE_RETRY_AFTER_SECONDS } from "#db/client.server";

const ABORT_DELAY = 5_000;

// One initialised i18next per language and set of text groups for the whole process (the texts never
// change at run time); building and initialising a fresh instance on every request was a measurable
// part of each render. The render gets exactly the groups the document sends the browser (root.tsx),
// so a text a page forgot to name shows up already in the server's HTML, not only after hydration.
const instances = new Map<string, Promise<i18n>>();
function i18nFor(lng: "en" | "es", groups: readonly string[]): Promise<i18n> {
  const key = `${lng}:${groups.join(",")}`;
  let ready = instances.get(key);
  if (!ready) {
    const instance = createInstance();
    ready = instance
      .use(initReactI18next)
      .init({ ...i18nConfig, lng, resources: { [lng]: { translation: pickGroups(clientTexts[lng], groups) } } })
      .then(() => instance);
    instances.set(key, ready);
  }
  return ready;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  // Pages that carry a private token set a stricter policy themselves.
  if (!responseHeaders.has("Referrer-Policy"))
    responseHeaders.set("Referrer-Policy", "strict-origin-when-cross-origin");
  // A page whose loader or action found the database unavailable (server/db-unavailable.ts): the
  // thrown 503's own headers do not reach the document, so say here when to come back.
  if (responseStatusCode === 503 && !responseHeaders.has("Retry-After"))
    responseHeaders.set("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
  const lng = await i18next.getLocale(request);
  const handles = remixContext.staticHandlerContext.matches.map((m) => remixContext.routeModules[m.route.id]?.handle);
  const instance = await i18nFor(lng === "es" ? "es" : "en", groupsFor(handles));

  // Pages whose HTML is a pure function of their data are rendered once per distinct data.
  const memo = await lookupRender(request, responseStatusCode, remixContext, lng, nonce);
  if (memo) responseHeaders.append("Server-Timing", `render;desc="${memo.html == null ? "rendered" : "memoised"}"`);
  if (memo?.html != null) {
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    return new Response(memo.html, { headers: responseHeaders, status: responseStatusCode });
  }
  const context = memo?.context ?? remixContext;

  // Bots and crawlers get the whole document at once; browsers get the shell as soon as it is ready.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let failed = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={context} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = htmlBody(memo ? (html) => !failed && rememberRender(memo.key, html, nonce) : undefined);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          failed = true;
          responseStatusCode = 500;
          if (shellRendered) log().error({ err: error }, "render failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Errors thrown by loaders and actions (and Remix's own, like a refused cross-site action) are logged
 * with the request id. Remix's own 4xx answers (a URL no route matches, a method a route lacks) are
 * the client's mistake, not the server's: info, not error.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  const clientError = isRouteErrorResponse(error) && error.status < 500;
  log()[clientError ? "info" : "error"](
    { err: error, method: request.method, url: redactPath(new URL(request.url).pathname) },
    clientError ? "request refused" : "unhandled error",
  );
}
