import type { Locator, Page } from "@playwright/test";
import { DateTime } from "luxon";
import { type FixtureQuote, expect, handedOverService, test } from "./fixtures";

/**
 * Issue 19, incidents on a running service: a P1 with three public updates that the customer sees
 * live on their account page (and never the internal note), and an update that falls overdue and
 * pages the technician on call.
 */

/** A technician opens an incident on the service from the operations board; the incident page's path. */
async function openIncident(techPage: Page, quote: FixtureQuote, severity: string, title: string, body: string) {
  await techPage.goto("/staff/operations");
  await techPage.getByText("Open an incident").click();
  await techPage.getByLabel("Service reference").fill(quote.id.slice(0, 8));
  await techPage.getByLabel("Severity").selectOption(severity);
  await techPage.getByLabel("What is affected (the customer reads this)").fill(title);
  await techPage.getByLabel("First update to the customer").fill(body);
  await techPage.getByRole("button", { name: "Open and tell the customer" }).click();
  await expect(techPage.getByRole("heading", { level: 1, name: new RegExp(`^INC-\\d+: ${title}$`) })).toBeVisible();
  const heading = (await techPage.getByRole("heading", { level: 1 }).textContent()) ?? "";
  return { path: new URL(techPage.url()).pathname, reference: /^INC-\d+/.exec(heading)![0] };
}

/** A public update from the incident page (the state, what is being done, optionally a sooner next update). */
async function postUpdate(techPage: Page, state: string, body: string, promisedAt?: string) {
  const form = techPage.locator("form").filter({ has: techPage.getByRole("button", { name: "Post the update" }) });
  await form.getByLabel("State").selectOption(state);
  await form.getByLabel("What is affected and what we are doing (the customer reads this)").fill(body);
  if (promisedAt) await form.getByLabel(/^Next update by/).fill(promisedAt);
  await expect(form.getByLabel("State")).toHaveValue(state);
  await techPage.getByRole("button", { name: "Post the update" }).click();
  await expect(techPage.getByRole("status")).toHaveText("Update sent to the customer.");
}

test("a P1 incident: the customer watching their account sees it open and each of its updates without reloading, and never the internal note", async ({
  page,
  quote,
  techPage,
}) => {
  test.setTimeout(180_000);
  await handedOverService(page, techPage, quote, "Paula Live", "inc-live");

  // The customer has their account open (its clock under the test's control, so the page's own
  // 30-second refresh can be brought forward); nothing is wrong yet.
  await page.clock.install();
  await page.goto("/account?lng=en");
  const status = page.getByRole("region", { name: "Service status" });
  await expect(status.getByText("No problem is open on your services.")).toBeVisible();
  // Marks this document: were the page reloaded, the mark would be gone.
  await page.evaluate(() => Object.assign(window, { watchedSinceStart: true }));
  /** The page's refresh runs every 30 s while it is visible: move its clock on until `locator` shows. */
  const seesLive = (locator: Locator) =>
    expect(async () => {
      await page.clock.fastForward(30_000);
      await expect(locator).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });

  // The technician opens a P1: the service is down.
  const incident = await openIncident(
    techPage,
    quote,
    "P1",
    "Web servers unreachable",
    "Both web servers stopped answering at once. We are investigating the network.",
  );
  const article = status.locator("article").filter({ hasText: `${incident.reference} · Web servers unreachable` });
  await seesLive(article);
  await expect(article).toContainText("Status: Investigating");
  await expect(article).toContainText("Both web servers stopped answering at once.");
  await expect(article).toContainText(/Next update by /);
  await expect(status.getByText("No problem is open on your services.")).toHaveCount(0);

  // An internal note, then the second public update.
  await techPage
    .getByLabel("Note (staff only)")
    .fill("Internal: the top-of-rack switch in rack 14 logged a fan failure.");
  await techPage.getByRole("button", { name: "Add the note" }).click();
  await expect(techPage.getByRole("status")).toHaveText("Note added (staff only).");
  await expect(techPage.locator("li.internal")).toContainText("fan failure");
  await postUpdate(
    techPage,
    "identified",
    "A failed network switch cut both servers off. A replacement is being fitted.",
  );
  const second = article.getByText("A failed network switch cut both servers off.");
  await seesLive(second);
  await expect(article).toContainText("Status: Cause identified");

  // The third public update.
  await postUpdate(
    techPage,
    "monitoring",
    "The switch is replaced and both servers answer again. We are watching them.",
  );
  await seesLive(article.getByText("The switch is replaced and both servers answer again."));
  await expect(article).toContainText("Status: Fix applied, monitoring");

  // All three public updates, newest first; the internal note never reached the customer's page.
  const updates = article.locator("li");
  await expect(updates).toHaveCount(3);
  await expect(updates.nth(0)).toContainText("The switch is replaced");
  await expect(updates.nth(1)).toContainText("A failed network switch");
  await expect(updates.nth(2)).toContainText("Both web servers stopped answering");
  await expect(page.getByText(/top-of-rack switch|fan failure/)).toHaveCount(0);
  expect(await page.evaluate(() => "watchedSinceStart" in window), "the page was never reloaded").toBe(true);

  // The staff timeline has the note, marked internal.
  await expect(techPage.locator("li.internal")).toContainText("internal note");

  // Each public update reached the customer by e-mail too, its subject naming the incident; the note did not.
  const toCustomer = page.locator("article.mail").filter({ hasText: quote.email });
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(toCustomer.filter({ hasText: incident.reference })).toHaveCount(3, { timeout: 1000 });
  }).toPass();
  for (const subject of [
    `${incident.reference}: we are working on a problem with your service`,
    `${incident.reference}: Cause identified`,
    `${incident.reference}: Fix applied, monitoring`,
  ])
    await expect(toCustomer.getByRole("heading", { name: subject, exact: true })).toHaveCount(1);
  await expect(toCustomer.filter({ hasText: "fan failure" })).toHaveCount(0);
});

