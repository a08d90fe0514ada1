import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** How far the page scrolls sideways (0 when nothing is wider than the viewport), and its widest element. */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    let widest = "";
    let right = 0;
    for (const el of document.body.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if (box.right > right) [right, widest] = [box.right, `${el.tagName.toLowerCase()}.${el.className}`];
    }
    return { overflow: document.documentElement.scrollWidth - width, widest: `${widest} (${Math.round(right)} px)` };
  });

test("the review item page: Claim shows the holder; a note and a message clear their form once sent", async ({
  reviewQuote,
  techPage: tech,
}) => {
  await tech.goto(`/staff/review/${reviewQuote.reviewItemId}`);
  await expect(tech.getByTestId("holder")).toHaveText("Nobody holds this item yet.");
  // Readable facts, not JSON.
  await expect(tech.getByRole("heading", { name: /1\. Website or web application/ })).toBeVisible();
  await expect(tech.locator("dt", { hasText: "Visits per day" })).toBeVisible();
  await expect(tech.locator("body")).not.toContainText('{"kind"');

  await tech.getByRole("button", { name: "Claim", exact: true }).click();
  await expect(tech.getByTestId("holder")).toContainText("Held by you (Tim Technician)");
  await expect(tech.getByRole("button", { name: "Claim", exact: true })).toHaveCount(0);

  const note = tech.getByLabel("Internal note (never shown to the customer)");
  await note.fill("Checked the IP range with the customer's network team.");
  await tech.getByRole("button", { name: "Add note" }).click();
  await expect(tech.getByText("Note saved.")).toBeVisible();
  await expect(tech.getByText("Checked the IP range with the customer's network team.")).toBeVisible();
  await expect(note).toHaveValue("");

  const message = tech.getByLabel("Message to the customer (they see this)");
  await message.fill("Which IP range do you bring?");
  // Another form's text stays while this one is sent.
  await note.fill("draft kept");
  await tech.getByRole("button", { name: "Send to customer" }).click();
  await expect(tech.getByText("Message sent to the customer.")).toBeVisible();
  await expect(message).toHaveValue("");
  await expect(note).toHaveValue("draft kept");
  // Times are in the business zone, labelled.
  await expect(tech.locator(".audit li").first()).toContainText(/\d{4}, \d{2}:\d{2} CES?T/);
});

test("a refused note keeps its text", async ({ reviewQuote, techPage: tech, staffPage }) => {
  // Another technician holds the item: this one's note is refused (403) and must not be lost.
  const other = await staffPage("admin");
  await tech.goto(`/staff/review/${reviewQuote.reviewItemId}`);
  await tech.getByRole("button", { name: "Claim", exact: true }).click();
  await expect(tech.getByTestId("holder")).toContainText("Held by you");
  const note = tech.getByLabel("Internal note (never shown to the customer)");
  // The admin hands the item to nobody else but back to the queue meanwhile: the technician no longer holds it.
  await other.goto(`/staff/review/${reviewQuote.reviewItemId}`);
  await other.getByRole("button", { name: "Unclaim" }).click();
  await expect(other.getByTestId("holder")).toHaveText("Nobody holds this item yet.");
  await note.fill("This must survive a refusal.");
  await tech.getByRole("button", { name: "Add note" }).click();
  await expect(tech.getByText(/Claim this item first/)).toBeVisible();
  await expect(note).toHaveValue("This must survive a refusal.");
});

test("a new share link has a Copy button that says Copied, and stays selectable text without JavaScript", async ({
  quote,
  salesPage: rep,
  browser,
}) => {
  await rep.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await rep.goto(`/staff/sales/${quote.id}`);
  // Each tier's monthly price and setup, in the quote's currency.
  await expect(rep.locator(".tier-prices li").first()).toContainText(/€[\d,.]+\/month · setup €[\d,.]+/);
  await rep.getByRole("button", { name: "Create share link" }).click();
  const url = (await rep.locator("#new-share-link").textContent())!;
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  await rep.getByRole("button", { name: "Copy link" }).click();
  await expect(rep.locator(".copy-status")).toHaveText("Copied");
  await expect(rep.locator(".copy-status")).toHaveAttribute("aria-live", "polite");
  expect(await rep.evaluate(() => navigator.clipboard.readText())).toBe(url);

  // Without JavaScript: no button that cannot work, the link is there to select.
  const cookies = await rep.context().cookies();
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies(cookies);
  const plain = await context.newPage();
  await plain.goto(`/staff/sales/${quote.id}`);
  await plain.getByRole("button", { name: "Create share link" }).click();
  await expect(plain.locator("#new-share-link")).toHaveText(/\/s\/[A-Za-z0-9_-]{43}$/);
  await expect(plain.getByRole("button", { name: "Copy link" })).toHaveCount(0);
  await context.close();
});

test("staff pages do not scroll sideways on a 390 px phone", async ({ reviewQuote, quote, staffPage }) => {
  const admin = await staffPage("admin");
  await admin.setViewportSize({ width: 390, height: 844 });
  for (const path of [
    "/staff/review",
    `/staff/review/${reviewQuote.reviewItemId}`,
    "/staff/sales",
    `/staff/sales/${quote.id}`,
    "/staff/discounts",
    "/staff/provisioning",
  ]) {
    await admin.goto(path);
    await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
    const { overflow, widest } = await sidewaysOverflow(admin);
    expect(overflow, `${path}: ${widest}`).toBeLessThanOrEqual(0);
  }
  // The queue reads as cards: each cell says what it is.
  await admin.goto("/staff/review");
  const card = admin.locator("table.queue tbody tr").first();
  await expect(card.locator("td[data-label='First response due']")).toBeVisible();
});
