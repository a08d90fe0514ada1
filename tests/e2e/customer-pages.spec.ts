import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** The customer's pages (/q/ and the rep's /s/): the acceptance form, the line table, the comparison, questions, times. */

async function checkboxBesideLabel(page: Page) {
  const box = (await page.locator("#accept-terms").boundingBox())!;
  const text = (await page.locator("label.choice:has(#accept-terms) > span").boundingBox())!;
  // Right before its text, on the same line as its first line.
  expect(text.x - (box.x + box.width)).toBeGreaterThanOrEqual(0);
  expect(text.x - (box.x + box.width)).toBeLessThan(16);
  expect(box.y).toBeLessThan(text.y + 24);
  expect(box.y + box.height).toBeGreaterThan(text.y);
}

test("the terms checkbox sits next to its label on a desktop and on a phone", async ({ page, quote }) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${quote.path}?lng=en`);
    await checkboxBesideLabel(page);
  }
});

test("submitting the acceptance form empty shows the errors next to each field and a summary, not the browser's pop-ups", async ({
  page,
  quote,
}) => {
  await page.goto(`${quote.path}?lng=es`);
  const form = page.locator("section.accept form");
  await expect(form).toHaveAttribute("novalidate", "");
  await page.getByRole("button", { name: "Aceptar y continuar al pago" }).click();

  const summary = page.getByRole("alert").filter({ hasText: "respuestas necesitan su atención" });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveCount(3);

  const name = page.getByLabel("Nombre completo");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription("Este campo es obligatorio.");
  await expect(page.getByLabel("Correo electrónico para la factura")).toHaveAttribute("aria-invalid", "true");
  const terms = page.getByLabel(/He leído y acepto las condiciones/);
  await expect(terms).toHaveAttribute("aria-invalid", "true");
  await expect(terms).toHaveAccessibleDescription("Acepte las condiciones para continuar.");
  // The optional fields are not flagged.
  await expect(page.getByLabel("Empresa (opcional)")).not.toHaveAttribute("aria-invalid", "true");

  // What was typed comes back with the errors: only the missing answers are left to give.
  await page.getByLabel("Nombre completo").fill("Carla Cliente");
  await page.getByLabel("Empresa (opcional)").fill("Carla S.L.");
  await page.getByRole("radio", { name: /^Ajustada:/ }).check();
  await page.getByRole("button", { name: "Aceptar y continuar al pago" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "respuestas necesitan su atención" })).toBeVisible();
  await expect(page.getByLabel("Nombre completo")).toHaveValue("Carla Cliente");
  await expect(page.getByLabel("Nombre completo")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Empresa (opcional)")).toHaveValue("Carla S.L.");
  await expect(page.getByRole("radio", { name: /^Ajustada:/ })).toBeChecked();
});

test("the line table shows each line's unit price, monthly amount and setup", async ({ page, quote }) => {
  await page.goto(`${quote.path}?lng=en`);
  const table = page.locator("article.proposal table.lines").first();
  await expect(table.getByRole("columnheader")).toHaveText(["Item", "Per month", "Setup"]);
  const server = table
    .getByRole("row")
    .filter({ hasText: /^Server/ })
    .first();
  await expect(server).toContainText(/1 × €\d+\.\d\d a month/);
  // No setup fee on a server line: a dash, not €0.00.
  await expect(server.getByRole("cell").nth(2)).toHaveText(/—/);
});

test("side by side on a phone: no sideways scrolling, and 'Choose this' opens the acceptance form with that tier", async ({
  page,
  quote,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${quote.path}?lng=en`);
  const compare = page.getByRole("region", { name: "Side by side" });
  await expect(compare).toBeVisible();
  await expect(compare.getByRole("rowheader")).toHaveText([
    "Price per month",
    "One-time setup",
    "Servers",
    "Availability",
    "Headroom",
    "Runs out first",
    "Included",
  ]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = (await compare.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);

  await compare.getByRole("link", { name: "Choose this: Lean" }).click();
  await expect(page).toHaveURL(/\?tier=lean#accept$/);
  await expect(page.getByRole("radio", { name: /^Lean:/ })).toBeChecked();
  await expect(page.getByRole("heading", { name: "Accept a proposal" })).toBeInViewport();
});

test("a question about a line is confirmed next to that line, and the timeline names the line, in the customer's time zone", async ({
  browser,
  quote,
}) => {
  const context = await browser.newContext({ timezoneId: "America/New_York" });
  const page = await context.newPage();
  await page.goto(`${quote.path}?lng=en`);
  const card = page.locator("article.proposal").first();
  const row = card
    .getByRole("row")
    .filter({ hasText: /^Server/ })
    .first();
  await row.getByText("Why?").click();
  await row.getByRole("textbox").fill("Why this server and not a smaller one?");
  await row.getByRole("button", { name: "Send question" }).click();

  const sent = row.getByRole("status");
  await expect(sent).toHaveText(/your question was sent/);
  await expect(sent).toBeFocused();
  await expect(row.getByRole("textbox")).toHaveValue("");

  const tier = (await card.getByRole("heading", { level: 3 }).textContent())!;
  const timeline = page.getByRole("region", { name: "Progress and messages" });
  await expect(timeline).toContainText(new RegExp(`Your question about “${tier}: Server `));
  // The browser's zone, remembered for the next visit, labels every time.
  await expect(timeline).toContainText("(America/New_York)");
  await page.reload();
  await expect(page.getByRole("region", { name: "Progress and messages" })).toContainText("(America/New_York)");
  await context.close();
});

