import { expect, test } from "./fixtures";

/**
 * Issue 17, item 7 (ADR 010): a page paints from its HTML and stylesheets alone, and asks for its
 * JavaScript only after that first paint, so that on a slow phone line the scripts do not compete with
 * what the customer sees first. The page then hydrates and works as before.
 */
test("the home page, the wizard and a quote page paint before they ask for any script, then hydrate", async ({
  browser,
  quote,
}) => {
  for (const path of ["/?lng=en", "/quote/new?lng=es", `${quote.path}?lng=en`]) {
    // A new context each time: nothing cached, every script fetched over the network.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(path);
    const order = await page.evaluate(() => {
      const paint = performance.getEntriesByName("first-contentful-paint")[0]?.startTime;
      const scripts = performance
        .getEntriesByType("resource")
        .filter((r) => new URL(r.name).pathname.startsWith("/build/") && r.name.endsWith(".js"))
        .map((r) => r.startTime);
      return { paint, scripts };
    });
    expect(order.paint, `${path}: a first contentful paint`).toBeGreaterThan(0);
    expect(order.scripts.length, `${path}: the app's scripts`).toBeGreaterThan(5);
    for (const start of order.scripts)
      expect(start, `${path}: a script asked for before the first paint`).toBeGreaterThanOrEqual(order.paint!);
    // The scripts ran: React hydrated the page (fixtures.ts waited for it).
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await context.close();
  }
});
