import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { findPrice } from "~/domain/catalog";
import { buildCustomConfiguration, euros, parseEuros, searchCatalog } from "~/domain/custom-configuration";
import { basisPointsOf } from "~/domain/money";
import { i18nConfig } from "~/i18n";
import { resources } from "~/locales";
import { explain } from "~/utils/explain";
import { seedCatalog } from "../fixtures/catalog";

const catalog = seedCatalog();
const demand = { vcpu: 16, ramGb: 64, storageGb: 500, gpu: 2 };

describe("amounts typed in euros", () => {
  it("reads a dot or a comma as the decimal separator, in whole cents", () => {
    expect(parseEuros("12.50")).toEqual({ ok: true, minor: 1250 });
    expect(parseEuros("12,50")).toEqual({ ok: true, minor: 1250 });
    expect(parseEuros("12,5")).toEqual({ ok: true, minor: 1250 });
    expect(parseEuros(" 1250 ")).toEqual({ ok: true, minor: 125_000 });
    expect(parseEuros("0.07")).toEqual({ ok: true, minor: 7 });
    expect(parseEuros("€ 9.99")).toEqual({ ok: true, minor: 999 });
    // 0.1 + 0.2 style drift cannot happen: 19.99 is exactly 1999 cents.
    expect(parseEuros("19.99")).toEqual({ ok: true, minor: 1999 });
  });

  it("refuses more than two decimals, negatives where not allowed, and text", () => {
    expect(parseEuros("12.505")).toEqual({ ok: false, reason: "decimals" });
    expect(parseEuros("-3")).toEqual({ ok: false, reason: "negative" });
    expect(parseEuros("-3,25", { allowNegative: true })).toEqual({ ok: true, minor: -325 });
    expect(parseEuros("twelve")).toEqual({ ok: false, reason: "format" });
    expect(parseEuros("1.250,00")).toEqual({ ok: false, reason: "format" });
    expect(parseEuros("")).toEqual({ ok: false, reason: "format" });
    expect(parseEuros("2000000")).toEqual({ ok: false, reason: "too_large" });
  });

  it("the zod field gives integer minor units or a message a technician reads", () => {
    expect(euros().parse("12,50")).toBe(1250);
    const decimals = euros().safeParse("1.999");
    expect(decimals.success).toBe(false);
    expect(decimals.error!.issues[0]!.message).toMatch(/at most 2 decimals/i);
    expect(euros().safeParse("-1").error!.issues[0]!.message).toMatch(/cannot be negative/i);
  });
});

describe("searching the catalog by name or spec", () => {
  const skus = (q: string) => searchCatalog(catalog, q).map((h) => h.sku);

  it("finds GPU servers, sizes, storage classes and names", () => {
    expect(skus("gpu").sort()).toEqual(["gex131", "gex44"]);
    expect(skus("GEX44")).toEqual(["gex44"]);
    expect(skus("64 GB")).toContain("gex44");
    expect(skus("64GB")).toEqual(skus("64 GB"));
    // "64 GB" is a whole number: a 164 GB or 640 GB model does not match.
    for (const hit of searchCatalog(catalog, "64 GB")) expect(hit.spec).toMatch(/(^|[^\d.])64 GB/);
    expect(skus("nvme gpu").sort()).toEqual(["gex131", "gex44"]);
    expect(skus("nvme")).toContain("disk-nvme-1920");
    // Nothing in our catalog has an L40S: the technician uses a custom line.
    expect(skus("L40S")).toEqual([]);
    expect(skus("").length).toBe(catalog.servers.length + catalog.addons.length);
  });
});

