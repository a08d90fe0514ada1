import { randomBytes } from "node:crypto";
import { type APIRequestContext, type Browser, type Page, test as base, expect } from "@playwright/test";

/**
 * End-to-end fixtures: each makes its data through the server's HTTP interface, as a browser would
 * (the server is another process, and PGlite belongs to it alone), and deletes it when the test ends.
 *
 *   quote, reviewQuote   a customer's quote, submitted as the wizard submits it (its JSON POSTed to
 *                        /quote/new); reviewQuote asks for something special, so it waits in the
 *                        technicians' review queue.
 *   quotes.create(...)   more quotes, with a name, e-mail, load or special request of the test's choosing.
 *   quotes.adopt(url)    a quote the test made itself (through the wizard): deleted after the test too.
 *   staffPage(role)      a page in a new browser context signed in as the demo account of `role`;
 *   techPage, salesPage, adminPage   the same, one each.
 *
 * Deleting goes through /dev/fixtures (app/routes/dev.fixtures.ts), which exists only outside
 * production and only with the development mailbox, as the end-to-end server runs
 * (playwright.config.ts). Staff sign in through POST /staff/login; sessions end with POST
 * /staff/logout. The login page itself is tested in security.spec.ts.
 */

export type StaffRole = "admin" | "technician" | "sales";

/** The demo accounts the server seeds outside production (db/seed.ts, DEV_USERS and DEV_PASSWORD). */
export const DEMO_STAFF: Record<StaffRole, { email: string; name: string }> = {
  admin: { email: "admin@specdesk.local", name: "Ada Admin" },
  technician: { email: "tech@specdesk.local", name: "Tim Technician" },
  sales: { email: "sales@specdesk.local", name: "Sara Sales" },
};
export const DEMO_PASSWORD = "specdesk-dev-password";

/** What the wizard posts (app/domain/quote-input.ts, quoteRequestSchema), loosely typed. */
export interface QuoteBody {
  requirements: Record<string, unknown>;
  workloads: Record<string, unknown>[];
  contact: { name: string; email: string; company?: string };
}

export interface QuoteOptions {
  /** The customer's name (default: unique per quote, so staff lists can be filtered by it). */
  name?: string;
  email?: string;
  company?: string;
  /** "Anything special?": a non-empty one sends the quote to the technicians' review queue. */
  special?: string;
  /** One web application with this many visits per day (default 5000), unless `workloads` is given. */
  visitsPerDay?: number;
  workloads?: QuoteBody["workloads"];
  requirements?: Record<string, unknown>;
  /** The customer's language, as ?lng= gives it to the wizard (default en). */
  locale?: "en" | "es";
}

export interface FixtureQuote {
  id: string;
  token: string;
  /** The customer's private page, `/q/<token>` (relative to baseURL). */
  path: string;
  /** The same, absolute. */
  url: string;
  name: string;
  email: string;
  status: string;
  /** The technicians' review item, when the quote waits for one. */
  reviewItemId: string | null;
}

export interface QuoteFactory {
  create: (options?: QuoteOptions) => Promise<FixtureQuote>;
  /** Takes over the clean-up of a quote the test made itself, from its `/q/<token>` URL. */
  adopt: (url: string) => Promise<FixtureQuote>;
}

interface Fixtures {
  quotes: QuoteFactory;
  quote: FixtureQuote;
  reviewQuote: FixtureQuote;
  staffPage: (role: StaffRole) => Promise<Page>;
  techPage: Page;
  salesPage: Page;
  adminPage: Page;
}

/**
 * Unique names and addresses, which staff pages are filtered by. All of one length, so none is part
 * of another (Playwright matches a locator's text or name as a substring).
 */
const uniqueSuffix = () => randomBytes(6).toString("hex");

const TOKEN_PATH = /\/q\/([A-Za-z0-9_-]{43})$/;

async function lookUp(request: APIRequestContext, token: string) {
  const response = await request.get(`/dev/fixtures?token=${encodeURIComponent(token)}`);
  expect(response.status(), "GET /dev/fixtures (is the server running with NODE_ENV=test and the mailbox?)").toBe(200);
  const { quote } = (await response.json()) as {
    quote: { id: string; status: string; reviewItemId: string | null } | null;
  };
  if (!quote) throw new Error(`no quote behind /q/${token}`);
  return quote;
}

async function deleteQuote(request: APIRequestContext, id: string) {
  const response = await request.post("/dev/fixtures", { data: { intent: "delete_quote", id } });
  expect(response.status(), `deleting fixture quote ${id}`).toBe(200);
}

