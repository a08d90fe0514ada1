import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The agency of issue 14: a WooCommerce shop (20k visits a day, 5k products), a 200 GB PostgreSQL
// database and Nextcloud for 150 users at 99.9 %, through the wizard. The proposals must be shapes a
// technician would run (the Lean tier on at most four servers) and every figure on the page must come
// from one basis: "What you need" adds up from today's load, and the explanations on the cards start
// from that same base.

type Resource = "vcpu" | "ramGb" | "storageGb";

/** A figure as the page prints it ("1,800 GB", "10.8 TB", "1,4 hilos") in GB or threads. */
function figureOf(text: string, lng: "en" | "es"): number {
  const match = /([\d.,]+)\s*(GB|TB|threads?|hilos?)/.exec(text);
  if (!match) throw new Error(`no figure in "${text}"`);
  const digits = lng === "es" ? match[1]!.replace(/\./g, "").replace(",", ".") : match[1]!.replace(/,/g, "");
  return Number(digits) * (match[2] === "TB" ? 1000 : 1);
}

/** The figures in one "What you need" line: [base, …what is added, total]. */
async function basisLine(page: Page, resource: Resource, lng: "en" | "es") {
  const text = (await page.locator(`[data-basis="${resource}"]`).textContent()) ?? "";
  const [parts, total] = text.split(" = ");
  const figures = parts!
    .split(/ \+ /)
    .map((part) => part.replace(/^[^:]*: /, ""))
    .map((part) => figureOf(part, lng));
  return { figures, total: figureOf(total!, lng), text };
}

/** Σ of the bases the card's explanations start from, per resource ("Shop, CPU: 1 thread today; …"). */
async function chainBases(card: Locator, lng: "en" | "es"): Promise<Record<Resource, number>> {
  const names: Record<string, Resource> =
    lng === "es"
      ? { CPU: "vcpu", memoria: "ramGb", almacenamiento: "storageGb" }
      : { CPU: "vcpu", memory: "ramGb", storage: "storageGb" };
  const today = lng === "es" ? "hoy" : "today";
  const sums: Record<Resource, number> = { vcpu: 0, ramGb: 0, storageGb: 0 };
  const pattern = new RegExp(`^.+, (CPU|memory|storage|memoria|almacenamiento): ([^;]+) ${today}[;.]`);
  for (const sentence of await card.locator("details.explanation li").allTextContents()) {
    const match = pattern.exec(sentence);
    if (match) sums[names[match[1]!]!] += figureOf(match[2]!, lng);
  }
  return sums;
}

async function serverCount(card: Locator, lng: "en" | "es") {
  const label = (await card.locator(".server-count").textContent()) ?? "";
  expect(label).toMatch(lng === "es" ? /^\d+ servidores?$/ : /^\d+ servers?$/);
  const listed = (await card.locator("ul.servers > li").allTextContents()).map((s) => Number(/^(\d+) ×/.exec(s)![1]));
  const count = Number(/^\d+/.exec(label)![0]);
  expect(count, "the count is the sum of the servers listed").toBe(listed.reduce((a, b) => a + b, 0));
  return count;
}

async function checkPage(page: Page, lng: "en" | "es") {
  const resources: Resource[] = ["vcpu", "ramGb", "storageGb"];
  const lean = page.getByRole("article", { name: lng === "es" ? "Ajustada" : "Lean" });
  await expect(lean).toBeVisible();

  // Shapes a technician would run.
  expect(await serverCount(lean, lng), "the Lean tier runs on at most four servers").toBeLessThanOrEqual(4);
  for (const card of await page.getByRole("article").all()) await serverCount(card, lng);

  // Prices per month, not "/ monthly".
  await expect(lean.locator(".price-headline")).toContainText(lng === "es" ? "/ mes" : "/ month");

  const bases = await chainBases(lean, lng);
  for (const resource of resources) {
    // "What you need": base + copies + growth + margin = the total shown above it.
    const { figures, total, text } = await basisLine(page, resource, lng);
    expect(figures.length, text).toBeGreaterThanOrEqual(3);
    const sum = figures.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - total), text).toBeLessThanOrEqual(Math.max(0.2, total * 0.01));
    const headline = figureOf((await page.locator(`.demand [data-figure="${resource}"] dd`).textContent()) ?? "", lng);
    expect(Math.abs(headline - total), text).toBeLessThanOrEqual(Math.max(0.1, total * 0.005));
    // The Lean card's explanations start from the headline's base: Σ of their "today" figures.
    expect(Math.abs(bases[resource] - figures[0]!), `${resource}: ${bases[resource]} vs ${text}`).toBeLessThanOrEqual(
      Math.max(0.3, figures[0]! * 0.02),
    );
  }
  // The card says how its capacity relates to that headline.
  await expect(lean.locator(".capacity-basis")).toContainText(lng === "es" ? "Lo que necesita" : "What you need");
  // Customer text, not field names or false precision.
  // (Our figures: the headline, the capacity bars and the explanations; product names such as
  // "SATA SSD 3.84 TB" are the catalog's.)
  const body = (await page.locator(".demand, .capacity, details.explanation").allTextContents()).join("\n");
  expect(body).not.toMatch(/visitsPerDay|peakQueriesPerSecond|\(s\)|\(es\)|\/ monthly/);
  expect(body).not.toMatch(lng === "es" ? /\d,\d{2,} ?(GB|TB|hilos)/ : /\d\.\d{2,} ?(GB|TB|threads)/);
}

test("the agency scenario: few servers, and one basis for every number, in English and Spanish", async ({
  page,
  quotes,
}) => {
  await page.goto("/quote/new?lng=en");
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();

  await page.getByRole("button", { name: /Add WordPress \/ WooCommerce/ }).click();
  const shop = page.getByRole("group", { name: /Workload 1/ });
  await shop.getByLabel(/^Name/).fill("Shop");
  await shop.getByLabel("Visits per day").fill("20000");
  await shop.getByLabel("It is a WooCommerce shop").check();
  await shop.getByLabel(/Products in the shop/).fill("5000");

  await page.getByRole("button", { name: /Add Database/ }).click();
  const db = page.getByRole("group", { name: /Workload 2/ });
  await db.getByLabel(/^Name/).fill("PostgreSQL");
  await db.getByLabel(/Database engine/).selectOption("postgresql");
  await db.getByLabel("Data size today (GB)").fill("200");

  await page.getByRole("button", { name: /Add Nextcloud/ }).click();
  const cloud = page.getByRole("group", { name: /Workload 3/ });
  await cloud.getByLabel(/^Name/).fill("Nextcloud");
  await cloud.getByLabel(/^Users/).fill("150");

  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Step 2 of 4/ })).toBeVisible();
  await page.getByLabel(/High, 99.9 %/).check();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel("Your name").fill("Ada Agency");
  await page.getByLabel("E-mail").fill("ada@agency.example");
  await page.getByRole("button", { name: "Get my proposals" }).click();

  await expect(page).toHaveURL(/\/q\/[A-Za-z0-9_-]{43}$/);
  await quotes.adopt(page.url());
  await expect(page.getByRole("heading", { level: 2, name: "What you need" })).toBeVisible();
  await checkPage(page, "en");

  await page.goto(`${page.url()}?lng=es`);
  await expect(page.getByRole("heading", { level: 2, name: "Lo que necesita" })).toBeVisible();
  await checkPage(page, "es");
});
