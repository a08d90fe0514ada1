import { expect, test } from "./fixtures";

// These tests drive the wizard by hand (that is what they test); the quotes they make are handed to
// the fixtures (quotes.adopt), which delete them afterwards.

test.beforeEach(async ({ page }) => {
  await page.goto("/quote/new?lng=en");
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
});

test("a customer in the United States is offered dollars, may keep euros, and gets the currency chosen", async ({
  page,
  quotes,
}) => {
  await page.getByRole("button", { name: /Add Website or web application/ }).click();
  await page
    .getByRole("group", { name: /Workload 1/ })
    .getByLabel("Visits per day")
    .fill("3000");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  const currency = page.getByLabel("Currency");
  await expect(currency).toHaveValue("EUR");
  // The region suggests dollars...
  await page.getByLabel("Region").selectOption("us");
  await expect(currency).toHaveValue("USD");
  // ...and a choice the customer makes stays theirs when the region changes again.
  await currency.selectOption("EUR");
  await page.getByLabel("Region").selectOption("eu");
  await page.getByLabel("Region").selectOption("us");
  await expect(currency).toHaveValue("EUR");
  await currency.selectOption("USD");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel("Your name").fill("Dana Dollars");
  await page.getByLabel("E-mail").fill("dana@example.com");
  await page.getByRole("button", { name: "Get my proposals" }).click();
  await expect(page).toHaveURL(/\/q\/[A-Za-z0-9_-]{43}$/);
  await quotes.adopt(page.url());
  const lean = page.getByRole("article", { name: "Lean" });
  await expect(lean.getByText(/\$[\d,]+\.\d\d/).first()).toBeVisible();
  await expect(lean.getByText(/€/)).toHaveCount(0);
});

test("a customer describes two workloads and sees priced, explained proposals", async ({ page, quotes }) => {
  await page.getByRole("button", { name: /Add Website or web application/ }).click();
  const web = page.getByRole("group", { name: /Workload 1/ });
  await web.getByLabel("Name").fill("Shop");
  await web.getByLabel("Visits per day").fill("40000");

  await page.getByRole("button", { name: /Add Database/ }).click();
  const db = page.getByRole("group", { name: /Workload 2/ });
  await db.getByLabel("Data size today (GB)").fill("250");

  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Step 2 of 4/ })).toBeVisible();
  await page.getByLabel(/High, 99.9 %/).check();
  await page.getByLabel("Contract term").selectOption("24");
  await page.getByRole("button", { name: "Next", exact: true }).click();

  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel("Your name").fill("Grace Hopper");
  await page.getByLabel("E-mail").fill("grace@example.com");
  await page.getByRole("button", { name: "Get my proposals" }).click();

  await expect(page).toHaveURL(/\/q\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your server proposals" })).toBeVisible();
  await quotes.adopt(page.url());
  await expect(page.getByRole("status")).toHaveText(/Proposals ready/);
  const proposals = page.getByRole("article");
  expect(await proposals.count()).toBeGreaterThanOrEqual(2);
  const lean = page.getByRole("article", { name: "Lean" });
  await expect(lean.getByText("Availability 99.9 %")).toBeVisible();
  await expect(lean.getByText(/Total over 24 months/)).toBeVisible();
  await expect(lean.getByText(/€[\d,]+\.\d\d/).first()).toBeVisible();
  // Every line explains itself.
  await lean.getByText("Why?").first().click();
  await expect(
    lean.locator("details.why[open]").getByText(/is the lowest-cost fit for application, database/),
  ).toBeVisible();
  await expect(lean.locator("meter").first()).toBeVisible();

  // The draft is cleared once the quote exists.
  expect(await page.evaluate(() => window.localStorage.getItem("specdesk:quote-draft:v1"))).toBeNull();
});

test("a bad value shows its error next to the field and takes the focus", async ({ page }) => {
  await page.getByRole("button", { name: /Add Website or web application/ }).click();
  await page.getByLabel("Visits per day").fill("-5");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  const field = page.getByLabel("Visits per day");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Must be at least 1.")).toBeVisible();
  await expect(field).toBeFocused();
  await expect(page.getByRole("heading", { name: /Step 1 of 4/ })).toBeVisible();

  await field.fill("1200");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Step 2 of 4/ })).toBeVisible();
});

test("asks for at least one workload", async ({ page }) => {
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByText("Add at least one workload.")).toBeVisible();
});

test("a reload keeps the draft", async ({ page }) => {
  await page.getByRole("button", { name: /Add File storage/ }).click();
  await page.getByLabel("Data size today (GB)").fill("1500");
  await page.getByLabel("How the files are used").selectOption("archive");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel("Anything special?").fill("Migration from our old server in March");

  await page.reload();
  await expect(page.getByLabel("Anything special?")).toHaveValue("Migration from our old server in March");
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByLabel("Data size today (GB)")).toHaveValue("1500");
  await expect(page.getByLabel("How the files are used")).toHaveValue("archive");
});

