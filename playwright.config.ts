import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

/**
 * End-to-end tests drive Debian's Chromium (Playwright cannot download its own browser here)
 * against a real server: the production build, migrated and seeded, on a fresh PGlite directory
 * or on PostgreSQL when DATABASE_URL is set. NODE_ENV=test gives the demo staff accounts and the
 * development mailbox, which a production server never has.
 */
export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "rm -rf .data/e2e && tsx server/index.ts",
    url: `${baseURL}/quote/new`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // DATABASE_URL passes through: CI runs the end-to-end suite on PostgreSQL.
    env: {
      ...(process.env as Record<string, string>),
      PORT: String(PORT),
      HOST: "127.0.0.1",
      PGLITE_DIR: ".data/e2e",
      NODE_ENV: "test",
      RATE_LIMIT_MULTIPLIER: "20",
      PUBLIC_BASE_URL: baseURL,
      STRIPE_SECRET_KEY: "",
      STRIPE_WEBHOOK_SECRET: "",
    },
  },
});
