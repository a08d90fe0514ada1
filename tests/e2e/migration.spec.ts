import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// Issue 16: a customer moving 3 TB from a server on a 500 Mbit/s link, who accepts at most two hours
// of downtime on a Sunday night, answers the wizard's moving step and finds the plan on the quote
// page. The quotes made through the wizard are handed to the fixtures (quotes.adopt) for clean-up.

const TEXT = {
  en: {
    addWeb: /Add Website or web application/,
    visits: "Visits per day",
    next: "Next",
    step3: /Step 3 of 4: Moving/,
    yes: /Yes, from a server we run today/,
    volume: /^Data volume/,
    volumeUnit: "Data volume: Unit",
    uplink: /^Old server's connection/,
    timeZone: "Your time zone",
    custom: "+ Other window",
    window: "Window 1",
    days: "Days",
    start: "From",
    end: "To",
    nextDay: "ends the next day",
    downtime: /^Longest acceptable downtime/,
    downtimeUnit: "Longest acceptable downtime: Unit",
    hours: "hours",
    name: "Your name",
    email: "E-mail",
    submit: "Get my proposals",
    lean: "Lean",
    lines: [/Migration: preparation/, /Migration: switch window \(off-hours\)/],
    method: /two-phase/i,
    downtimeShown: /\d+\s*(minutes?|min|hours?|h)\b/i,
  },
  es: {
    addWeb: /Añadir Sitio o aplicación web/,
    visits: "Visitas al día",
    next: "Siguiente",
    step3: /Paso 3 de 4: Traslado/,
    yes: /Sí, de un servidor que usamos hoy/,
    volume: /^Volumen de datos/,
    volumeUnit: "Volumen de datos: Unidad",
    uplink: /^Conexión del servidor actual/,
    timeZone: "Su zona horaria",
    custom: "+ Otra franja",
    window: "Franja 1",
    days: "Días",
    start: "Desde",
    end: "Hasta",
    nextDay: "acaba al día siguiente",
    downtime: /^Corte máximo aceptable/,
    downtimeUnit: "Corte máximo aceptable: Unidad",
    hours: "horas",
    name: "Su nombre",
    email: "Correo electrónico",
    submit: "Ver mis propuestas",
    lean: "Ajustada",
    lines: [/Migración: preparación/, /Migración: ventana de cambio \(fuera de horario\)/],
    method: /dos fases/i,
    downtimeShown: /\d+\s*(minutos?|min|horas?|h)\b/i,
  },
} as const;

type Lng = keyof typeof TEXT;

async function describeTheMove(page: Page, lng: Lng) {
  const l = TEXT[lng];
  await page.goto(`/quote/new?lng=${lng}`);
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await page.getByRole("button", { name: l.addWeb }).click();
  await page.getByLabel(l.visits).fill("3000");
  await page.getByRole("button", { name: l.next, exact: true }).click();
  await page.getByRole("button", { name: l.next, exact: true }).click();
  await expect(page.getByRole("heading", { name: l.step3 })).toBeVisible();

  await page.getByLabel(l.yes).check();
  await page.getByRole("spinbutton", { name: l.volume }).fill("3");
  await expect(page.getByLabel(l.volumeUnit)).toHaveValue("1"); // TB
  await page.getByRole("spinbutton", { name: l.uplink }).fill("500");
  // Defaulted from the browser's zone (test.use below), and changeable.
  await expect(page.getByLabel(l.timeZone)).toHaveValue("Europe/Madrid");

  await page.getByRole("button", { name: l.custom }).click();
  const slot = page.getByRole("group", { name: l.window });
  const days = slot.getByRole("group", { name: l.days });
  await expect(days.getByRole("checkbox", { checked: true })).toHaveCount(1);
  await slot.getByLabel(l.start).fill("22:00");
  await slot.getByLabel(l.end).fill("06:00");
  await expect(slot.getByText(l.nextDay)).toBeVisible();

  await page.getByRole("spinbutton", { name: l.downtime }).fill("2");
  await page.getByLabel(l.downtimeUnit).selectOption({ label: l.hours });

  await page.getByRole("button", { name: l.next, exact: true }).click();
  await page.getByLabel(l.name).fill(lng === "en" ? "Mona Mover" : "Marta Mudanza");
  await page.getByLabel(l.email).fill(`mover-${lng}@example.com`);
  await page.getByRole("button", { name: l.submit }).click();
  await expect(page).toHaveURL(/\/q\/[A-Za-z0-9_-]{43}$/);
}

