import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";

// The wizard on a phone (issue 17): the workload picker is compact, a refused step opens with a
// summary of what to fix, "Start over" asks first, and the term selector says what each term saves.

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test.beforeEach(async ({ page }) => {
  await page.goto("/quote/new?lng=en");
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
});

const topOf = async (locator: Locator) => {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not rendered");
  return box.y + (await locator.page().evaluate(() => window.scrollY));
};

test("on a phone the workload picker is compact and the form is within reach", async ({ page }) => {
  const tiles = page.getByRole("group", { name: "Add a workload" }).getByRole("button");
  await expect(tiles).toHaveCount(15);
  // Every tile, and "Next" after them, within the first 1,200 px (the cards alone were ~3,600 px).
  const last = tiles.last();
  const lastBox = (await last.boundingBox())!;
  expect(lastBox.y + lastBox.height).toBeLessThan(1200);
  expect(await topOf(page.getByRole("button", { name: "Next", exact: true }))).toBeLessThan(1200);
  // Two tiles to a row, and the descriptions one tap away.
  const [a, b] = [(await tiles.nth(0).boundingBox())!, (await tiles.nth(1).boundingBox())!];
  expect(Math.abs(a.y - b.y)).toBeLessThan(2);
  const help = "A site or app your visitors use: shop, CMS, SaaS, API.";
  await expect(tiles.first().getByText(help)).toBeHidden();
  const glossary = page.locator("details").filter({ hasText: "What do these mean?" });
  await expect(glossary.getByText(help)).toBeHidden();
  await glossary.getByText("What do these mean?").click();
  await expect(glossary.getByText(help)).toBeVisible();
  // The tile still says what it does to a screen reader.
  await expect(tiles.first()).toHaveAccessibleName("Add Website or web application");
  await expect(tiles.first()).toHaveAccessibleDescription(help);

  // Adding one puts its first field near the top.
  await tiles.first().click();
  const name = page.getByRole("group", { name: /Workload 1/ }).getByLabel("Name");
  await expect(name).toBeFocused();
  expect(await topOf(name)).toBeLessThan(1200);
});

test("a refused step opens with a summary that links to each field", async ({ page }) => {
  await page.getByRole("button", { name: "Next", exact: true }).click();
  const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: /needs attention/ }) });
  await expect(summary.getByRole("link", { name: "Add a workload" })).toHaveAccessibleDescription(
    "Add at least one workload.",
  );

  await page.getByRole("button", { name: /Add Website or web application/ }).click();
  await page.getByRole("button", { name: /Add Database/ }).click();
  await page
    .getByRole("group", { name: /Workload 1/ })
    .getByLabel("Visits per day")
    .fill("-5");
  await page.getByRole("button", { name: "Next", exact: true }).click();

  const summary2 = page
    .getByRole("alert")
    .filter({ has: page.getByRole("heading", { name: "2 answers need attention" }) });
  await expect(summary2).toBeVisible();
  const links = summary2.getByRole("link");
  await expect(links).toHaveText(["Visits per day", "Data size today (GB)"]);
  await expect(links.nth(0)).toHaveAccessibleDescription("Must be at least 1.");
  await expect(links.nth(1)).toHaveAccessibleDescription("This field is required.");
  // Each link goes to its field.
  await links.nth(1).click();
  await expect(page.getByRole("group", { name: /Workload 2/ }).getByLabel("Data size today (GB)")).toBeFocused();
  await links.nth(0).click();
  await expect(page.getByRole("group", { name: /Workload 1/ }).getByLabel("Visits per day")).toBeFocused();

  // Fixed, the step moves on and the summary is gone.
  await page
    .getByRole("group", { name: /Workload 1/ })
    .getByLabel("Visits per day")
    .fill("1200");
  await page
    .getByRole("group", { name: /Workload 2/ })
    .getByLabel("Data size today (GB)")
    .fill("20");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Step 2 of 4/ })).toBeVisible();
  await expect(page.locator(".error-summary")).toHaveCount(0);

  // The term selector says what each term saves, from the price book in effect.
  const term = page.getByLabel("Contract term");
  const options = await term.locator("option").allTextContents();
  expect(options[0]).toBe("Monthly");
  expect(options.slice(1)).toEqual([
    expect.stringMatching(/^12 months( \(−[\d.]+ %\))?$/),
    expect.stringMatching(/^24 months \(−[\d.]+ %\)$/),
    expect.stringMatching(/^36 months \(−[\d.]+ %\)$/),
  ]);
});

test("Start over asks before clearing anything", async ({ page }) => {
  await page.getByRole("button", { name: /Add Website or web application/ }).click();
  await page.getByLabel("Visits per day").fill("3000");
  await page.getByRole("button", { name: "Start over" }).click();
  const question = page.getByText("Clear every answer and start over? This cannot be undone.");
  await expect(question).toBeFocused();

  // "Keep my answers" keeps them.
  await page.getByRole("button", { name: "Keep my answers" }).click();
  await expect(page.getByLabel("Visits per day")).toHaveValue("3000");
  await expect(page.getByRole("button", { name: "Start over" })).toBeFocused();

  // Confirmed, everything goes, the saved draft too.
  await page.getByRole("button", { name: "Start over" }).click();
  await page.getByRole("button", { name: "Yes, clear everything" }).click();
  await expect(page.getByLabel("Visits per day")).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel("Visits per day")).toHaveCount(0);
});

test("in Spanish the summary uses real plurals and the terms say their discounts", async ({ page }) => {
  await page.goto("/quote/new?lng=es");
  await page.getByRole("button", { name: "Siguiente", exact: true }).click();
  await expect(page.getByRole("heading", { name: "1 respuesta necesita su atención" })).toBeVisible();
  await page.getByRole("button", { name: /Añadir Sitio o aplicación web/ }).click();
  await page.getByRole("spinbutton", { name: /Visitas al día/ }).fill("500");
  await page.getByRole("button", { name: "Siguiente", exact: true }).click();
  const options = await page.getByLabel("Duración del contrato").locator("option").allTextContents();
  expect(options[0]).toBe("Mensual");
  expect(options[2]).toMatch(/^24 meses \(−[\d,]+ %\)$/);
});