test.describe("in Spanish", () => {
  test.use({ locale: "es-ES", extraHTTPHeaders: { "Accept-Language": "es-ES,es;q=0.9" } });

  test("the wizard and the quote page render in Spanish, with prices in Spanish format", async ({ page, quotes }) => {
    await page.context().clearCookies();
    await page.goto("/quote/new");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1, name: "Describa sus cargas de trabajo" })).toBeVisible();
    await page.getByRole("button", { name: /Añadir Servidor con especificaciones conocidas/ }).click();
    await page.getByLabel("Hilos de vCPU").fill("4");
    await page.getByLabel("RAM (GB)").fill("");
    await page.getByRole("button", { name: "Siguiente" }).click();
    await expect(page.getByText("Este campo es obligatorio.")).toBeVisible();
    await page.getByLabel("RAM (GB)").fill("16");
    await page.getByRole("button", { name: "Siguiente" }).click();
    await page.getByRole("button", { name: "Siguiente" }).click();
    await page.getByRole("button", { name: "Siguiente" }).click();
    await page.getByLabel("Su nombre").fill("Ana García");
    await page.getByLabel("Correo electrónico").fill("ana@example.es");
    await page.getByRole("button", { name: "Ver mis propuestas" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sus propuestas de servidores" })).toBeVisible();
    await quotes.adopt(page.url());
    await expect(
      page
        .getByRole("article", { name: "Ajustada" })
        .getByText(/\d+,\d\d\s€/)
        .first(),
    ).toBeVisible();
  });

  test("the language switcher changes the language and remembers it", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.goto("/quote/new");
    await expect(page.getByRole("heading", { level: 1, name: "Describe your workloads" })).toBeVisible();
  });
});

test("an unknown quote link is a plain 404 that is never cached", async ({ page }) => {
  const response = await page.goto(`/q/${"A".repeat(43)}`);
  expect(response?.status()).toBe(404);
  expect(response?.headers()["cache-control"]).toContain("no-store");
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("a customer sizes GitLab for 2,000 users and reads the explanation and what runs out first", async ({
  page,
  quotes,
}) => {
  await page.getByRole("button", { name: /Add GitLab/ }).click();
  const gitlab = page.getByRole("group", { name: /Workload 1: GitLab/ });
  await gitlab.getByLabel("Users", { exact: true }).fill("2000");
  await gitlab.getByLabel(/These figures are measured/).check();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel(/High, 99.9 %/).check();
  // No growth: the figures are then exactly GitLab's 2,000-user reference architecture.
  await page.getByLabel("Expected growth per year (%)").fill("0");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel("Your name").fill("Linus");
  await page.getByLabel("E-mail").fill("linus@example.com");
  await page.getByRole("button", { name: "Get my proposals" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Your server proposals" })).toBeVisible();
  await quotes.adopt(page.url());
  const lean = page.getByRole("article", { name: "Lean" });
  await expect(lean.getByText(/What runs out first:/)).toBeVisible();
  await expect(lean.getByText(/If a server fails/)).toBeVisible();
  await lean.getByText("How we sized this").click();
  await expect(lean.getByText(/GitLab's web and background workers for 2,000 users need 20 vCPU/)).toBeVisible();
  await expect(lean.getByText(/Gitaly, which stores the repositories/)).toBeVisible();
});

test("every kind of workload can be described in the wizard and is sized", async ({ page, quotes }) => {
  const kinds: [string, string, [string, string][]][] = [
    ["Website or web application", "Website or web application", [["Visits per day", "3000"]]],
    ["Database", "Database", [["Data size today (GB)", "20"]]],
    ["File storage", "File storage", [["Data size today (GB)", "300"]]],
    [
      "Server with known specs",
      "Server with known specs",
      [
        ["vCPU threads", "2"],
        ["RAM (GB)", "4"],
      ],
    ],
    ["GitLab", "GitLab", [["Users", "50"]]],
    ["Mattermost", "Mattermost", [["Users online at the same time", "40"]]],
    ["Nextcloud", "Nextcloud", [["Users", "20"]]],
    ["Discourse forum", "Discourse forum", [["Page views per month", "50000"]]],
    ["WordPress / WooCommerce", "WordPress / WooCommerce", [["Visits per day", "800"]]],
    ["Minecraft server", "Minecraft server", [["Players online at the same time", "10"]]],
    ["Elasticsearch", "Elasticsearch", [["Data size today (GB)", "30"]]],
    ["Kubernetes control plane", "Kubernetes control plane", [["Worker nodes", "5"]]],
    [
      "Backup storage",
      "Backup storage",
      [
        ["Data to protect (TB)", "1"],
        ["Retention (days)", "14"],
      ],
    ],
    ["Mail server", "Mail server", [["Mailboxes", "25"]]],
    [
      "Virtual machines",
      "Virtual machines",
      [
        ["vCPU", "2"],
        ["RAM (GB)", "4"],
        ["Disk (GB)", "40"],
      ],
    ],
  ];
  for (const [index, [button, legend, fields]] of kinds.entries()) {
    await page
      .getByRole("button", { name: `Add ${button}`, exact: false })
      .first()
      .click();
    const group = page.getByRole("group", { name: `Workload ${index + 1}: ${legend}`, exact: true });
    for (const [label, value] of fields) {
      const pattern = new RegExp(`^${label.replace(/[()]/g, "\\$&")}( \\(optional\\))?$`);
      await group.getByLabel(pattern).fill(value);
    }
  }
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Step 2 of 4/ })).toBeVisible();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel("Your name").fill("Ada");
  await page.getByLabel("E-mail").fill("ada@example.com");
  await page.getByRole("button", { name: "Get my proposals" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your server proposals" })).toBeVisible();
  await quotes.adopt(page.url());
  // A GPU-free, compliance-free estate like this one is sized without a technician.
  await expect(page.getByRole("status")).toHaveText(/Proposals ready|A technician is reviewing/);
  const lean = page.getByRole("article", { name: "Lean" });
  await lean.getByText("How we sized this").click();
  for (const text of [
    /Mattermost for 40 users/,
    /Minecraft|vanilla server for 10 players/,
    /control plane for 5 workers/,
    /mail server for 25 mailboxes/,
    /1 virtual machine needs/,
  ]) {
    await expect(lean.getByText(text).first()).toBeVisible();
  }
});
