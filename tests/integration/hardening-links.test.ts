import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { Outlet, RemixServer } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { createInstance } from "i18next";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "#db/client.server";
import { quoteAccessTokens } from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { i18nConfig } from "~/i18n";
import { resources } from "~/locales";
import { customerPageByToken } from "~/models/customer-page.server";
import { quoteIdByToken } from "~/models/quote-request.server";
import * as quoteRoute from "~/routes/q.$token/route";
import { action as linkAction } from "~/routes/quote.link/route";
import { hashToken } from "~/utils/token.server";
import { createQuote } from "../factories";
import { req, status } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const input: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 1500 }],
  contact: { name: "Idle Ida", email: "idle@example.com" },
};
const DAY = 86_400_000;

/** A quote from `email`; its private link token. */
async function submit(email = input.contact.email) {
  return (await createQuote(getDb(), { contact: { email } }, input)).token;
}

const page = (token: string) =>
  status(() => quoteRoute.loader({ request: req(`/q/${token}`), params: { token }, context: {} }));
const post = (token: string, form: Record<string, string>) =>
  status(() => quoteRoute.action({ request: req(`/q/${token}`, undefined, form), params: { token }, context: {} }));

describe.each(TEST_DATABASES)("customer links expire after QUOTE_LINK_IDLE_DAYS without use on $name", (target) => {
  const database = useTestDatabase(target);
  const lastUsed = async (token: string) =>
    (
      await database()
        .db.select({ at: quoteAccessTokens.lastUsedAt })
        .from(quoteAccessTokens)
        .where(eq(quoteAccessTokens.tokenHash, hashToken(token)))
    )[0]!.at;
  const setLastUsed = (token: string, at: Date) =>
    database()
      .db.update(quoteAccessTokens)
      .set({ lastUsedAt: at })
      .where(eq(quoteAccessTokens.tokenHash, hashToken(token)));

  it("a link idle for more than 365 days opens nothing (page and actions: 404); one idle for 364 still works", async () => {
    const stale = await submit();
    const fresh = await submit();
    await setLastUsed(stale, new Date(Date.now() - 366 * DAY));
    await setLastUsed(fresh, new Date(Date.now() - 364 * DAY));
    expect(await page(stale)).toBe(404);
    expect(await post(stale, { intent: "reply", body: "Still there?" })).toBe(404);
    expect(await post(stale, { intent: "view" })).toBe(404);
    expect(await quoteIdByToken(database().db, stale)).toBeNull();
    expect(await page(fresh)).toBe(200);
  });

  it("reading the page (GET) changes nothing; its view beacon and the customer's actions (POST) record the use", async () => {
    const token = await submit();
    const old = new Date(Date.now() - 300 * DAY);
    await setLastUsed(token, old);
    expect(await page(token)).toBe(200);
    expect((await lastUsed(token)).getTime()).toBe(old.getTime());

    expect(await post(token, { intent: "view" })).toBe(200);
    expect(Date.now() - (await lastUsed(token)).getTime()).toBeLessThan(60_000);

    await setLastUsed(token, old);
    expect(await post(token, { intent: "reply", body: "Any news?" })).toBe(200);
    expect(Date.now() - (await lastUsed(token)).getTime()).toBeLessThan(60_000);

    // Used 300 days ago, then today: it now lives another 365 days from today.
    expect(await customerPageByToken(database().db, token, new Date(Date.now() + 364 * DAY))).not.toBeNull();
  });

  it("the idle period is configurable (QUOTE_LINK_IDLE_DAYS)", async () => {
    const token = await submit();
    await setLastUsed(token, new Date(Date.now() - 31 * DAY));
    expect(await customerPageByToken(database().db, token)).not.toBeNull();
    expect(await customerPageByToken(database().db, token, new Date(), 30)).toBeNull();
    expect(await quoteIdByToken(database().db, token, new Date(), 30)).toBeNull();
  });

  it("an expired link's owner gets a new one at /quote/link", async () => {
    const token = await submit("renew@example.com");
    await setLastUsed(token, new Date(Date.now() - 400 * DAY));
    expect(await page(token)).toBe(404);
    await linkAction({
      request: req("/quote/link", undefined, { email: "renew@example.com" }),
      params: {},
      context: {},
    });
    const { outboxMessages } = await import("#db/schema");
    const [mail] = await database().db.select().from(outboxMessages).where(eq(outboxMessages.template, "link_request"));
    const renewed = /\/q\/([A-Za-z0-9_-]{43})/.exec(mail!.textBody)![1]!;
    expect(await page(renewed)).toBe(200);
  });
});

describe("QUOTE_LINK_IDLE_DAYS", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });
  it("defaults to 365 days and takes another value", async () => {
    vi.stubEnv("QUOTE_LINK_IDLE_DAYS", undefined);
    vi.resetModules();
    expect((await import("~/utils/env.server")).quoteLinkIdleDays()).toBe(365);
    vi.stubEnv("QUOTE_LINK_IDLE_DAYS", "90");
    vi.resetModules();
    expect((await import("~/utils/env.server")).quoteLinkIdleDays()).toBe(90);
  });
});

/** The quote route in a real Remix request handler, with a document render that renders the error boundary. */
function buildWith(route: ServerBuild["routes"][string]["module"], lng: string): ServerBuild {
  return {
    mode: "production",
    entry: {
      module: {
        default: async (request, statusCode, headers, remixContext) => {
          const i18n = createInstance();
          await i18n.init({ ...i18nConfig, resources, lng });
          const html = renderToString(
            createElement(
              I18nextProvider,
              { i18n },
              createElement(RemixServer, { context: remixContext, url: request.url }),
            ),
          );
          return new Response(html, { status: statusCode, headers });
        },
      },
    },
    routes: {
      root: { id: "root", path: "", module: { default: Outlet } as never },
      "routes/q.$token": { id: "routes/q.$token", parentId: "root", path: "q/:token", module: route },
    },
    assets: {
      entry: { module: "/entry.js", imports: [] },
      routes: {
        root: { id: "root", module: "/root.js", hasLoader: false, hasAction: false, hasErrorBoundary: false },
        "routes/q.$token": {
          id: "routes/q.$token",
          parentId: "root",
          path: "q/:token",
          module: "/q.js",
          hasLoader: true,
          hasAction: true,
          hasErrorBoundary: true,
        },
      },
      url: "/manifest.js",
      version: "test",
    } as never,
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
    } as never,
    isSpaMode: false,
  } as ServerBuild;
}

describe.each(TEST_DATABASES)("the page of a link that no longer works on $name", (target) => {
  useTestDatabase(target);
  for (const [lng, expected] of [
    ["en", /expire[\s\S]*href="\/quote\/link"/],
    ["es", /caduca[\s\S]*href="\/quote\/link"/],
  ] as const) {
    it(`says links expire when unused and where to ask for a new one (${lng})`, async () => {
      const handler = createRequestHandler(buildWith(quoteRoute as never, lng));
      const res = await handler(new Request(`http://localhost/q/${"x".repeat(43)}`));
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toMatch(expected);
    });
  }
});
