import { expect, test } from "./fixtures";

/**
 * Issue 17: a technician's one-off item (no monthly price, a setup price) reads as one-time on the
 * customer's page in both languages: "—" per month, its price in the setup column and in the unit
 * line, and in the setup total; never "€0.00 / month".
 */
test("a one-time custom line shows no monthly price and its price under setup, in English and Spanish", async ({
  page,
  reviewQuote,
  techPage: staff,
}) => {
  await staff.goto("/staff/review");
  const row = staff.getByRole("row").filter({ hasText: reviewQuote.name });
  await row.getByRole("button", { name: "Claim" }).click();
  await expect(staff.getByRole("heading", { name: new RegExp(`Review: ${reviewQuote.name}`) })).toBeVisible();
  const lean = staff.locator("form.adjust").first();
  await lean.getByLabel("Custom description").fill("Data recovery from the old RAID");
  await lean.getByLabel("Monthly (€)").fill("0");
  await lean.getByLabel("Setup (€)").fill("450,00");
  await lean.getByLabel("Reason (the customer sees it)").fill("Recovering the degraded array before the move");
  await lean.getByRole("button", { name: "Save as new version" }).click();
  await expect(staff.getByRole("status")).toHaveText("Saved as version 2.");
  await staff.getByRole("button", { name: "Approve and publish version 2" }).click();
  await expect(staff.getByRole("status")).toHaveText("Version 2 published to the customer.");

  for (const [lng, texts] of [
    ["en", { unit: "1 × €450.00 one-time", setup: "€450.00", oneTime: "one-time" }],
    ["es", { unit: "1 × 450,00 € pago único", setup: "450,00 €", oneTime: "pago único" }],
  ] as const) {
    await page.goto(`${reviewQuote.path}?lng=${lng}`);
    const line = page.getByRole("row").filter({ hasText: "Data recovery from the old RAID" }).first();
    await expect(line).toBeVisible();
    const cells = line.getByRole("cell");
    await expect(cells.nth(0)).toContainText(texts.unit);
    // Per month: a dash for sighted readers and "one-time" for screen readers; never a zero amount.
    await expect(cells.nth(1)).toHaveText(new RegExp(`^—\\s*${texts.oneTime}$`));
    await expect(cells.nth(1)).not.toContainText("0.00");
    await expect(cells.nth(1)).not.toContainText("0,00");
    await expect(cells.nth(2)).toHaveText(texts.setup);
  }
});