/** Signs a new browser context in as `role` (POST /staff/login, as the login form does) and opens a page in it. */
async function signedInPage(browser: Browser, role: StaffRole) {
  const context = await browser.newContext();
  const response = await context.request.post("/staff/login", {
    form: { email: DEMO_STAFF[role].email, password: DEMO_PASSWORD, redirectTo: "/staff/review" },
    maxRedirects: 0,
  });
  expect(response.status(), `signing in as ${role}`).toBeGreaterThanOrEqual(300);
  expect(response.status(), `signing in as ${role}`).toBeLessThan(400);
  expect(response.headers()["location"]).toBe("/staff/review");
  return context.newPage();
}

/**
 * The browser reports a text whose group its page never loaded (a route forgot a group in
 * `handle.texts`, app/locales/texts.ts): every test fails on one, on customer and staff pages alike.
 */
function watchMissingTexts(page: Page): string[] {
  const missing: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && m.text().startsWith("Missing text group")) missing.push(`${page.url()}: ${m.text()}`);
  });
  return missing;
}

export const test = base.extend<Fixtures>({
  page: async ({ page }, use) => {
    const missing = watchMissingTexts(page);
    await use(page);
    expect(missing, "texts the page's routes did not name").toEqual([]);
  },

  quotes: async ({ request, baseURL }, use) => {
    const made: string[] = [];
    const factory: QuoteFactory = {
      async create(options = {}) {
        const name = options.name ?? `Fixture Customer ${uniqueSuffix()}`;
        const email = options.email ?? `fixture-${uniqueSuffix()}@example.com`;
        const body: QuoteBody = {
          requirements: {
            availability: "standard",
            termMonths: 12,
            region: "eu",
            ...options.requirements,
            ...(options.special ? { specialRequirements: options.special } : {}),
          },
          workloads: options.workloads ?? [{ kind: "web_app", visitsPerDay: options.visitsPerDay ?? 5000 }],
          contact: { name, email, ...(options.company ? { company: options.company } : {}) },
        };
        // The wizard's own submission: its JSON plus the (empty) honeypot field, answered with a redirect to the quote.
        const response = await request.post(`/quote/new?lng=${options.locale ?? "en"}`, {
          data: { ...body, website: "" },
          maxRedirects: 0,
        });
        expect(response.status(), `POST /quote/new: ${await response.text()}`).toBe(302);
        const location = response.headers()["location"] ?? "";
        const token = TOKEN_PATH.exec(location)?.[1];
        if (!token) throw new Error(`POST /quote/new redirected to ${location}, not to a quote`);
        const found = await lookUp(request, token);
        made.push(found.id);
        const path = `/q/${token}`;
        return { ...found, token, path, url: new URL(path, baseURL).toString(), name, email };
      },
      async adopt(url) {
        const token = TOKEN_PATH.exec(new URL(url, baseURL).pathname)?.[1];
        if (!token) throw new Error(`${url} is not a quote's private link`);
        const found = await lookUp(request, token);
        made.push(found.id);
        const path = `/q/${token}`;
        return { ...found, token, path, url: new URL(path, baseURL).toString(), name: "", email: "" };
      },
    };
    await use(factory);
    for (const id of made) await deleteQuote(request, id);
  },

  quote: async ({ quotes }, use) => {
    await use(await quotes.create());
  },

  reviewQuote: async ({ quotes }, use) => {
    await use(await quotes.create({ special: "We must bring our own IP range." }));
  },

  staffPage: async ({ browser }, use) => {
    const pages: Page[] = [];
    const missing: string[] = [];
    await use(async (role) => {
      const page = await signedInPage(browser, role);
      pages.push(page);
      const seen = watchMissingTexts(page);
      page.on("close", () => missing.push(...seen));
      return page;
    });
    for (const page of pages) {
      const context = page.context();
      // Ends the session on the server too (a POST, as the Sign out button sends it).
      await context.request.post("/staff/logout", { maxRedirects: 0 });
      await context.close();
    }
    expect(missing, "texts the staff pages' routes did not name").toEqual([]);
  },

  techPage: async ({ staffPage }, use) => {
    await use(await staffPage("technician"));
  },
  salesPage: async ({ staffPage }, use) => {
    await use(await staffPage("sales"));
  },
  adminPage: async ({ staffPage }, use) => {
    await use(await staffPage("admin"));
  },
});

export { expect };

/** The customer accepts the first tier on their quote page (English) and pays with the stand-in's card. */
export async function acceptAndPayByCard(page: Page, quote: FixtureQuote, name: string) {
  await page.goto(`${quote.path}?lng=en`);
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("E-mail for the invoice").fill(quote.email);
  await page.getByLabel(/I have read and accept the terms/).check();
  await page.getByRole("button", { name: "Accept and continue to payment" }).click();
  await page.getByRole("button", { name: /by card/ }).click();
  await expect(page.getByText(/Paid on/)).toBeVisible();
}