describe("a configuration built from scratch", () => {
  it("prices every line with the price book and the term discount as the engine does", () => {
    const built = buildCustomConfiguration(
      {
        tier: "lean",
        availability: "standard",
        items: [
          { sku: "gex44", quantity: 2 },
          { sku: "backup-1tb", quantity: 1 },
        ],
        custom: [{ description: "NVIDIA L40S 48 GB (sourced)", quantity: 2, monthlyMinor: 45_000, setupMinor: 10_050 }],
      },
      catalog,
      12,
      demand,
      "Two GPUs for inference",
    );
    const gex = findPrice(catalog, "gex44")!;
    const server = built.lines.find((l) => l.sku === "gex44")!;
    expect(server).toMatchObject({ kind: "server", quantity: 2, monthlyMinor: gex.monthlyMinor * 2 });
    const custom = built.lines.find((l) => l.kind === "custom")!;
    expect(custom).toMatchObject({ name: "NVIDIA L40S 48 GB (sourced)", monthlyMinor: 90_000, setupMinor: 20_100 });
    const items = built.lines.filter((l) => l.kind !== "discount");
    const subtotal = items.reduce((s, l) => s + l.monthlyMinor, 0);
    const discount = built.lines.find((l) => l.kind === "discount")!;
    expect(discount.monthlyMinor).toBe(-basisPointsOf(subtotal, catalog.priceBook.termDiscountBps[12]));
    // Capacity: two GEX44 (20 vCPU, 64 GB, 1,920 GB RAID 1, one GPU each).
    expect(built.check).toEqual([
      { resource: "vcpu", demand: 16, capacity: 40, enough: true },
      { resource: "ramGb", demand: 64, capacity: 128, enough: true },
      { resource: "storageGb", demand: 500, capacity: 3840, enough: true },
      { resource: "gpu", demand: 2, capacity: 2, enough: true },
    ]);
    expect(built.capacity.map((c) => c.resource)).toEqual(["vcpu", "ramGb", "storageGb"]);
    expect(built.servers).toEqual([expect.objectContaining({ sku: "gex44", quantity: 2 })]);
  });

  it("says when it falls short, and refuses an empty configuration or a product we do not sell", () => {
    const one = buildCustomConfiguration(
      { tier: "balanced", availability: "high", items: [{ sku: "gex44", quantity: 1 }], custom: [] },
      catalog,
      1,
      demand,
      "",
    );
    expect(one.check.find((c) => c.resource === "gpu")).toEqual({
      resource: "gpu",
      demand: 2,
      capacity: 1,
      enough: false,
    });
    expect(one.lines.some((l) => l.kind === "discount")).toBe(false); // no discount on a monthly term
    expect(() =>
      buildCustomConfiguration(
        { tier: "lean", availability: "standard", items: [], custom: [] },
        catalog,
        12,
        demand,
        "",
      ),
    ).toThrow(expect.objectContaining({ code: "empty_configuration" }));
    expect(() =>
      buildCustomConfiguration(
        { tier: "lean", availability: "standard", items: [{ sku: "nope", quantity: 1 }], custom: [] },
        catalog,
        12,
        demand,
        "",
      ),
    ).toThrow(expect.objectContaining({ code: "unknown_sku" }));
  });

  it("refuses a server sold only in another region, and amounts past what the database stores", () => {
    const us = {
      tier: "lean" as const,
      availability: "standard" as const,
      items: [{ sku: "cpx31", quantity: 1 }],
      custom: [],
    };
    expect(() => buildCustomConfiguration(us, catalog, 12, { ...demand, region: "eu" }, "")).toThrow(
      expect.objectContaining({ code: "sku_not_in_region", params: { sku: "cpx31", region: "EU" } }),
    );
    expect(buildCustomConfiguration(us, catalog, 12, { ...demand, region: "us" }, "").lines.length).toBeGreaterThan(0);
    const huge = {
      tier: "lean" as const,
      availability: "standard" as const,
      items: [],
      custom: [{ description: "Everything", quantity: 1000, monthlyMinor: 100_000_000, setupMinor: 100_000_000 }],
    };
    expect(() => buildCustomConfiguration(huge, catalog, 36, demand, "")).toThrow(
      expect.objectContaining({ code: "amount_too_large" }),
    );
    // Just under the limit over a 36-month term is fine.
    const big = { ...huge, custom: [{ description: "Big", quantity: 1, monthlyMinor: 5_000_000, setupMinor: 0 }] };
    expect(buildCustomConfiguration(big, catalog, 36, demand, "").lines[0]!.monthlyMinor).toBe(5_000_000);
  });

  it("shows a technician's description exactly as typed, in English and Spanish", async () => {
    const typed = 'GPU "L40S" <48 GB> & {{name}} $t(errors.not_found) – montaje';
    for (const lng of ["en", "es"] as const) {
      const i18n = createInstance();
      await i18n.init({ ...i18nConfig, lng, resources });
      expect(i18n.t("quote.lineKinds.custom", { name: typed })).toBe(typed);
      // The note the customer reads with it, through the sentence the quote page renders.
      expect(explain({ ruleId: "adjust.technician", params: { reason: typed } }, i18n.t, lng)).toContain(typed);
    }
  });
});
