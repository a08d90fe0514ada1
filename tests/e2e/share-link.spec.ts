import { expect, test } from "./fixtures";

test("a rep shares a proposal; the customer opens it (the view shows on the dashboard), accepts, pays on the local checkout and sees it paid", async ({
  page,
  browser,
  quotes,
  salesPage: rep,
  techPage: tech,
}) => {
  const quote = await quotes.create({ visitsPerDay: 8000, email: "share@example.com" });
  const customer = quote.name;
  await page.goto(`${quote.path}?lng=en`);
  await expect(page.getByRole("heading", { level: 1, name: "Your server proposals" })).toBeVisible();

  await rep.goto("/staff");
  await rep.getByRole("link", { name: "Sales" }).click();
  const row = rep.getByRole("row").filter({ hasText: customer });
  await expect(row).toContainText("never");
  await row.getByRole("button", { name: "Take ownership" }).click();
  await expect(row).toContainText("Sara Sales");
  await row.getByRole("link", { name: customer }).click();
  await rep.getByRole("button", { name: "Create share link" }).click();
  const link = (await rep.getByRole("status").locator("code").textContent())!;
  expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);

  const visitor = await (await browser.newContext()).newPage();
  const response = await visitor.goto(new URL(link).pathname);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(visitor.getByRole("heading", { level: 1, name: "Your server proposals" })).toBeVisible();
  await expect(visitor.getByText(/This link works until/)).toBeVisible();

  await expect(async () => {
    await rep.goto("/staff/sales");
    await expect(rep.getByRole("row").filter({ hasText: customer })).toContainText(/\d{2}:\d{2} CES?T/, {
      timeout: 1000,
    });
  }).toPass({ timeout: 15_000 });

  // The customer accepts: terms first, then who accepts, then on to Checkout.
  await expect(visitor.getByRole("heading", { name: /Terms of service/ })).toBeVisible();
  await visitor.getByLabel("Full name").fill("Carla Customer");
  await visitor.getByLabel("Company (optional)").fill("Carla GmbH");
  await visitor.getByLabel("E-mail for the invoice").fill("carla@example.com");
  await visitor.getByLabel("Purchase-order number (optional)").fill("PO-2026-17");
  await visitor.getByLabel(/I have read and accept the terms/).check();
  await visitor.getByRole("button", { name: "Accept and continue to payment" }).click();

  // The local Stripe stand-in's checkout page (the real SDK created the session there).
  await expect(visitor.getByRole("heading", { name: "Test checkout" })).toBeVisible();
  expect(new URL(visitor.url()).pathname).toMatch(/^\/checkout\/cs_test_/);
  await visitor.getByRole("button", { name: /by card/ }).click();

  // Back on the proposal: paid once the signed webhook has been processed.
  await expect(visitor).toHaveURL(/checkout=success/);
  await expect(visitor.getByText(/Paid on .*Thank you!/)).toBeVisible();
  await expect(visitor.getByRole("status").filter({ hasText: "Paid: your servers are being prepared" })).toBeVisible();

  // The rep sees the deal won; a technician sees the hand-off.
  await rep.goto("/staff/sales");
  await expect(rep.getByRole("row").filter({ hasText: customer })).toContainText("won");
  await tech.goto("/staff");
  await tech.getByRole("link", { name: "Provisioning" }).click();
  const order = tech.getByRole("row").filter({ hasText: customer });
  await expect(order).toContainText("PO PO-2026-17");
  await order.getByRole("button", { name: "Claim" }).click();
  await expect(tech.getByRole("row").filter({ hasText: customer })).toContainText("claimed by");
});