test.describe("moving from an old server", () => {
  test.use({ timezoneId: "Europe/Madrid" });

  for (const lng of ["en", "es"] as const) {
    test(`a customer moving 3 TB on a Sunday night gets a two-phase plan, priced lines and a timeline (${lng})`, async ({
      page,
      quotes,
    }) => {
      const l = TEXT[lng];
      // What the wizard sends is exactly requirements.migration as the API defines it.
      const posted = page.waitForRequest((r) => r.method() === "POST" && r.url().includes("/quote/new"));
      await describeTheMove(page, lng);
      expect((await posted).postDataJSON()).toMatchObject({
        requirements: {
          migration: {
            fromExistingServer: true,
            dataGb: 3000,
            sourceUplinkMbps: 500,
            timeZone: "Europe/Madrid",
            preferredWindows: [{ days: ["sun"], start: "22:00", end: "06:00" }],
            maxDowntimeMinutes: 120,
          },
        },
      });
      await quotes.adopt(page.url());

      // The proposals carry the priced move.
      const lean = page.getByRole("article", { name: l.lean });
      for (const line of l.lines) await expect(lean.getByRole("row", { name: line })).toBeVisible();

      // "Your move": the method, the downtime and the milestones.
      const move = page.locator("[data-testid=your-move]");
      await expect(move).toBeVisible();
      await expect(move).toContainText(l.method);
      await expect(move).toContainText(l.downtimeShown);
      expect(await move.getByRole("listitem").count()).toBeGreaterThanOrEqual(5);
    });
  }
});

test("the moving step is optional and its answers stay out of the quote when the customer is not moving", async ({
  page,
  quotes,
}) => {
  const posted = page.waitForRequest((r) => r.method() === "POST" && r.url().includes("/quote/new"));
  await page.goto("/quote/new?lng=en");
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await page.getByRole("button", { name: /Add Website or web application/ }).click();
  await page.getByLabel("Visits per day").fill("3000");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  // Started, then changed their mind: a half-filled database row must not block the way on.
  await page.getByLabel(/Yes, from a server we run today/).check();
  await page.getByRole("button", { name: "Add a database" }).click();
  await page.getByLabel(/No, this is a new setup/).check();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Step 4 of 4: Contact/ })).toBeVisible();
  await page.getByLabel("Your name").fill("Nadia New");
  await page.getByLabel("E-mail").fill("nadia@example.com");
  await page.getByRole("button", { name: "Get my proposals" }).click();
  await expect(page).toHaveURL(/\/q\/[A-Za-z0-9_-]{43}$/);
  await quotes.adopt(page.url());
  expect(((await posted).postDataJSON() as { requirements: object }).requirements).not.toHaveProperty("migration");
  await expect(page.locator("[data-testid=your-move]")).toHaveCount(0);
});

test("a moving customer's bad answers show next to their fields", async ({ page }) => {
  await page.goto("/quote/new?lng=en");
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await page.getByRole("button", { name: /Add Website or web application/ }).click();
  await page.getByLabel("Visits per day").fill("3000");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel(/Yes, from a server we run today/).check();
  await page.getByRole("spinbutton", { name: /^Data volume/ }).fill("-3");
  await page.getByRole("button", { name: "Add a database" }).click();
  await page.getByRole("button", { name: "+ Other window" }).click();
  const slot = page.getByRole("group", { name: "Window 1" });
  await slot.getByLabel("From").fill("22:00");
  await slot.getByLabel("To").fill("22:00");
  await page.getByRole("button", { name: "Next", exact: true }).click();

  await expect(page.getByRole("heading", { name: /Step 3 of 4/ })).toBeVisible();
  await expect(page.getByRole("spinbutton", { name: /^Data volume/ })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("spinbutton", { name: /^Data volume/ })).toBeFocused();
  await expect(page.getByRole("spinbutton", { name: /^Size \(GB\)/ })).toHaveAttribute("aria-invalid", "true");
  await expect(slot.getByLabel("To")).toHaveAttribute("aria-invalid", "true");

  await page.getByRole("spinbutton", { name: /^Data volume/ }).fill("3");
  await page.getByRole("spinbutton", { name: /^Size \(GB\)/ }).fill("200");
  await slot.getByLabel("To").fill("04:00");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Step 4 of 4/ })).toBeVisible();
});

test("the server's own validation of the move lands next to the field it names", async ({ page }) => {
  // A zone this browser knows but the server does not (the server re-parses everything): the
  // request is altered on its way, so the answer is the server's 400 with the field's path.
  await page.route(/\/quote\/new/, async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    const body = request.postDataJSON() as { requirements: { migration: { timeZone: string } } };
    body.requirements.migration.timeZone = "Mars/Olympus_Mons";
    return route.continue({ postData: JSON.stringify(body) });
  });
  await page.goto("/quote/new?lng=en");
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await page.getByRole("button", { name: /Add Website or web application/ }).click();
  await page.getByLabel("Visits per day").fill("3000");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel(/Yes, from a server we run today/).check();
  await page.getByRole("spinbutton", { name: /^Data volume/ }).fill("3");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel("Your name").fill("Sam Server");
  await page.getByLabel("E-mail").fill("sam@example.com");
  await page.getByRole("button", { name: "Get my proposals" }).click();

  await expect(page.getByRole("heading", { name: /Step 3 of 4: Moving/ })).toBeVisible();
  const zone = page.getByLabel("Your time zone");
  await expect(zone).toHaveAttribute("aria-invalid", "true");
  await expect(zone).toHaveAccessibleDescription(/Unknown time zone/);
  await expect(zone).toBeFocused();
});
