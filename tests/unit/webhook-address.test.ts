import { describe, expect, it } from "vitest";
import { pageWebhookUrlProblem } from "~/utils/page-webhook-signature.server";
import { isRefusedAddress, refusedHostProblem, webhookAddressProblem } from "~/utils/webhook-address.server";

/** Issue 19: page webhooks never reach this machine or the networks behind it in production. */

describe("webhook addresses", () => {
  it("refuses private, loopback, link-local, CGNAT and unspecified addresses, v4 and v6", () => {
    for (const ip of [
      "10.0.0.1",
      "10.255.255.255",
      "172.16.0.1",
      "172.31.255.254",
      "192.168.1.1",
      "127.0.0.1",
      "127.8.9.10",
      "169.254.169.254",
      "100.64.0.1",
      "100.127.255.254",
      "0.0.0.0",
      "::1",
      "[::1]",
      "::",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "febf::1",
      "::ffff:10.0.0.1",
      "[::ffff:a9fe:a9fe]", // 169.254.169.254 as a URL writes it
    ])
      expect(isRefusedAddress(ip), ip).toBe(true);
    for (const ip of [
      "8.8.8.8",
      "93.184.215.14",
      "172.32.0.1",
      "172.15.255.255",
      "100.128.0.1",
      "100.63.255.255",
      "192.169.0.1",
      "2606:4700::1111",
      "fec0::1",
      "::ffff:8.8.8.8",
      "example.com",
    ])
      expect(isRefusedAddress(ip), ip).toBe(false);
  });

  it("in production a URL naming an inward host is a field error; outside production localhost http stays allowed", () => {
    expect(refusedHostProblem("localhost")).not.toBeNull();
    expect(refusedHostProblem("api.localhost")).not.toBeNull();
    expect(refusedHostProblem("hooks.example.com")).toBeNull();
    for (const url of [
      "https://10.0.0.5/x",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/x",
      "https://[fd00::5]/x",
      "https://0.0.0.0/x",
      "https://localhost/x",
      "https://0x7f.1/x", // 127.0.0.1 once the URL is parsed
    ])
      expect(pageWebhookUrlProblem(url, true), url).toMatch(/private, loopback or link-local/);
    expect(pageWebhookUrlProblem("https://hooks.example.com/x", true)).toBeNull();
    expect(pageWebhookUrlProblem("http://127.0.0.1:9000/x", false)).toBeNull();
    expect(pageWebhookUrlProblem("http://localhost:9000/x", false)).toBeNull();
  });

  it("checks every address a name resolves to, and refuses a name that does not resolve", async () => {
    const resolvesTo =
      (...addresses: string[]) =>
      async () =>
        addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    expect(await webhookAddressProblem("https://hooks.example.com/x", resolvesTo("93.184.215.14"))).toBeNull();
    expect(
      await webhookAddressProblem("https://hooks.example.com/x", resolvesTo("93.184.215.14", "192.168.0.10")),
    ).toContain("resolves to 192.168.0.10");
    expect(await webhookAddressProblem("https://hooks.example.com/x", resolvesTo("fe80::1"))).toContain("fe80::1");
    expect(await webhookAddressProblem("https://hooks.example.com/x", resolvesTo())).toContain("could not be resolved");
    const failing = async () => {
      throw Object.assign(new Error("nope"), { code: "ENOTFOUND" });
    };
    expect(await webhookAddressProblem("https://nowhere.invalid/x", failing)).toContain("ENOTFOUND");
    // A literal is judged as written, without a lookup.
    let looked = false;
    const spy = async () => {
      looked = true;
      return [];
    };
    expect(await webhookAddressProblem("https://8.8.8.8/x", spy)).toBeNull();
    expect(await webhookAddressProblem("https://127.0.0.1/x", spy)).not.toBeNull();
    expect(looked).toBe(false);
  });
});
