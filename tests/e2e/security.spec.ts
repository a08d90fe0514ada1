import { expect, test } from "./fixtures";

/** Pages under the enforcing Content-Security-Policy: nothing blocked, every script carries the nonce. */
test("every page runs under an enforcing CSP with a per-request nonce, and nothing is blocked", async ({
  page,
  request,
}) => {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));

  const first = await request.get("/quote/new");
  const second = await request.get("/quote/new");
  const policy = first.headers()["content-security-policy"]!;
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("base-uri 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
  const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
  expect(/'nonce-([^']+)'/.exec(second.headers()["content-security-policy"]!)![1]).not.toBe(nonce);
  expect(Buffer.from(nonce, "base64").length).toBeGreaterThanOrEqual(16);
  const html = await first.text();
  const scripts = html.match(/<script[^>]*>/g)!;
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  // The wizard works (hydrated, interactive) under the policy.
  await page.goto("/quote/new?lng=en");
  await page.getByRole("button", { name: /Add Website or web application/ }).click();
  await expect(page.getByLabel("Visits per day")).toBeVisible();
  for (const path of ["/", "/quote/link", "/staff/login"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(problems).toEqual([]);
});

test("a POST from another site is refused with 403 and changes nothing", async ({ request }) => {
  const body = { intent: "view" };
  const crossSite = await request.post("/quote/link", {
    form: { email: "someone@example.com" },
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
  });
  expect(crossSite.status()).toBe(403);
  const nullOrigin = await request.post("/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", {
    form: body,
    headers: { Origin: "null", "Sec-Fetch-Site": "cross-site" },
  });
  expect(nullOrigin.status()).toBe(403);
  // The Stripe webhook is the documented exception: it is reached, and its signature decides.
  const webhook = await request.post("/webhooks/stripe", {
    data: "{}",
    headers: { Origin: "https://stripe.example", "Sec-Fetch-Site": "cross-site", "Stripe-Signature": "t=1,v1=bad" },
  });
  expect(webhook.status()).toBe(400);
});

test("a staff page sends a visitor to the login form, which refuses a wrong password, signs the right one in where they were going and signs out", async ({
  page,
}) => {
  await page.goto("/staff/review");
  await expect(page).toHaveURL(/\/staff\/login\?redirectTo=%2Fstaff%2Freview/);
  await expect(page.getByRole("heading", { level: 1, name: "Staff sign in" })).toBeVisible();
  await page.getByLabel("E-mail").fill("tech@specdesk.local");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong e-mail address or password.")).toBeVisible();
  await expect(page).toHaveURL(/\/staff\/login/);

  await page.getByLabel("E-mail").fill("tech@specdesk.local");
  await page.getByLabel("Password").fill("specdesk-dev-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await expect(page).toHaveURL(/\/staff\/review$/);
  await expect(page.getByRole("navigation", { name: "Staff" })).toContainText("Tim Technician (technician)");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/staff\/login/);
  await page.goto("/staff/review");
  await expect(page).toHaveURL(/\/staff\/login/);
});

test("a staff page outside the person's role says so, instead of reading as a crash", async ({ techPage }) => {
  const response = await techPage.goto("/staff/users");
  expect(response?.status()).toBe(403);
  await expect(techPage.getByRole("heading", { name: "No access" })).toBeVisible();
  await expect(techPage.getByText("Something went wrong")).toHaveCount(0);
});
