import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, quoteBody, startProductionServer } from "../../scripts/support/server";

/**
 * The memoised render (app/services/render-memo.server.ts) in the production build: a repeat view
 * of unchanged data is served from the memo with this request's own CSP nonce, and any change to
 * what the page shows, or another language, renders afresh.
 */
const postgresUrl = process.env.DATABASE_URL;
if (!postgresUrl && process.env.CI) throw new Error("The memoised-render test needs PostgreSQL: set DATABASE_URL.");

const nonceOf = (response: Response) =>
  /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
const renderOf = (response: Response) => /render;desc="(\w+)"/.exec(response.headers.get("server-timing") ?? "")?.[1];
const withoutNonces = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');

describe.each(postgresUrl ? ["PostgreSQL"] : [])("memoised page renders on %s", () => {
  let server: RunningServer;
  let path: string;

  beforeAll(async () => {
    server = await startProductionServer("memo");
    const created = await fetch(`${server.base}/quote/new`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(quoteBody(7)),
      redirect: "manual",
    });
    expect(created.status).toBe(302);
    path = created.headers.get("location")!;
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function view(suffix = "") {
    const response = await fetch(`${server.base}${path}${suffix}`);
    expect(response.status).toBe(200);
    return { response, html: await response.text() };
  }

  it("serves a repeat view from the memo, with the request's own nonce on every script", async () => {
    const first = await view();
    const second = await view();
    expect(renderOf(first.response)).toBe("rendered");
    expect(renderOf(second.response)).toBe("memoised");
    for (const { response, html } of [first, second]) {
      expect(html).not.toContain("\u0000");
      const nonce = nonceOf(response)!;
      expect(nonce).toMatch(/^[A-Za-z0-9+/=]{22,}$/);
      const scripts = html.match(/<script[^>]*>/g)!;
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
    expect(nonceOf(first.response)).not.toBe(nonceOf(second.response));
    expect(withoutNonces(second.html)).toBe(withoutNonces(first.html));
    // Private pages keep their headers on a memo hit.
    expect(second.response.headers.get("cache-control")).toBe("private, no-store");
    expect(second.response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("renders afresh for another language and after the customer writes", async () => {
    const english = await view();
    const spanish = await view("?lng=es");
    expect(renderOf(spanish.response)).toBe("rendered");
    expect(spanish.html).toContain('lang="es"');
    expect(english.html).toContain('lang="en"');

    const reply = await fetch(`${server.base}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "reply", body: "Can we start next Monday?" }),
      redirect: "manual",
    });
    expect(reply.status).toBeLessThan(400);
    const after = await view();
    expect(renderOf(after.response)).toBe("rendered");
    expect(after.html).toContain("Can we start next Monday?");
    expect(renderOf((await view()).response)).toBe("memoised");
  });

  it("never memoises a page that has not opted in (staff login) or an error page", async () => {
    const login = await fetch(`${server.base}/staff/login`);
    expect(login.status).toBe(200);
    expect(login.headers.get("server-timing")).toBeNull();
    const missing = await fetch(`${server.base}/q/${"A".repeat(43)}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("server-timing")).toBeNull();
  });
});
