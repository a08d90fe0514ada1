import { sundayNightMove } from "../fixtures/migration";
import { acceptAndPayByCard, expect, test } from "./fixtures";

/**
 * Issue 18 item 4: after payment the technician offers cutover windows in the customer's off-hours;
 * the customer confirms one on the quote page, downloads the calendar invitation, and follows the
 * night's progress there.
 */
test("a moving customer confirms the cutover window the technician offered and downloads the .ics", async ({
  page,
  quotes,
  techPage,
}) => {
  const quote = await quotes.create({
    requirements: { availability: "standard", termMonths: 12, region: "eu", migration: sundayNightMove },
    workloads: [
      { kind: "web_app", name: "Shop", visitsPerDay: 20_000 },
      { kind: "file_storage", dataGb: 3000, access: "active" },
    ],
  });

  // The customer accepts and pays with the stand-in card.
  await acceptAndPayByCard(page, quote, "Mo Ving");
  await expect(page.getByRole("heading", { name: "Moving day" })).toBeVisible();
  await expect(page.getByText("Your technician will propose dates for the move here and by e-mail.")).toBeVisible();

  // The technician claims the order and offers the first two Sunday nights.
  await techPage.goto("/staff/provisioning");
  const row = techPage.getByRole("row").filter({ hasText: quote.name });
  await row.getByRole("button", { name: "Claim" }).click();
  await expect(row).toContainText("claimed by");
  await row.getByRole("link", { name: "Deliver, test and hand over" }).click();
  await expect(techPage.getByRole("heading", { name: "Cutover" })).toBeVisible();
  const offers = techPage.getByRole("group", { name: /Offer windows in the customer's off-hours/ });
  const boxes = offers.getByRole("checkbox");
  const labels = offers.locator("label");
  await expect(labels.first()).toContainText("Sunday");
  await expect(labels.first()).toContainText("(Europe/Madrid)");
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await techPage.getByRole("button", { name: "Offer to the customer" }).click();
  await expect(techPage.getByRole("status")).toHaveText("2 windows offered.");

  // The customer chooses the second and confirms it.
  await page.reload();
  const choices = page.getByRole("radio");
  await expect(choices).toHaveCount(2);
  await choices.nth(1).check();
  await page.getByRole("button", { name: "Confirm this window" }).click();
  await expect(page.getByText(/^Confirmed\. We have e-mailed you the invitation/)).toBeVisible();
  await expect(page.getByText(/^Confirmed: Sunday, .* \(Europe\/Madrid\)$/)).toBeVisible();
  await expect(page.getByText(/^Go\/no-go: if the new servers are not working by 5:30\sAM/)).toBeVisible();
  await expect(page.getByText(/We will remind you by e-mail: lower the DNS TTL/)).toBeVisible();
  await expect(page.getByText("The date of the move is confirmed.")).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Add to your calendar (.ics)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^cutover-[0-9A-F]{8}\.ics$/);
  const ics = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(ics).toString("utf8");
  expect(text).toContain("BEGIN:VCALENDAR");
  expect(text).toMatch(/DTSTART:\d{8}T2[23]0000Z/);
  expect(text).toContain("SUMMARY:Moving your services to the new servers");

  // The night: the technician reports the start; the customer sees it on the page and in Spanish.
  await techPage.reload();
  await techPage.getByLabel("Progress").selectOption("started");
  await techPage.getByLabel("Note for the customer (optional)").fill("Stopping the shop now.");
  await techPage.getByRole("button", { name: /Post update/ }).click();
  await expect(techPage.getByRole("status")).toHaveText("Update posted; the customer was e-mailed.");
  await page.goto(`${quote.path}?lng=es`);
  await expect(page.getByRole("heading", { name: "Día de la migración" })).toBeVisible();
  await expect(page.getByText(/^Confirmada: domingo, .* \(Europe\/Madrid\)$/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Cómo va la migración" })).toBeVisible();
  await expect(page.locator(".cutover").getByText("Iniciada")).toBeVisible();
  await expect(page.getByText("La migración ha comenzado.")).toBeVisible();
});
