import { expect, handedOverService, test } from "./fixtures";

/**
 * Issue 19, capacity reviews: a technician records a review of a running service whose memory is
 * already past 85 %; the review drafts an upgrade quote, e-mailed to the customer, who sees it on
 * their service page, opens it and accepts it as an upgrade of the running service.
 */

test("a capacity review finds memory past 85 %: it drafts an upgrade quote that the customer opens from their service page and accepts as an upgrade", async ({
  page,
  quote,
  quotes,
  techPage,
}) => {
  test.setTimeout(180_000);
  await handedOverService(page, techPage, quote, "Cara Pacity", "cap");

  // The technician opens the service's capacity tab: what it has, never reviewed.
  await techPage.goto(`/staff/services/${quote.id}/capacity`);
  await expect(techPage.getByRole("heading", { name: "Capacity reviews" })).toBeVisible();
  await expect(techPage.getByText("Never reviewed.")).toBeVisible();
  const capacity = (await techPage.getByText(/^Capacity: /).textContent()) ?? "";
  const ramGb = Number(/RAM ([\d.,]+) GB/.exec(capacity)?.[1]?.replaceAll(",", ""));
  expect(ramGb, `the capacity line: ${capacity}`).toBeGreaterThan(0);

  // Memory at 90 % of what the service has; the rest idle.
  await techPage.getByLabel("CPU busy (cores)").fill("0.5");
  await techPage.getByLabel("RAM used (GB)").fill(String(Math.round(ramGb * 0.9 * 10) / 10));
  await techPage.getByLabel("Disk used (GB)").fill("10");
  await techPage.getByLabel("Traffic this month (TB)").fill("0");
  await techPage.getByLabel(/^197 pending sectors/).fill("0");
  await techPage.getByRole("button", { name: "Record the review" }).click();
  await expect(techPage.getByRole("status")).toContainText(
    "Runs out within two quarters: ram. An upgrade quote was drafted",
  );
  const ramRow = techPage.getByRole("row").filter({ hasText: /^RAM/ });
  await expect(ramRow).toContainText("already at or above 85 %");
  await expect(techPage.getByText(/^Upgrade quote open: /)).toBeVisible();
  await expect(techPage.getByText("No disk warning.")).toBeVisible();

  // The customer is told by e-mail, and sees the review and the proposal on their service page.
  const mail = page
    .locator("article.mail")
    .filter({ hasText: quote.email })
    .filter({ hasText: "an upgrade before it runs out" });
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(mail.first()).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(mail.first()).toContainText("Memory: already at 85 % or more");

  await page.goto(`/account/services/${quote.id}?lng=en`);
  const panel = page.locator("section.capacity-review");
  await expect(panel.getByRole("heading", { name: "Capacity review" })).toBeVisible();
  await expect(panel.getByText(/^Last review on .*, by our technician\.$/)).toBeVisible();
  await expect(panel.getByRole("row").filter({ hasText: "Memory" })).toContainText("Already at 85 % or more");
  await expect(panel.getByText("Memory will run out within six months")).toBeVisible();
  await panel.getByRole("button", { name: "Open the upgrade proposal" }).click();
  await expect(page).toHaveURL(/\/q\/[A-Za-z0-9_-]{43}/);
  const upgrade = await quotes.adopt(page.url());
  expect(upgrade.id).not.toBe(quote.id);

  // It states that it upgrades the running service; the owner, signed in, orders it.
  await page.goto(`${upgrade.path}?lng=en`);
  await expect(
    page.getByText(new RegExp(`upgrades your running service ${quote.id.slice(0, 8).toUpperCase()}`, "i")),
  ).toBeVisible();
  await page.getByLabel("Full name").fill("Cara Pacity");
  await page.getByLabel("E-mail for the invoice").fill(quote.email);
  await page.getByLabel(/I have read and accept the terms/).check();
  await page.getByRole("button", { name: "Accept and order the upgrade" }).click();
  await expect(page.getByText("You ordered the upgrade. Our technicians are preparing it.")).toBeVisible();

  // Staff see it accepted: no upgrade quote is open any more.
  await techPage.reload();
  await expect(techPage.getByText(/^Upgrade quote open: /)).toHaveCount(0);
});
