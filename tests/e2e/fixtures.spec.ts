import { expect, test } from "./fixtures";

/**
 * The fixtures themselves (tests/e2e/fixtures.ts): what they make is there during the test and
 * gone after it. The two tests run in this order, one after the other.
 */
test.describe.configure({ mode: "serial" });

let made: { tokens: string[]; reviewName: string } | undefined;

test("fixtures make a priced quote, a quote in the review queue and signed-in staff", async ({
  page,
  quote,
  reviewQuote,
  quotes,
  techPage,
  salesPage,
}) => {
  await page.goto(`${quote.path}?lng=en`);
  await expect(page.getByRole("status").first()).toHaveText(/Proposals ready/);
  expect(quote.reviewItemId).toBeNull();

  await page.goto(`${reviewQuote.path}?lng=en`);
  await expect(page.getByRole("status").first()).toHaveText(/A technician is reviewing your request/);
  expect(reviewQuote.reviewItemId).not.toBeNull();

  // The staff pages are signed in, each as its own role.
  await techPage.goto(`/staff/review/${reviewQuote.reviewItemId}`);
  await expect(techPage.getByRole("heading", { name: new RegExp(`Review: ${reviewQuote.name}`) })).toBeVisible();
  await expect(techPage.getByRole("navigation", { name: "Staff" })).toContainText("Tim Technician (technician)");
  await salesPage.goto("/staff/sales");
  await expect(salesPage.getByRole("row").filter({ hasText: quote.name })).toBeVisible();
  await expect(salesPage.getByRole("navigation", { name: "Staff" })).toContainText("Sara Sales (sales)");

  // A quote the test made another way can be handed over for clean-up too.
  const other = await quotes.create({ locale: "es" });
  const adopted = await quotes.adopt(other.url);
  expect(adopted.id).toBe(other.id);

  made = { tokens: [quote.token, reviewQuote.token, other.token], reviewName: reviewQuote.name };
});

test("what the fixtures made is deleted after the test", async ({ page, request, techPage }) => {
  // Serial mode runs this after the test above, which records what it made; without that record, fail.
  expect(made, "the test above records what its fixtures made").toBeDefined();
  for (const token of made!.tokens) {
    const lookup = await request.get(`/dev/fixtures?token=${token}`);
    expect(await lookup.json()).toEqual({ quote: null });
    const response = await page.goto(`/q/${token}`);
    expect(response?.status()).toBe(404);
  }
  // The review queue no longer lists it.
  await techPage.goto("/staff/review");
  await expect(techPage.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await expect(techPage.getByRole("row").filter({ hasText: made!.reviewName })).toHaveCount(0);
});
