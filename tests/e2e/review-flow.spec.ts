import { expect, test } from "./fixtures";

test("a technician reviews a special request, talks to the customer, adjusts and publishes", async ({
  page,
  browser,
  reviewQuote,
  techPage: staff,
}) => {
  const customerName = reviewQuote.name;
  const quoteUrl = reviewQuote.path;

  // The customer asked for something special (the wizard itself is tested in quote-wizard.spec.ts).
  await page.goto(`${quoteUrl}?lng=en`);
  await expect(page.getByRole("status").first()).toHaveText(/A technician is reviewing your request/);

  // A signed-in technician (sign-in itself: security.spec.ts) claims it and asks a question.
  await staff.goto("/staff/review");
  await expect(staff.getByRole("heading", { name: "Review queue" })).toBeVisible();
  const row = staff.getByRole("row").filter({ hasText: customerName });
  await expect(row).toContainText("special_requirements");
  await row.getByRole("button", { name: "Claim" }).click();
  await expect(staff.getByRole("heading", { name: new RegExp(`Review: ${customerName}`) })).toBeVisible();
  await staff.getByLabel("Internal note (never shown to the customer)").fill("Check the RIPE database first.");
  await staff.getByRole("button", { name: "Add note" }).click();
  await expect(staff.getByRole("status")).toHaveText("Note saved.");
  await staff.getByLabel("Message to the customer (they see this)").fill("Which IP range do you bring?");
  await staff.getByLabel(/Wait for the customer/).check();
  await staff.getByRole("button", { name: "Send to customer" }).click();
  await expect(staff.getByRole("status")).toHaveText("Message sent to the customer.");
  await expect(staff.getByText(/Status waiting_customer/)).toBeVisible();

  // The customer sees the question (and not the internal note), and answers from their link.
  await page.goto(quoteUrl);
  await expect(page.getByText("Which IP range do you bring?")).toBeVisible();
  await expect(page.getByText("Check the RIPE database first.")).toHaveCount(0);
  await page.getByLabel("Your answer or question").fill("203.0.113.0/24");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByText("Thank you, your message was sent to the technician.")).toBeVisible();

  // The technician sees the answer, adds a line as a new version and publishes it.
  await staff.reload();
  await expect(staff.getByText("203.0.113.0/24")).toBeVisible();
  await expect(staff.getByText(/Status claimed/)).toBeVisible();
  const lean = staff.locator("form.adjust").first();
  await lean.getByLabel("Custom description").fill("BGP announcement of your range");
  // Amounts in euros, with the comma a Spanish-speaking technician types: 25,00 € is 2500 cents.
  await lean.getByLabel("Monthly (€)").fill("25,00");
  await lean.getByLabel("Setup (€)").fill("0");
  await lean.getByLabel("Reason (the customer sees it)").fill("Announcing your own range");
  await lean.getByRole("button", { name: "Save as new version" }).click();
  await expect(staff.getByRole("status")).toHaveText("Saved as version 2.");
  await staff.getByRole("button", { name: "Approve and publish version 2" }).click();
  await expect(staff.getByRole("status")).toHaveText("Version 2 published to the customer.");
  // The audit log names who did what.
  await expect(staff.getByText(/Tim Technician · published/)).toBeVisible();

  // The customer sees the new proposal and the timeline.
  await page.goto(quoteUrl);
  await expect(page.getByRole("status").first()).toHaveText(/Proposals confirmed by our technician/);
  await expect(
    page
      .getByRole("article", { name: "Lean" })
      .getByRole("cell", { name: /BGP announcement of your range/ })
      .first(),
  ).toBeVisible();
  await expect(
    page
      .getByRole("article", { name: "Lean" })
      .getByRole("row", { name: /BGP announcement of your range/ })
      .first(),
  ).toContainText("€25.00");
  await expect(page.getByText("Our technician published your proposals.")).toBeVisible();
  await expect(page.getByText("Question from our technician")).toBeVisible();

  // The e-mails went through the outbox to the local mailbox, without the internal note.
  const mailbox = await (await browser.newContext()).newPage();
  await expect(async () => {
    await mailbox.goto("/dev/mailbox");
    await expect(mailbox.getByText("Your proposals have been confirmed").first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(mailbox.getByText("Check the RIPE database first.")).toHaveCount(0);
});
