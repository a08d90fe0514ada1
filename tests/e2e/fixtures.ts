import { randomBytes } from "node:crypto";
import { type APIRequestContext, type Browser, type Locator, type Page, test as base, expect } from "@playwright/test";

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

/**
 * A page's scripts load after its first paint (app/utils/deferred-scripts.ts), so a test waits, as a
 * person would, until the page responds: root.tsx marks <html data-hydrated> once React has hydrated.
 * A document without the app's scripts (JSON, a plain-text error) has nothing to wait for.
 */
export async function untilHydrated(page: Page) {
  await page
    .waitForFunction(
      () =>
        document.documentElement.dataset.hydrated === "true" ||
        !document.querySelector('script[type="x-deferred-module"]'),
      undefined,
      { timeout: 15_000 },
    )
    .catch((error: Error) => {
      throw new Error(`${page.url()} did not hydrate (its scripts did not run): ${error.message}`);
    });
}

const HYDRATING = Symbol("waits for hydration");
/** Every navigation a test makes (goto, reload, back, forward, waitForURL) ends once the page is hydrated. */
function waitForHydrationAfterNavigations(page: Page) {
  const marked = page as Page & { [HYDRATING]?: true };
  if (marked[HYDRATING]) return;
  marked[HYDRATING] = true;
  for (const name of ["goto", "reload", "goBack", "goForward", "waitForURL"] as const) {
    const original = (page[name] as (...args: unknown[]) => Promise<unknown>).bind(page);
    Object.assign(page, {
      [name]: async (...args: unknown[]) => {
        const result = await original(...args);
        await untilHydrated(page);
        return result;
      },
    });
  }
}

export const test = base.extend<Fixtures, { browser: Browser }>({
  // Pages of contexts a test opens itself (browser.newContext()) wait for hydration too.
  browser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const context = await newContext(...args);
        // A context without JavaScript never hydrates: its pages are what the server sent.
        if (args[0]?.javaScriptEnabled !== false) context.on("page", waitForHydrationAfterNavigations);
        return context;
      };
      await use(browser);
    },
    { scope: "worker" },
  ],
  context: async ({ context }, use) => {
    context.on("page", waitForHydrationAfterNavigations);
    await use(context);
  },
  page: async ({ page }, use) => {
    waitForHydrationAfterNavigations(page);
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
      // Ends the session on the server too (a POST, as the Sign out button sends it). A kept-alive
      // connection the server has just closed answers "socket hang up": the sign-out is sent again once.
      await context.request
        .post("/staff/logout", { maxRedirects: 0 })
        .catch(() => context.request.post("/staff/logout", { maxRedirects: 0 }));
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

/**
 * What the check script prints on a server that has exactly what its "Sold:" line on the delivery
 * page says (`ramShare` below 1: less memory than sold, so the acceptance test fails on it).
 */
export async function factsMatchingSpec(server: Locator, hostname: string, ramShare = 1) {
  const sold = (await server.getByText(/^Sold: /).textContent()) ?? "";
  const m = /Sold: (\d+) threads, ([\d.]+) GB RAM, ([\d.]+) GB usable(?: \(([^)]*)\))?, ([\d.]+) Gbit\/s/.exec(sold);
  expect(m, `the delivery page's spec line: ${sold}`).not.toBeNull();
  const [, threads, ram, usable, raid, uplink] = m!;
  return JSON.stringify({
    hostname,
    kernel: "6.1.0-28-amd64",
    cpu: { model: "AMD Ryzen 9 5950X", threads: Number(threads) },
    memory: { totalGb: Number(ram) * ramShare },
    disks: [],
    raid: (raid ? raid.split(", ") : []).map((level, i) => ({ name: `md${i}`, level, state: "clean" })),
    filesystems: [{ mount: "/", sizeGb: Number(usable), freeGb: Number(usable) }],
    nic: { name: "eth0", speedMbit: Number(uplink) * 1000 },
  });
}

/**
 * A running service: the customer pays by card, the technician claims the order, delivers every
 * server (`<prefix>-<n>.example`), tests it against the spec and hands it over, and the customer
 * signs in to their account with the e-mailed link.
 */
export async function handedOverService(
  page: Page,
  techPage: Page,
  quote: FixtureQuote,
  customer: string,
  prefix = "web",
) {
  await acceptAndPayByCard(page, quote, customer);
  await techPage.goto("/staff/provisioning");
  const row = techPage.getByRole("row").filter({ hasText: quote.name });
  await row.getByRole("button", { name: "Claim" }).click();
  await expect(row).toContainText("claimed by");
  await row.getByRole("link", { name: "Deliver, test and hand over" }).click();
  const servers = techPage.locator("article.delivery-server");
  await expect(servers.first()).toBeVisible();
  const count = await servers.count();
  for (let i = 0; i < count; i++) {
    const server = servers.nth(i);
    const hostname = `${prefix}-${i + 1}.example`;
    await server.getByLabel("Hostname").fill(hostname);
    await server.getByLabel("IP addresses").fill(`203.0.113.${20 + i}`);
    await server.getByLabel("Data centre").fill("FSN1-DC14");
    await server.getByLabel("Serial / ID").fill(`SN-${prefix}-${i + 1}`);
    await server.getByRole("button", { name: "Save delivery" }).click();
    await expect(server.getByText(/^Delivered: /)).toContainText(hostname);
    await server.getByLabel("Check script output").fill(await factsMatchingSpec(server, hostname));
    await server.getByRole("button", { name: "Test against the spec" }).click();
    await expect(server.getByRole("table")).toContainText("Acceptance test passed");
  }
  await techPage.getByRole("button", { name: "Mark handed over" }).click();
  await expect(techPage.getByRole("status")).toHaveText("Handed over; the customer has been told.");
  await signInByEmail(page, quote.email);
}

/** The customer asks for a sign-in link, takes it from the development mailbox and signs in. */
export async function signInByEmail(page: Page, email: string) {
  await page.goto("/account/sign-in?lng=en");
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  const mail = page
    .locator("article.mail")
    .filter({ hasText: email })
    .filter({ hasText: "Sign in to your SpecDesk account" });
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(mail.first()).toBeVisible({ timeout: 1000 });
  }).toPass();
  const link = /https?:\/\/\S+\/account\/verify\/[A-Za-z0-9_-]{43}/.exec(
    (await mail.first().locator("pre").textContent()) ?? "",
  )?.[0];
  expect(link, "the sign-in link in the e-mail").toBeTruthy();
  await page.goto(new URL(link!).pathname);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
}
