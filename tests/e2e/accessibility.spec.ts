import AxeBuilder from "@axe-core/playwright";
import { type Page, expect, test } from "@playwright/test";

const cspViolations: string[] = [];
function watchCsp(page: Page) {
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
  });
}

/** axe-core on every customer and staff page: no serious or critical violation anywhere (and nothing blocked by the CSP). */
async function audit(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  expect(cspViolations).toEqual([]);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${name}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function submitQuote(page: Page, name: string, special?: string) {
  await page.goto("/quote/new?lng=en");
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await page.getByRole("button", { name: /Add Website or web application/ }).click();
  await page.getByLabel("Visits per day").fill("5000");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  if (special) await page.getByLabel(/Anything special/).fill(special);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("E-mail").fill("a11y@example.com");
  await page.getByRole("button", { name: "Get my proposals" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your server proposals" })).toBeVisible();
  return page.url();
}

test("customer pages have no serious or critical accessibility violations", async ({ page: wizard, browser }) => {
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
  await page.goto("/quote/new?lng=es");
  await audit(page, "wizard (Spanish)");
  await page.goto("/quote/link?lng=en");
  await audit(page, "link request");

  // A fresh visitor (the half-filled wizard above keeps its draft).
  page = await (await browser.newContext()).newPage();
  watchCsp(page);
  const quoteUrl = await submitQuote(page, `A11y Customer ${Date.now()}`);
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
  await page.goto(new URL(quoteUrl).pathname + "?lng=es");
  await audit(page, "quote page (Spanish)");
  await page.goto("/q/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await audit(page, "not found");
});

test("staff pages have no serious or critical accessibility violations", async ({ page, browser }) => {
  const customer = await (await browser.newContext()).newPage();
  watchCsp(customer);
  watchCsp(page);
  await submitQuote(customer, `A11y Review ${Date.now()}`, "We need our own IPv4 range.");
  const shared = `A11y Shared ${Date.now()}`;
  await submitQuote(customer, shared);

  await page.goto("/staff/login");
  await audit(page, "staff login");
  await page.getByLabel("E-mail").fill("admin@specdesk.local");
  await page.getByLabel("Password").fill("specdesk-dev-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: /Review queue/ })).toBeVisible();
  await audit(page, "review queue");
  await page.getByRole("link", { name: /A11y Review/ }).first().click();
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
  await page.goto("/dev/mailbox");
  await audit(page, "development mailbox");

  await customer.goto(new URL(link).pathname + "?lng=en");
  await audit(customer, "shared proposal");
});
