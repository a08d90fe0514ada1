import { describe, expect, it } from "vitest";
import { DEV_PASSWORD, DEV_USERS } from "../../db/seed";
import { firstScreen } from "../../server/first-screen";

const screen = (env: { NODE_ENV: string; HOST: string; DATABASE_URL?: string }) =>
  firstScreen({
    env: { PGLITE_DIR: "./.data/pglite", ...env },
    port: 3000,
    stripeStandInUrl: "http://127.0.0.1:4000",
    devUsers: DEV_USERS,
    devPassword: DEV_PASSWORD,
  });

describe("the first screen of npm start", () => {
  it("ends with the app's address, after the staff sign-in, the accounts and the mailbox", () => {
    const { url, text } = screen({ NODE_ENV: "development", HOST: "127.0.0.1" });
    expect(url).toBe("http://localhost:3000");
    const lines = text!.trim().split("\n");
    expect(lines.at(-1)!.trim()).toBe("SpecDesk is running at http://localhost:3000");
    expect(text).toContain("Staff sign-in   http://localhost:3000/staff/login");
    for (const user of DEV_USERS) expect(text).toMatch(new RegExp(`${user.role}\\s+${user.email.replace(".", "\\.")}`));
    expect(text).toContain(DEV_PASSWORD);
    expect(text).toContain("Mailbox         http://localhost:3000/dev/mailbox");
    expect(text).toContain("Stripe stand-in http://127.0.0.1:4000");
  });

  it("says the demo accounts are off when the server listens beyond loopback", () => {
    const { url, text } = screen({ NODE_ENV: "development", HOST: "192.168.1.5" });
    expect(url).toBe("http://192.168.1.5:3000");
    expect(text).not.toContain(DEV_PASSWORD);
    expect(text).toContain("demo accounts are disabled");
  });

  it("prints nothing in production and under tests (their logs are JSON lines), but knows the URL", () => {
    expect(screen({ NODE_ENV: "production", HOST: "0.0.0.0" })).toEqual({ url: "http://localhost:3000", text: null });
    expect(screen({ NODE_ENV: "test", HOST: "::1" }).text).toBeNull();
    expect(
      firstScreen({
        env: { NODE_ENV: "production", HOST: "fd00::1", PGLITE_DIR: "" },
        port: 8080,
        devUsers: [],
        devPassword: "",
      }).url,
    ).toBe("http://[fd00::1]:8080");
  });
});