test("an update that falls overdue pages the technician on call, by e-mail, once", async ({
  page,
  quote,
  techPage,
  adminPage,
}) => {
  test.setTimeout(300_000);
  await handedOverService(page, techPage, quote, "Otto Overdue", "inc-due");

  // The admin puts Tim Technician on call for the next hours (an override wins over any rotation).
  await adminPage.goto("/staff/operations");
  // The form reads times in the business time zone, which the board names.
  const timeZone = /\(times in ([^)]+)\)/.exec((await adminPage.getByText(/times in /).textContent()) ?? "")![1]!;
  const local = (minutes: number) => DateTime.now().setZone(timeZone).plus({ minutes }).toFormat("yyyy-LL-dd'T'HH:mm");
  await adminPage.getByLabel("Override: who").selectOption({ label: "Tim Technician" });
  await adminPage.getByLabel("from", { exact: true }).fill(local(-5));
  await adminPage.getByLabel("to", { exact: true }).fill(local(180));
  await adminPage.getByRole("button", { name: "Add the override" }).click();
  await expect(adminPage.getByRole("status")).toHaveText("Override added.");
  await expect(adminPage.getByText(/^On call now: /)).toContainText("Tim Technician");

  // A P2 opened, then an update promising the next one sooner than the hourly cadence: in a minute or two.
  const incident = await openIncident(techPage, quote, "P2", "Mail delivery delayed", "Outgoing mail is queueing.");
  const earliest = (await techPage.getByLabel(/^Next update by/).getAttribute("min"))!;
  const promised = DateTime.fromISO(earliest).plus({ minutes: 2 }).toFormat("yyyy-LL-dd'T'HH:mm");
  await postUpdate(techPage, "identified", "A full spool disk holds the queue; we are freeing space.", promised);
  await expect(techPage.getByText(/^Next public update due /)).not.toContainText("OVERDUE");
  await expect(techPage.getByText(/Paged: /)).toHaveCount(0);

  // Nobody posts. Once the promised time passes, the outbox worker pages the person on call.
  await expect(async () => {
    await techPage.reload();
    await expect(techPage.getByText(/^Next public update due /)).toContainText("OVERDUE", { timeout: 1000 });
    await expect(techPage.getByText(/Paged: on call\./)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 200_000, intervals: [5_000] });

  // The operations board shows it overdue, in red, paged.
  await techPage.goto("/staff/operations");
  const row = techPage.getByRole("row").filter({ hasText: incident.reference });
  await expect(row).toHaveClass(/overdue/);
  await expect(row).toContainText("overdue");
  await expect(row).toContainText("(paged on call)");

  // The page reached the technician on call by e-mail, once (the worker runs every 2 s).
  const pages = page
    .locator("article.mail")
    .filter({ hasText: "tech@specdesk.local" })
    .filter({ hasText: `P2 ${incident.reference} update overdue` });
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(pages).toHaveCount(1, { timeout: 1000 });
  }).toPass();
  await expect(pages).toContainText("Mail delivery delayed");
  await expect(pages).toContainText(incident.path);
  await expect(page.locator("article.mail").filter({ hasText: `ESCALATED: P2 ${incident.reference}` })).toHaveCount(0);

  // The technician posts: the incident is no longer overdue and the escalation starts over.
  await techPage.goto(incident.path);
  await postUpdate(techPage, "monitoring", "Space freed; the queue is draining.");
  await expect(techPage.getByText(/^Next public update due /)).not.toContainText("OVERDUE");
  await expect(techPage.getByText(/Paged: /)).toHaveCount(0);
});
