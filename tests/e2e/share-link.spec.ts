import { expect, test } from "@playwright/test";

test("a sales rep shares a proposal; the customer's view shows on the dashboard", async ({ page, browser }) => {
  const customer = `Share Customer ${Date.now()}`;
  await page.goto("/quote/new?lng=en");
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await page.getByRole("button", { name: /Add Website or web application/ }).click();
  await page.getByLabel("Visits per day").fill("8000");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel("Your name").fill(customer);
  await page.getByLabel("E-mail").fill("share@example.com");
  await page.getByRole("button", { name: "Get my proposals" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your server proposals" })).toBeVisible();

  const rep = await (await browser.newContext()).newPage();
  await rep.goto("/staff/login");
  await rep.getByLabel("E-mail").fill("sales@specdesk.local");
  await rep.getByLabel("Password").fill("specdesk-dev-password");
  await rep.getByRole("button", { name: "Sign in" }).click();
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
  await expect(visitor.getByText(/Offer valid until/)).toBeVisible();

  await expect(async () => {
    await rep.goto("/staff/sales");
    await expect(rep.getByRole("row").filter({ hasText: customer })).toContainText("UTC", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
});
