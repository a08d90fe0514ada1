import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** The cloud server the default fixture quote's Lean proposal runs on (db/seed-data.ts). */
const SERVER = "CX23";

const euros = (text: string) => Math.round(Number(text.replace(",", ".")) * 100);
const money = (minor: number) => `€${(minor / 100).toFixed(2)}`;

test("an admin raises a server's price in a draft, checks the diff and the impact, publishes, and an expired quote refreshes to it", async ({
  page,
  request,
  quote,
  adminPage: admin,
}) => {
  // The customer's prices have run out (as if their 30 days had passed).
  const expired = await request.post("/dev/fixtures", { data: { intent: "expire_quote", id: quote.id } });
  expect(await expired.json()).toEqual({ expired: true });

  // The admin starts a draft from the euro book in effect.
  await admin.goto("/staff/price-books");
  await expect(admin.getByRole("heading", { name: "Price books" })).toBeVisible();
  // Case-sensitive: the USD book's note mentions "euro".
  const current = admin.getByRole("row").filter({ hasText: "In effect now" }).filter({ hasText: /EUR/ });
  const currentVersion = Number((await current.getByRole("link", { name: /^Version \d+$/ }).textContent())!.slice(8));
  await current.getByRole("button", { name: `New draft from version ${currentVersion}` }).click();
  await expect(admin.getByRole("heading", { name: /^Price book version \d+ \(EUR\)$/ })).toBeVisible();
  const draftVersion = Number(
    /version (\d+)/.exec((await admin.getByRole("heading", { level: 1 }).textContent())!)![1],
  );

  try {
    // Raises the server's monthly price by €1.50 and saves.
    const monthly = admin.getByLabel(`Monthly price of ${SERVER}`, { exact: true });
    const oldMinor = euros(await monthly.inputValue());
    const newMinor = oldMinor + 150;
    await monthly.fill((newMinor / 100).toFixed(2).replace(".", ","));
    await admin.getByRole("button", { name: "Save draft" }).click();
    await expect(admin.getByRole("status")).toHaveText(/^Saved 1 price\./);

    // The comparison with the book in effect shows old, new and the change.
    await expect(admin.getByText(`1 difference from version ${currentVersion}, the book in effect`)).toBeVisible();
    await admin.getByRole("link", { name: `Compare with version ${currentVersion}` }).click();
    await expect(
      admin.getByRole("heading", { name: `Version ${currentVersion} → version ${draftVersion}` }),
    ).toBeVisible();
    const row = admin.getByRole("row", { name: new RegExp(`^${SERVER}`) });
    await expect(row).toContainText(money(oldMinor));
    await expect(row).toContainText(money(newMinor));
    await expect(row).toContainText(/\+\d+(\.\d+)? %/);
    await expect(admin.getByText(/1 of \d+ products differ/)).toBeVisible();
    await admin.getByRole("link", { name: `Back to version ${draftVersion}` }).click();

    // The impact preview lists the customer's quote: expired, and dearer on refresh.
    const impact = admin.getByRole("region", { name: "Impact on open quotes" });
    await expect(impact).toContainText(/\d+ of \d+ open quotes? would change price/);
    const quoteRow = impact.getByRole("row").filter({ hasText: quote.name });
    await expect(quoteRow).toContainText("expired");
    await expect(quoteRow).toContainText(/Lean: €[\d.]+ → €[\d.]+/);
    await expect(quoteRow.getByRole("cell").last()).toContainText(/^\+€/);

    // Published now, it is in effect.
    await admin.getByRole("button", { name: `Publish version ${draftVersion}` }).click();
    await expect(admin.getByRole("status")).toHaveText(
      new RegExp(`^Published: version ${draftVersion} is in effect from now`),
    );
    await expect(admin.getByText("In effect now", { exact: true })).toBeVisible();
    await expect(admin.getByRole("button", { name: "Save draft" })).toHaveCount(0);

    // The customer refreshes the expired quote and sees the new price and the difference.
    await page.goto(`${quote.path}?lng=en`);
    await expect(page.getByText(/These prices expired on/)).toBeVisible();
    await page.getByRole("button", { name: "Show current prices" }).click();
    const note = page.getByRole("note");
    await expect(note).toContainText("Prices updated at current rates");
    await expect(note).toContainText(`${SERVER}: ${money(oldMinor)} → ${money(newMinor)} a month each`);
    await expect(note).toContainText(/Lean: setup €[\d.]+ → €[\d.]+, monthly €[\d.]+ → €[\d.]+/);
    await expect(
      page
        .getByRole("article", { name: "Lean" })
        .getByRole("row", { name: new RegExp(SERVER) })
        .first(),
    ).toContainText(money(newMinor));
  } finally {
    // Later tests expect the seed's prices: publish the earlier book's prices again (books are never deleted).
    await admin.goto("/staff/price-books");
    const again = admin
      .getByRole("row")
      .filter({ has: admin.getByRole("link", { name: `Version ${currentVersion}`, exact: true }) });
    await again.getByRole("button", { name: `New draft from version ${currentVersion}` }).click();
    await expect(admin.getByRole("heading", { name: /^Price book version \d+ \(EUR\)$/ })).toBeVisible();
    await admin.getByRole("button", { name: /^Publish version \d+$/ }).click();
    await expect(admin.getByRole("status")).toHaveText(/^Published: version \d+ is in effect from now/);
  }
});

/** axe-core as tests/e2e/accessibility.spec.ts runs it: no serious or critical violation. */
async function audit(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${name}: ${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("the price book pages pass the accessibility audit, on a phone too, and a draft can be deleted", async ({
  adminPage: admin,
}) => {
  test.setTimeout(120_000);
  await admin.goto("/staff/price-books");
  await audit(admin, "list");
  // Case-sensitive: the USD book's note mentions "euro".
  const current = admin.getByRole("row").filter({ hasText: "In effect now" }).filter({ hasText: /EUR/ });
  await current.getByRole("button", { name: /^New draft from version \d+$/ }).click();
  await expect(admin.getByRole("heading", { name: /^Price book version \d+ \(EUR\)$/ })).toBeVisible();
  // Field errors shown beside their inputs.
  await admin.getByLabel(`Monthly price of ${SERVER}`, { exact: true }).fill("-1");
  await admin.getByLabel("12 months").fill("150");
  await admin.getByRole("button", { name: "Save draft" }).click();
  await expect(admin.getByText("2 fields need correcting (marked below).")).toBeVisible();
  await expect(admin.getByText("A discount is at most 100 %.")).toBeVisible();
  await audit(admin, "draft with errors");
  await admin.setViewportSize({ width: 390, height: 800 });
  await audit(admin, "draft at 390 px");
  // Nothing overflows the phone's width: wide tables scroll in their own box.
  expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await admin.getByRole("link", { name: /^Compare with version \d+$/ }).click();
  await expect(admin.getByRole("heading", { name: /→/ })).toBeVisible();
  await audit(admin, "diff at 390 px");
  await admin.getByRole("link", { name: /^Back to version \d+$/ }).click();
  await admin.getByRole("button", { name: "Delete this draft" }).click();
  await expect(admin.getByRole("heading", { name: "Price books" })).toBeVisible();
  expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await audit(admin, "list at 390 px");
  await admin
    .getByRole("row")
    .filter({ hasText: "In effect now" })
    .filter({ hasText: /EUR/ })
    .getByRole("link")
    .first()
    .click();
  await expect(admin.getByRole("heading", { name: /^Price book version \d+ \(EUR\)$/ })).toBeVisible();
  await expect(admin.getByText("In effect now", { exact: true })).toBeVisible();
  await audit(admin, "published book at 390 px");
});
