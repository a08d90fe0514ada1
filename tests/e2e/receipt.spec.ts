import { expect, test } from "./fixtures";

/** Issue 17: a customer who paid gets a receipt (page and PDF) and can forward the proposal as a PDF. */
test("after a stand-in card payment the customer reads the receipt in both languages and downloads it and the proposal as PDFs", async ({
  page,
  quote,
}) => {
  await page.goto(`${quote.path}?lng=en`);
  const proposal = await page.request.get(`${quote.path}/proposal.pdf?lng=en`);
  expect(proposal.status()).toBe(200);
  expect(proposal.headers()["content-type"]).toBe("application/pdf");
  expect((await proposal.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // Not paid yet: there is no receipt.
  expect((await page.request.get(`${quote.path}/receipt`)).status()).toBe(404);

  await page.getByLabel("Full name").fill("Rita Receipt");
  await page.getByLabel("E-mail for the invoice").fill("rita@example.com");
  await page.getByLabel(/I have read and accept the terms/).check();
  await page.getByRole("button", { name: "Accept and continue to payment" }).click();
  await expect(page.getByRole("heading", { name: "Test checkout" })).toBeVisible();
  await page.getByRole("button", { name: /by card/ }).click();
  await expect(page.getByText(/Paid on/)).toBeVisible();

  await page.goto(`${quote.path}/receipt?lng=en`);
  await expect(page.getByRole("heading", { level: 1, name: "Receipt" })).toBeVisible();
  const facts = page.locator(".receipt-facts");
  // Subscription mode: the payment reference is the subscription's first invoice.
  await expect(facts.getByText(/^in_/)).toBeVisible();
  await expect(facts.getByText("Rita Receipt, rita@example.com")).toBeVisible();
  await expect(page.locator(".receipt-total dd")).toHaveText(/^€\d+\.\d{2}$/);
  await expect(
    page.getByText(/^Then 12 monthly payments of €[\d,.]+, charged to your card from the day/),
  ).toBeVisible();
  const download = page.getByRole("link", { name: "Download the receipt (PDF)" });
  const pdf = await page.request.get((await download.getAttribute("href"))!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/receipt-R-[0-9A-F]{8}-1-en\.pdf/);

  await page.goto(`${quote.path}/receipt?lng=es`);
  await expect(page.getByRole("heading", { level: 1, name: "Recibo" })).toBeVisible();
  await expect(page.getByText(/pagos mensuales de \d/)).toBeVisible();
  await page.getByRole("link", { name: "Volver a su propuesta" }).click();
  await expect(page).toHaveURL(new RegExp(`${quote.path}$`));
});
