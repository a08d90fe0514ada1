import { chromium } from "playwright-core";
import { execSync } from "node:child_process";
const BASE = "http://127.0.0.1:4701";
const psql = (q) => execSync(`psql -U postgres -h 127.0.0.1 -d shots -tAc "${q}"`).toString().trim();
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
const email = `shots-${Date.now()}@example.com`;
const res = await page.request.post(`${BASE}/quote/new?lng=en`, {
  data: {
    requirements: { availability: "standard", termMonths: 12, region: "eu", migration: { fromExistingServer: true, maxDowntimeMinutes: 60 } },
    workloads: [{ kind: "web_app", visitsPerDay: 5000 }],
    contact: { name: "Marta Ruiz", email, company: "Ruiz Hosting SL" },
    website: "",
  },
  maxRedirects: 0,
});
const qpath = new URL(res.headers()["location"], BASE).pathname;
const shotAccept = async (lng, width) => {
  const p = await ctx.newPage();
  await p.setViewportSize({ width, height: 900 });
  await p.goto(`${BASE}${qpath}?lng=${lng}`);
  await p.locator("#accept").screenshot({ path: `/tmp/shots/accept-${lng}-${width}.png` });
  await p.close();
};
for (const lng of ["en", "es"]) for (const w of [1280, 390]) await shotAccept(lng, w);
await page.goto(`${BASE}${qpath}?lng=en`);
await page.getByLabel("Full name").fill("Marta Ruiz");
await page.getByLabel("E-mail for the invoice").fill(email);
await page.getByLabel(/I have read and accept the terms/).check();
await page.getByRole("button", { name: "Accept and continue to payment" }).click();
await page.waitForURL(/checkout/);
await page.screenshot({ path: "/tmp/shots/checkout-en.png", fullPage: true });
await page.getByRole("button", { name: /by card/ }).click();
await page.getByText(/Paid on/).waitFor();
await page.locator("section.accept").screenshot({ path: "/tmp/shots/order-en-1280.png" });
const quoteId = psql(`select id from quote_requests where contact_email='${email}'`);
psql(`update provisioning_items set status='done' where quote_request_id='${quoteId}'`);
psql(`update billing_subscriptions set billing_requested_at=now() where acceptance_id=(select id from acceptances where quote_request_id='${quoteId}')`);
for (let i = 0; i < 20 && psql(`select count(*) from billing_subscriptions where billing_started_at is not null`) === "0"; i++) await new Promise((r) => setTimeout(r, 1000));
// sign in
await page.goto(`${BASE}/account/sign-in?lng=en`);
await page.getByLabel("E-mail").fill(email);
await page.getByRole("button", { name: "Send me a sign-in link" }).click();
let link;
for (let i = 0; i < 20 && !link; i++) {
  await new Promise((r) => setTimeout(r, 1000));
  await page.goto(`${BASE}/dev/mailbox`);
  const text = (await page.locator("article.mail").filter({ hasText: email }).filter({ hasText: "Sign in to your SpecDesk account" }).first().locator("pre").textContent({ timeout: 500 }).catch(() => "")) ?? "";
  link = /https?:\/\/\S+\/account\/verify\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];
}
await page.goto(BASE + new URL(link).pathname);
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
await page.screenshot({ path: "/tmp/shots/account-en-1280.png", fullPage: true });
await page.goto(`${BASE}/account/billing?lng=en`);
await page.screenshot({ path: "/tmp/shots/debug.png", fullPage: true });
const standIn = new URL(await page.locator("table.invoices a").first().getAttribute("href")).origin;
const advance = () => page.request.post(`${standIn}/v1/test_helpers/standin_clock/advance`, { headers: { Authorization: "Bearer sk_test_specdesk_local_standin" }, form: { months: "1" } });
await advance();
const shotBilling = async (name, lng, width) => {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${BASE}/account/billing?lng=${lng}`);
  await page.screenshot({ path: `/tmp/shots/${name}-${lng}-${width}.png`, fullPage: true });
};
for (const lng of ["en", "es"]) for (const w of [1280, 390]) await shotBilling("billing", lng, w);
// portal: declining card, then a month: overdue
await page.setViewportSize({ width: 1280, height: 900 });
await page.goto(`${BASE}/account/billing?lng=es`);
await page.getByRole("button", { name: "Cambiar la tarjeta" }).click();
await page.screenshot({ path: "/tmp/shots/portal-es.png", fullPage: true });
await page.getByLabel(/0341/).check();
await page.getByRole("button", { name: "Guardar tarjeta" }).click();
await advance();
await new Promise((r) => setTimeout(r, 1000));
for (const lng of ["en", "es"]) for (const w of [1280, 390]) await shotBilling("overdue", lng, w);
// staff
await page.goto(`${BASE}/staff/login`);
await page.getByLabel("E-mail").fill("admin@specdesk.local");
await page.getByLabel("Password").fill("specdesk-dev-password");
await page.getByRole("button", { name: /Sign in/ }).click();
await page.waitForLoadState();
await page.goto(`${BASE}/staff/sales`);
await page.screenshot({ path: "/tmp/shots/staff-sales-1280.png" });
await page.goto(`${BASE}/staff/sales/${quoteId}`);
await page.locator("#acceptance-title").locator("..").screenshot({ path: "/tmp/shots/staff-sales-quote-1280.png" });
await page.goto(`${BASE}/dev/mailbox`);
await page.locator("article.mail").filter({ hasText: "did not go through" }).first().screenshot({ path: "/tmp/shots/dunning-mail.png" });
await browser.close();
console.log("ok");
