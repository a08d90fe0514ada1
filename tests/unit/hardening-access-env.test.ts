import { afterEach, describe, expect, it, vi } from "vitest";

/** Issue 12, items 10 and 12: fail-closed defaults and the proxy setting, read as the server reads them. */

/** getEnv() from a fresh copy of the module (it caches), with exactly these variables set. */
async function envWith(vars: Record<string, string | undefined>) {
  for (const key of [
    "NODE_ENV",
    "HOST",
    "TRUST_PROXY",
    "SMTP_URL",
    "MAIL_TRANSPORT",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "STRIPE_STANDIN_WEBHOOK_SECRET",
  ])
    vi.stubEnv(key, undefined);
  for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
  vi.resetModules();
  const { getEnv } = await import("../../app/utils/env.server");
  return getEnv();
}

const production = { NODE_ENV: "production", SMTP_URL: "smtp://mail.example:587" };

describe("environment", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("development and test listen on loopback unless HOST says otherwise", async () => {
    expect((await envWith({ NODE_ENV: "development" })).HOST).toBe("127.0.0.1");
    expect((await envWith({})).HOST).toBe("127.0.0.1");
    expect((await envWith({ NODE_ENV: "test" })).HOST).toBe("127.0.0.1");
    expect((await envWith({ NODE_ENV: "development", HOST: "0.0.0.0" })).HOST).toBe("0.0.0.0");
  });

  it("production listens on every interface by default (behind its load balancer)", async () => {
    expect((await envWith(production)).HOST).toBe("0.0.0.0");
    expect((await envWith({ ...production, HOST: "10.0.0.5" })).HOST).toBe("10.0.0.5");
  });

  it("TRUST_PROXY is a hop count or a list of proxy addresses, never `true`", async () => {
    expect((await envWith({})).TRUST_PROXY).toBeUndefined();
    expect((await envWith({ TRUST_PROXY: "1" })).TRUST_PROXY).toBe(1);
    expect((await envWith({ TRUST_PROXY: "0" })).TRUST_PROXY).toBe(0);
    expect(
      (await envWith({ TRUST_PROXY: "10.0.0.1, 192.168.0.0/16,fd00::/8, loopback, 172.16.0.0/255.240.0.0" }))
        .TRUST_PROXY,
    ).toEqual(["10.0.0.1", "192.168.0.0/16", "fd00::/8", "loopback", "172.16.0.0/255.240.0.0"]);
    for (const bad of [
      "true",
      "TRUE",
      "yes",
      "10.0.0.0/33",
      "::/129",
      "10.0.0.1,",
      "1.2.3",
      "proxy.example",
      "11",
      "-1",
      "10.0.0.1/8/8",
    ]) {
      await expect(envWith({ TRUST_PROXY: bad }), bad).rejects.toThrow(/TRUST_PROXY/);
    }
  });

  it("the stand-in's webhook secret can only be set to something random-looking, never the published one", async () => {
    expect((await envWith({})).STRIPE_STANDIN_WEBHOOK_SECRET).toBeUndefined();
    await expect(
      envWith({ STRIPE_STANDIN_WEBHOOK_SECRET: "whsec_specdesk_local_standin_not_a_real_secret" }),
    ).rejects.toThrow(/published/);
    await expect(envWith({ STRIPE_STANDIN_WEBHOOK_SECRET: "whsec_short" })).rejects.toThrow(
      /STRIPE_STANDIN_WEBHOOK_SECRET/,
    );
  });
});
