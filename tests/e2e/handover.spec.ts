import { acceptAndPayByCard, expect, factsMatchingSpec, test } from "./fixtures";

/**
 * Issue 18: a paid order is built, tested against what was sold (one item fails, is fixed, passes),
 * handed over, and the customer signs in with the e-mailed link, reads the acceptance report and
 * signs off.
 */
test("pay, provision, fail and fix an acceptance test, hand over; the customer signs in by e-mail, signs off and sees monthly billing start, a month later its second invoice", async ({
  page,
  quote,
  techPage,
}) => {
  // The customer accepts and pays with the stand-in card.
  await acceptAndPayByCard(page, quote, "Hanna Over");

  // The technician claims the order and opens it.
  await techPage.goto("/staff/provisioning");
  const row = techPage.getByRole("row").filter({ hasText: quote.name });
  await row.getByRole("button", { name: "Claim" }).click();
  await expect(row).toContainText("claimed by");
  await row.getByRole("link", { name: "Deliver, test and hand over" }).click();
  await expect(techPage.getByRole("heading", { level: 1, name: new RegExp(`Delivery: ${quote.name}`) })).toBeVisible();
  const handOver = techPage.getByRole("button", { name: "Mark handed over" });
  await expect(handOver).toBeDisabled();

  const servers = techPage.locator("article.delivery-server");
  const count = await servers.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const server = servers.nth(i);
    const hostname = `web${i + 1}.customer.example`;
    await server.getByLabel("Hostname").fill(hostname);
    await server.getByLabel("IP addresses").fill(`203.0.113.${10 + i}`);
    await server.getByLabel("Data centre").fill("FSN1-DC14");
    await server.getByLabel("Serial / ID").fill(`SN-${i + 1}`);
    await server.getByRole("button", { name: "Save delivery" }).click();
    await expect(techPage.getByRole("status")).toHaveText(/^Delivery recorded for /);
    await expect(server.getByText(/^Delivered: /)).toContainText(hostname);

    // The first server's check output shows half the memory that was sold: the test fails on that item.
    const facts = await factsMatchingSpec(server, hostname, i === 0 ? 0.5 : 1);
    await server.getByLabel("Check script output").fill(facts);
    await server.getByRole("button", { name: "Test against the spec" }).click();
    await expect(techPage.getByRole("status")).toHaveText(/^Acceptance test recorded for /);
  }
  const first = servers.nth(0);
  await expect(first.getByRole("table")).toContainText("Acceptance test FAILED");
  const ramRow = first.getByRole("row").filter({ hasText: /^ram/ });
  await expect(ramRow).toContainText("FAIL");
  await expect(first.getByRole("row").filter({ hasText: /^threads/ })).toContainText("pass");
  await expect(handOver).toBeDisabled();

  // The memory is fixed and the script run again: the server passes, and the order can be handed over.
  await first.getByLabel("Check script output").fill(await factsMatchingSpec(first, "web1.customer.example"));
  await first.getByRole("button", { name: "Test against the spec" }).click();
  await expect(first.getByRole("table")).toContainText("Acceptance test passed");
  await expect(handOver).toBeEnabled();
  await handOver.click();
  await expect(techPage.getByRole("status")).toHaveText("Handed over; the customer has been told.");

  // The customer signs in with the link the development mailbox received.
  await page.goto("/account/sign-in?lng=en");
  await page.getByLabel("E-mail").fill(quote.email);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page.getByText(/a sign-in link is on its way/)).toBeVisible();
  const mail = page
    .locator("article.mail")
    .filter({ hasText: quote.email })
    .filter({ hasText: "Sign in to your SpecDesk account" });
  // The outbox worker sends within seconds: reload the mailbox until the link is there.
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(mail.first()).toBeVisible({ timeout: 1000 });
  }).toPass();
  const text = (await mail.first().locator("pre").textContent()) ?? "";
  const link = /https?:\/\/\S+\/account\/verify\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];
  expect(link, "the sign-in link in the e-mail").toBeTruthy();
  await page.goto(new URL(link!).pathname);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your services" })).toBeVisible();
  await expect(page.getByText("Handed over", { exact: true })).toBeVisible();
  await expect(page.getByText("Paid and handed over: see your services above")).toBeVisible();

  // The hand-over page: each server, its test results against what was sold, and the sign-off.
  await page.goto(`/account/services/${quote.id}?lng=en`);
  await expect(page.getByText("Handed over. Each server was tested against what you bought:")).toBeVisible();
  await expect(page.getByRole("heading", { name: "web1.customer.example in FSN1-DC14" })).toBeVisible();
  const report = page.locator("article.account-server").first().getByRole("table");
  await expect(report.getByRole("row").filter({ hasText: "Memory" })).toContainText("✓");
  await expect(page.getByText("Log in with: ssh root@203.0.113.10")).toBeVisible();
  await page.getByRole("button", { name: "Everything is as agreed: sign off" }).click();
  await expect(page.getByRole("status")).toHaveText("Thank you: you signed off the delivery.");

  // Issue 20: billing. Checkout's invoice (setup and one-off work) is paid; the hand-over started the
  // monthly billing (the outbox worker ends the trial at Stripe within seconds).
  await page.goto("/account?lng=en");
  await page.getByRole("link", { name: "Billing and invoices" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Billing and invoices" })).toBeVisible();
  const invoices = page.locator("table.invoices tbody tr");
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/^Next charge: €[\d,.]+ on /)).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(invoices).toHaveCount(2);
  await expect(invoices.filter({ hasText: "Paid" })).toHaveCount(2);
  await expect(page.getByText("Card: VISA ending in 4242")).toBeVisible();
  await expect(page.getByText(/^The 12-month term ends on .*, and the service with it\.$/)).toBeVisible();
  const nextCharge = await page.getByText(/^Next charge: /).textContent();

  // A month passes on the stand-in's clock (as Stripe's test clocks do): the second monthly invoice.
  const standIn = new URL((await invoices.first().getByRole("link").getAttribute("href"))!).origin;
  const advanced = await page.request.post(`${standIn}/v1/test_helpers/standin_clock/advance`, {
    headers: { Authorization: "Bearer sk_test_specdesk_local_standin" },
    form: { months: "1" },
  });
  expect(advanced.status()).toBe(200);
  await page.reload();
  await expect(invoices).toHaveCount(3);
  await expect(invoices.filter({ hasText: "Paid" })).toHaveCount(3);
  await expect(page.getByText(/^Next charge: /)).not.toHaveText(nextCharge!);

  // In Spanish, with the card's portal one click away.
  await page.goto("/account/billing?lng=es");
  await expect(page.getByRole("heading", { level: 1, name: "Facturación y facturas" })).toBeVisible();
  await expect(page.getByText("Tarjeta: VISA terminada en 4242")).toBeVisible();
  await page.getByRole("button", { name: "Cambiar la tarjeta" }).click();
  await expect(page.getByRole("heading", { name: "Portal de facturación de prueba" })).toBeVisible();
});
