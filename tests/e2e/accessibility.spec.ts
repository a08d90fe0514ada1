import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const cspViolations: string[] = [];
function watchCsp(page: Page) {
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text()))
      cspViolations.push(`${page.url()}: ${m.text()}`);
  });
}

/** axe-core on every customer and staff page: no serious or critical violation anywhere (and nothing blocked by the CSP). */
async function audit(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  expect(cspViolations).toEqual([]);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${name}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

// Each test audits a dozen pages with axe, each a few seconds on two busy cores: more than the
// default minute a single page's test gets.
test.describe.configure({ timeout: 180_000 });

test("customer pages have no serious or critical accessibility violations", async ({
  page: wizard,
  browser,
  quote,
}) => {
  let page = wizard;
  watchCsp(page);
  await page.goto("/?lng=en");
  await audit(page, "home");
  await page.goto("/quote/new");
  await audit(page, "wizard (empty)");
  await page.getByRole("button", { name: /Add Website or web application/ }).click();
  await audit(page, "wizard (a workload)");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.locator(".field-error").first()).toBeVisible();
  await audit(page, "wizard (errors shown)");
  await page.getByLabel("Visits per day").fill("5000");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await audit(page, "wizard (requirements)");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel(/Yes, from a server we run today/).check();
  await page.getByRole("button", { name: "+ Other window" }).click();
  await audit(page, "wizard (moving)");
  await page.goto("/quote/new?lng=es");
  await audit(page, "wizard (Spanish)");
  await page.goto("/quote/link?lng=en");
  await audit(page, "link request");

  // A fresh visitor (the half-filled wizard above keeps its draft).
  page = await (await browser.newContext()).newPage();
  watchCsp(page);
  const quoteUrl = quote.url;
  await page.goto(`${quote.path}?lng=en`);
  await expect(page.getByRole("heading", { level: 1, name: "Your server proposals" })).toBeVisible();
  await audit(page, "quote page");
  // Accepting with the terms unticked shows field errors: audited too.
  await page.getByLabel("Full name").fill("Ann Access");
  await page.getByLabel("E-mail for the invoice").fill("ann@example.com");
  await page.getByRole("button", { name: "Accept and continue to payment" }).click();
  await audit(page, "quote page (accept form)");
  await page.getByLabel(/I have read and accept the terms/).check();
  await page.getByRole("button", { name: "Accept and continue to payment" }).click();
  await page.getByRole("button", { name: /by card/ }).click();
  await expect(page.getByText(/Paid on/)).toBeVisible();
  await audit(page, "quote page (paid)");
  await page.goto(`${new URL(quoteUrl).pathname}/receipt?lng=en`);
  await expect(page.getByRole("heading", { level: 1, name: "Receipt" })).toBeVisible();
  await audit(page, "receipt");
  await page.goto("/legal/terms?lng=es");
  await audit(page, "terms (Spanish)");
  await page.goto("/legal/imprint?lng=en");
  await audit(page, "company details");
  await page.goto(new URL(quoteUrl).pathname + "?lng=es");
  await audit(page, "quote page (Spanish)");
  await page.goto("/q/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await audit(page, "not found");
});

test("staff pages have no serious or critical accessibility violations", async ({
  page: visitor,
  browser,
  quotes,
  reviewQuote,
  adminPage: page,
}) => {
  const customer = await (await browser.newContext()).newPage();
  watchCsp(customer);
  watchCsp(visitor);
  watchCsp(page);
  const shared = (await quotes.create()).name;

  await visitor.goto("/staff/login");
  await audit(visitor, "staff login");
  // Signed in by the fixture (the login form itself: security.spec.ts).
  await page.goto("/staff/review");
  await expect(page.getByRole("heading", { name: /Review queue/ })).toBeVisible();
  await audit(page, "review queue");
  await page.getByRole("link", { name: reviewQuote.name }).click();
  await audit(page, "review item");
  await page.goto("/staff/sales");
  await audit(page, "sales dashboard");
  await page.getByRole("link", { name: shared }).click();
  await page.getByRole("button", { name: "Create share link" }).click();
  await audit(page, "sales quote");
  const link = (await page.getByRole("status").locator("code").textContent())!;
  await page.goto("/staff/discounts");
  await audit(page, "discount approvals");
  await page.goto("/staff/provisioning");
  await audit(page, "provisioning");
  await page.goto("/staff/users");
  await audit(page, "people");
  await page.goto("/staff/company");
  await audit(page, "company settings");
  await page.goto("/staff/catalog");
  await audit(page, "catalog");
  await page.goto("/staff/catalog/servers/ax41-nvme");
  await audit(page, "catalog server");
  await page.goto("/staff/catalog/addons/ipv4");
  await audit(page, "catalog add-on");
  await page.goto("/staff/price-books");
  await audit(page, "price books");
  await page.goto("/dev/mailbox");
  await audit(page, "development mailbox");

  await customer.goto(new URL(link).pathname + "?lng=en");
  await audit(customer, "shared proposal");
});
