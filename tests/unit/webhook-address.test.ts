import { describe, expect, it } from "vitest";
import { pageWebhookUrlProblem } from "~/utils/page-webhook-signature.server";
import {
  type LookupAll,
  isRefusedAddress,
  refusedHostProblem,
  refusingLookup,
  webhookAddressProblem,
} from "~/utils/webhook-address.server";

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

describe("refusingLookup: the resolver the webhook's connection uses", () => {
  const resolveWith =
    (...addresses: string[]): LookupAll =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  const call = (lookup: LookupAll, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
      refusingLookup(lookup)("hooks.example.com", { all }, (error, address, family) =>
        resolve({ error, address, family }),
      ),
    );

  it("connects to public addresses, one or all as net.connect asks", async () => {
    expect(await call(resolveWith("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"), false)).toEqual({
      error: null,
      address: "93.184.215.14",
      family: 4,
    });
    const all = await call(resolveWith("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"), true);
    expect(all.error).toBeNull();
    expect(all.address).toEqual([
      { address: "93.184.215.14", family: 4 },
      { address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", family: 6 },
    ]);
  });

  it("refuses the connection when any address is inward, or none resolves", async () => {
    for (const inward of ["127.0.0.1", "10.0.0.7", "169.254.169.254", "::1", "::ffff:192.168.1.1"]) {
      const { error } = await call(resolveWith("93.184.215.14", inward), true);
      expect(error?.code, inward).toBe("EREFUSEDADDRESS");
      expect(error?.message).toContain(inward);
    }
    expect((await call(resolveWith(), false)).error?.code).toBe("ENOTFOUND");
    const failing: LookupAll = async () => {
      throw Object.assign(new Error("queryA ESERVFAIL"), { code: "ESERVFAIL" });
    };
    expect((await call(failing, false)).error?.code).toBe("ESERVFAIL");
  });
});
