import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** A text key shown instead of its text: `wizard.title`, `quote.tiers.lean`… */
const RAW_KEY =
  /\b(common|home|wizard|compare|share|offer|accept|needsTechnician|receipt|linkRequest|validation|quote|facts|roles|rules)\.[a-z][A-Za-z]+\b/;

const carried = async (page: Page) =>
  Object.keys(JSON.parse((await page.locator("script#texts").textContent()) ?? "{}") as object);

test("a page's document carries only its own texts; a client-side navigation fetches the next page's first", async ({
  page,
}) => {
  const textRequests: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/texts/")) textRequests.push(r.url());
  });
  await page.goto("/?lng=es");
  expect(await carried(page)).toEqual(["common", "home"]);
  // No language's texts are JavaScript any more.
  const scripts = await page
    .locator("script[src], link[rel=modulepreload]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("src") ?? e.getAttribute("href") ?? ""));
  expect(scripts.filter((s) => /\/(en|es)-[A-Z0-9]+\.js$/.test(s))).toEqual([]);

  await page.getByRole("link", { name: "Obtener una propuesta de servidor" }).click();
  await expect(page).toHaveURL(/\/quote\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "Describa sus cargas de trabajo" })).toBeVisible();
  expect(textRequests).toHaveLength(1);
  const asked = new URL(textRequests[0]!);
  expect(asked.pathname).toBe("/texts/es");
  expect(asked.searchParams.get("groups")).toBe("wizard,validation,storageClasses");
  await expect(page.locator("main")).not.toContainText(RAW_KEY);
  // Back on the home page nothing is fetched again: the browser already has those texts.
  await page.goBack();
  await expect(page.getByRole("link", { name: "Obtener una propuesta de servidor" })).toBeVisible();
  expect(textRequests).toHaveLength(1);
});

test("no customer page shows a text's key instead of its text, in either language", async ({ page, quote }) => {
  for (const lng of ["en", "es"]) {
    for (const path of ["/", "/quote/new", quote.path, "/quote/link"]) {
      await page.goto(`${path}?lng=${lng}`);
      await page.waitForLoadState("networkidle");
      await expect(page.locator("body"), `${path} in ${lng}`).not.toContainText(RAW_KEY);
    }
  }
});
