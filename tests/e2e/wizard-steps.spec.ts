import { expect, test } from "./fixtures";

// Issue 15's wizard defects: the budget's label names the chosen currency; the first "Next" after
// typing a budget moves on; and the contact fields are not flagged before the customer has tried
// to send them.

test("the budget follows the currency, one Next moves on, and the contact step starts without errors", async ({
  page,
}) => {
  await page.goto("/quote/new?lng=en");
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await page.getByRole("button", { name: /Add Website or web application/ }).click();
  await page.getByLabel("Visits per day").fill("3000");
  await page.getByRole("button", { name: "Next", exact: true }).click();

  await expect(page.getByLabel(/^Monthly budget \(EUR\)/)).toBeVisible();
  await page.getByLabel("Currency").selectOption("USD");
  const budget = page.getByLabel(/^Monthly budget \(USD\)/);
  await budget.click();
  await page.keyboard.type("450");
  // One click, straight from the field being typed in.
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Step 3 of 4/ })).toBeVisible();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Step 4 of 4/ })).toBeVisible();

  const name = page.getByLabel("Your name");
  const email = page.getByLabel("E-mail");
  await expect(name).toHaveAttribute("aria-invalid", "false");
  await expect(email).toHaveAttribute("aria-invalid", "false");
  await expect(page.locator(".field-error")).toHaveCount(0);

  // A submit attempt flags them.
  await page.getByRole("button", { name: "Get my proposals" }).click();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(name).toBeFocused();

  // The amount was kept, in the chosen currency.
  await page.getByRole("button", { name: "Back" }).click();
  await page.getByRole("button", { name: "Back" }).click();
  await expect(budget).toHaveValue("450");
});