test("an invalid time-zone cookie falls back to UTC", async ({ browser, quote, baseURL }) => {
  const context = await browser.newContext({ timezoneId: "UTC" });
  await context.addCookies([{ name: "tz", value: "Mars/Olympus_Mons", url: baseURL! }]);
  const page = await context.newPage();
  await page.goto(`${quote.path}?lng=en`);
  await page.getByRole("textbox", { name: "Your answer or question" }).fill("Hello");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const timeline = page.getByRole("region", { name: "Progress and messages" });
  await expect(timeline).toContainText(/[AP]M UTC/);
  await expect(timeline).not.toContainText("Mars");
  await context.close();
});

test("the share page: reference, the rep as sales contact, one validity date, a question that reaches the technicians; after payment 'Your order' and the chosen tier", async ({
  browser,
  quotes,
  salesPage: rep,
  techPage: tech,
}) => {
  const quote = await quotes.create({ visitsPerDay: 8000 });
  await rep.goto("/staff/sales");
  const row = rep.getByRole("row").filter({ hasText: quote.name });
  await row.getByRole("button", { name: "Take ownership" }).click();
  await expect(row).toContainText("Sara Sales");
  await row.getByRole("link", { name: quote.name }).click();
  await rep.getByRole("button", { name: "Create share link" }).click();
  const link = new URL((await rep.getByRole("status").locator("code").textContent())!).pathname;

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${link}?lng=es`);
  await expect(visitor.getByText(`Referencia ${quote.id.slice(0, 8).toUpperCase()}`)).toBeVisible();
  await expect(visitor.getByText("Su contacto comercial: Sara Sales")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "sales@specdesk.local" })).toHaveAttribute(
    "href",
    "mailto:sales@specdesk.local",
  );
  // The link and its prices end the same day: said once.
  await expect(
    visitor.getByText(/Este enlace funciona hasta el .*, y los precios son válidos hasta entonces/),
  ).toBeVisible();
  await expect(visitor.getByText(/Precios válidos hasta/)).toHaveCount(0);

  await visitor.getByRole("button", { name: "Enviar pregunta" }).last().click();
  await expect(visitor.getByLabel("Su pregunta sobre esta propuesta")).toHaveAttribute("aria-invalid", "true");
  await visitor.getByLabel("Su pregunta sobre esta propuesta").fill("¿Pueden facturar a nuestra filial?");
  await visitor.getByRole("button", { name: "Enviar pregunta" }).last().click();
  await expect(visitor.getByRole("status").filter({ hasText: "hemos recibido su pregunta" })).toBeFocused();

  // The technicians see it in their queue, like a question from the customer's own page.
  await tech.goto("/staff/review?reason=customer_question");
  await expect(tech.getByRole("row").filter({ hasText: quote.name })).toBeVisible();

  // Accept and pay: the heading says what it is now, the chosen tier is marked.
  await visitor.goto(`${link}?lng=en`);
  await visitor.getByLabel("Full name").fill("Carla Customer");
  await visitor.getByLabel("E-mail for the invoice").fill("carla@example.com");
  await visitor.getByLabel(/I have read and accept the terms/).check();
  const tier = (await visitor.locator("input[name=tier]:checked").getAttribute("value"))!;
  await visitor.getByRole("button", { name: "Accept and continue to payment" }).click();
  await visitor.getByRole("button", { name: /by card/ }).click();
  await expect(visitor.getByText(/Paid on .*Thank you!/)).toBeVisible();
  await expect(visitor.getByRole("heading", { level: 2, name: "Your order" })).toBeVisible();
  await expect(visitor.getByRole("heading", { name: "Accept a proposal" })).toHaveCount(0);
  await expect(visitor.locator(`#proposal-${tier}`)).toHaveClass(/proposal-chosen/);
  await expect(visitor.locator(`#proposal-${tier}`)).toContainText("Your choice");
  await expect(
    visitor.getByText(/^Then 12 monthly payments of €[\d,.]+, the first charged to your card on the day your servers/),
  ).toBeVisible();
  await expect(visitor.getByText("The service ends at the end of the term.")).toBeVisible();
  await expect(visitor.getByText(/^Total over the 12-month term: €/)).toBeVisible();
  await expect(visitor.getByRole("link", { name: "View your receipt" })).toHaveAttribute("href", `${link}/receipt`);
  await visitor.context().close();
});
