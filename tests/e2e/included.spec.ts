import { expect, test } from "./fixtures";

/** Two cloud servers with block volumes behind a load balancer, and backup space (seed catalog). */
const CLOUD_SHOP = {
  locale: "es" as const,
  requirements: { availability: "high" },
  workloads: [
    { kind: "web_app", visitsPerDay: 30_000 },
    { kind: "file_storage", dataGb: 300 },
  ],
};

test.describe("in Spanish", () => {
  test.use({ locale: "es-ES", extraHTTPHeaders: { "Accept-Language": "es-ES,es;q=0.9" } });

  test("the quote page names the products and says what each proposal includes and does not, in Spanish", async ({
    page,
    quotes,
  }) => {
    const quote = await quotes.create(CLOUD_SHOP);
    await page.goto(quote.path);
    await expect(page.getByRole("heading", { level: 1, name: "Sus propuestas de servidores" })).toBeVisible();

    const lean = page.getByRole("article", { name: "Ajustada" });
    const lines = lean.getByRole("table");
    await expect(lines.getByRole("cell", { name: /^Volumen de bloques 100 GB/ })).toBeVisible();
    await expect(lines.getByRole("cell", { name: /^Balanceador de carga/ })).toBeVisible();
    await expect(lines.getByRole("cell", { name: /^Espacio de copias de seguridad 1 TB/ })).toBeVisible();

    await expect(lean.getByRole("heading", { level: 4, name: "Incluido", exact: true })).toBeVisible();
    await expect(lean.getByRole("heading", { level: 4, name: "No incluido", exact: true })).toBeVisible();
    const included = lean.locator("ul.included");
    const excluded = lean.locator("ul.not-included");
    await expect(included.getByRole("listitem").filter({ hasText: "TB de tráfico al mes" })).toBeVisible();
    await expect(
      included.getByText("Soporte en días laborables, en horario de oficina, con respuesta en un máximo de 4 horas"),
    ).toBeVisible();
    await expect(excluded.getByText(/^El tráfico que supere lo incluido: 1,00\s€ por TB$/)).toBeVisible();
    await expect(
      excluded.getByText(/^Trabajos de urgencia: 168,00\s€ la hora, facturados en bloques de 15 minutos$/),
    ).toBeVisible();
    await expect(excluded.getByText("Licencias de panel de control (cPanel, Plesk)")).toBeVisible();

    // Nothing of the catalog's English reaches the Spanish page.
    const text = await page.locator("main").innerText();
    for (const english of ["Block volume", "Load balancer", "Backup storage", "Included", "Not included", "traffic"])
      expect(text).not.toContain(english);

    // Every proposal has its own list.
    await expect(page.locator("article.proposal .inclusions")).toHaveCount(
      await page.locator("article.proposal").count(),
    );
  });
});

test("the same page in English, by the language switch", async ({ page, quotes }) => {
  const quote = await quotes.create(CLOUD_SHOP);
  await page.goto(`${quote.path}?lng=en`);
  const lean = page.getByRole("article", { name: "Lean" });
  await expect(lean.getByRole("cell", { name: /^Block volume 100 GB/ })).toBeVisible();
  await expect(lean.getByRole("heading", { level: 4, name: "Included", exact: true })).toBeVisible();
  await expect(lean.getByRole("heading", { level: 4, name: "Not included", exact: true })).toBeVisible();
  await expect(
    lean.locator("ul.not-included").getByText("Traffic beyond what is included: €1.00 per TB"),
  ).toBeVisible();
});
