import { describe, expect, it } from "vitest";
import {
  addonChangesSchema,
  newAddonSchema,
  newServerModelSchema,
  productFactsSchema,
  serverModelChangesSchema,
  skuSchema,
  statusChangeAllowed,
} from "~/domain/catalog-schemas";
import { defaultFacts } from "~/domain/product-facts";
import { fieldErrors } from "~/utils/validation";
import { SEED_ADDONS, SEED_SERVERS } from "../../db/seed-data";

const { monthly: _m, setup: _s, ...ex44 } = SEED_SERVERS.find((s) => s.sku === "ex44")!;
const { monthly: _am, setup: _as, ...disk } = SEED_ADDONS.find((a) => a.sku === "disk-nvme-1920")!;

/** The refusal of `input` as { path: message }, or null when it parses. */
function refusal(schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) return null;
  return Object.fromEntries(
    fieldErrors(result.error as Parameters<typeof fieldErrors>[0]).map((e) => [e.path, e.message]),
  );
}

describe("catalog schemas", () => {
  it("every seeded model and add-on passes, so staff can save what the seed wrote", () => {
    for (const { monthly: _a, setup: _b, ...server } of SEED_SERVERS)
      expect(refusal(newServerModelSchema, server), server.sku).toBeNull();
    for (const { monthly: _a, setup: _b, ...addon } of SEED_ADDONS)
      expect(refusal(newAddonSchema, addon), addon.sku).toBeNull();
  });

  it("SKUs: lowercase letters, digits and single hyphens; 'new' is reserved; uppercase is named", () => {
    expect(skuSchema.parse(" ax42 ")).toBe("ax42");
    expect(skuSchema.parse("ram-32gb")).toBe("ram-32gb");
    const message = (sku: string) => skuSchema.safeParse(sku).error?.issues[0]?.message;
    expect(message("AX42")).toBe("Use lowercase letters: ax42.");
    expect(message("ax 42")).toMatch(/^A SKU is lowercase letters \(a-z\), digits and single hyphens/);
    expect(message("ax--42")).toMatch(/single hyphens/);
    expect(message("-ax42")).toMatch(/single hyphens/);
    expect(message("new")).toBe('"new" is reserved; choose another SKU.');
    expect(message("")).toBe("Enter a SKU.");
    expect(message("a".repeat(41))).toBe("Keep the SKU to 40 characters or fewer.");
  });

  it("names are trimmed, one line, without control characters; an empty Spanish name is none", () => {
    const parsed = newServerModelSchema.parse({ ...ex44, name: "  EX44  ", names: { es: "   " } });
    expect(parsed.name).toBe("EX44");
    expect(parsed.names).toEqual({});
    expect(newServerModelSchema.parse({ ...ex44, names: { es: " Servidor " } }).names).toEqual({ es: "Servidor" });
    expect(refusal(newServerModelSchema, { ...ex44, name: "EX\u000044" })).toEqual({
      name: "This text contains invisible control characters. Remove them and try again.",
    });
    expect(refusal(newServerModelSchema, { ...ex44, name: "EX\u202E44" })).toEqual({
      name: "This text contains invisible control characters. Remove them and try again.",
    });
    expect(refusal(newServerModelSchema, { ...ex44, cpu: "Intel\nCore" })).toEqual({
      cpu: "Keep this to one line, without line breaks or tabs.",
    });
    expect(refusal(newServerModelSchema, { ...ex44, name: "   " })).toEqual({ name: "Enter the name." });
  });

  it("RAM cannot exceed the maximum RAM", () => {
    expect(refusal(newServerModelSchema, { ...ex44, ramGb: 256, maxRamGb: 128 })).toEqual({
      ramGb: "RAM cannot exceed the maximum RAM (128 GB).",
    });
  });

  it("disks need free bays", () => {
    expect(refusal(newServerModelSchema, { ...ex44, diskBays: 1 })).toEqual({
      disks: "The disks need free bays: they take 2 bays and the model has 1. Add bays or remove disks.",
    });
  });

  it("a disk set's RAID level needs enough disks and must be one the model offers", () => {
    expect(
      refusal(newServerModelSchema, {
        ...ex44,
        disks: [{ count: 2, sizeGb: 512, class: "nvme", raid: "raid6" }],
        raidOptions: ["raid6", "raid1"],
      }),
    ).toEqual({
      "disks.0.raid": "RAID 6 needs at least 4 disks in the set.",
      raidOptions: "No disk set can form RAID 6 (at least 4 disks).",
    });
    expect(
      refusal(newServerModelSchema, {
        ...ex44,
        diskBays: 6,
        disks: [{ count: 5, sizeGb: 512, class: "nvme", raid: "raid10" }],
        raidOptions: ["raid10", "raid5"],
      }),
    ).toMatchObject({ "disks.0.raid": "RAID 10 needs an even number of disks, at least 4, in the set." });
    expect(refusal(newServerModelSchema, { ...ex44, raidOptions: ["raid0", "none"] })).toEqual({
      "disks.0.raid": "RAID 1 is not among the RAID options; offer it or pick another.",
    });
    expect(refusal(newServerModelSchema, { ...ex44, raidOptions: [] })).toEqual({
      raidOptions: "Offer at least one RAID level (No RAID counts).",
    });
  });

  it("regions are not empty, known and each named once; they come back in a fixed order", () => {
    expect(refusal(newServerModelSchema, { ...ex44, regions: [] })).toEqual({
      regions: "Choose at least one region the model is sold in.",
    });
    expect(refusal(newServerModelSchema, { ...ex44, regions: ["eu", "mars"] })).toEqual({
      "regions.1": "Choose regions from EU and US.",
    });
    expect(refusal(newServerModelSchema, { ...ex44, regions: ["eu", "eu"] })).toEqual({
      regions: "Name each of the regions once.",
    });
  });

  it("numbers are whole, within bounds, and every message names the field and unit", () => {
    expect(refusal(newServerModelSchema, { ...ex44, vcpu: "20" })).toEqual({
      vcpu: "Enter the number of CPU threads as a whole number.",
    });
    expect(refusal(newServerModelSchema, { ...ex44, ramGb: 64.5 })).toEqual({
      ramGb: "Enter the RAM as a whole number of GB.",
    });
    expect(refusal(newServerModelSchema, { ...ex44, vcpu: 0 })).toEqual({
      vcpu: "The number of CPU threads must be at least 1.",
    });
    expect(refusal(newServerModelSchema, { ...ex44, diskBays: 1000 })).toEqual({
      diskBays: "The number of disk bays must be at most 100.",
    });
    expect(refusal(newServerModelSchema, { ...ex44, includedTrafficTb: undefined })).toEqual({
      includedTrafficTb: "Enter the traffic included a month as a whole number of TB, or choose unmetered.",
    });
  });

  it("GPUs: a GPU server has one, and a GPU count needs its model named", () => {
    expect(refusal(newServerModelSchema, { ...ex44, line: "gpu" })).toEqual({
      gpuCount: "A GPU server needs at least one GPU.",
    });
    expect(refusal(newServerModelSchema, { ...ex44, gpuCount: 1 })).toEqual({
      gpuModel: "Name the GPU model, for example NVIDIA RTX 4000 SFF Ada 20 GB.",
    });
    expect(refusal(newServerModelSchema, { ...ex44, gpuModel: "RTX" })).toEqual({
      gpuModel: "A model without GPUs has no GPU model: clear this field or set the number of GPUs.",
    });
  });

  it("the source is a web address or nothing", () => {
    expect(newServerModelSchema.parse({ ...ex44, sourceUrl: "" }).sourceUrl).toBeNull();
    expect(refusal(newServerModelSchema, { ...ex44, sourceUrl: "javascript:alert(1)" })).toEqual({
      sourceUrl: "Enter a web address starting with https:// (or leave it empty).",
    });
  });

  it("an unknown field is refused by name, and changes never carry a SKU", () => {
    expect(refusal(newServerModelSchema, { ...ex44, colour: "red" })).toEqual({ colour: "Unknown field: colour." });
    const { sku: _sku, ...changes } = ex44;
    expect(refusal(serverModelChangesSchema, changes)).toBeNull();
    expect(refusal(serverModelChangesSchema, ex44)).toEqual({ sku: "Unknown field: sku." });
  });

  it("product facts: policies from their lists, support and replacement in hours, exclusions in checklist order", () => {
    const facts = defaultFacts("dedicated");
    expect(productFactsSchema.parse(facts)).toEqual(facts);
    const reordered = productFactsSchema.parse({ ...facts, notIncluded: ["restore_labour", "os_licence"] });
    expect(reordered.notIncluded).toEqual(["os_licence", "restore_labour"]);
    expect(productFactsSchema.parse({ ...facts, hardwareReplacementHours: null }).hardwareReplacementHours).toBeNull();
    expect(
      refusal(productFactsSchema, {
        backup: "weekly",
        osManagement: "sometimes",
        support: { hours: "weekends", responseHours: 0 },
        hardwareReplacementHours: 1000,
        notIncluded: ["os_licence", "os_licence"],
      }),
    ).toEqual({
      backup: "Choose a backup policy: none, or daily backups kept 7, 14 or 30 days.",
      osManagement: "Choose how the operating system is looked after: not at all, security updates, or fully managed.",
      "support.hours": "Choose the support hours: business hours, extended hours or around the clock.",
      "support.responseHours": "The support response time must be at least 1 hour.",
      hardwareReplacementHours: "The hardware replacement time must be at most 720 hours.",
      notIncluded: "Name each of the items not included once.",
    });
    expect(refusal(productFactsSchema, { ...facts, notIncluded: ["free_lunch"] })).toMatchObject({
      "notIncluded.0": expect.stringMatching(/^Pick what is not included from the list/),
    });
  });

  it("add-ons: size, storage and lines only where the kind has them", () => {
    expect(refusal(newAddonSchema, { ...disk, storageClass: null })).toEqual({
      storageClass: "A disk needs its kind of storage: NVMe SSD, SATA SSD or HDD.",
    });
    expect(refusal(newAddonSchema, { ...disk, sizeGb: null })).toEqual({
      sizeGb: "A disk needs its size in GB (per unit).",
    });
    expect(refusal(newAddonSchema, { ...disk, lines: [] })).toEqual({
      lines: "A disk fits only some servers: choose the server lines it fits.",
    });
    expect(
      refusal(newAddonSchema, { ...disk, sku: "ip", kind: "ipv4", sizeGb: 1, storageClass: "ssd", lines: ["cloud"] }),
    ).toEqual({
      sizeGb: "An IPv4 address has no size: leave the size empty.",
      storageClass: "An IPv4 address has no kind of storage: leave it empty.",
      lines: "An IPv4 address goes with any server: leave the server lines empty.",
    });
    expect(refusal(newAddonSchema, { ...disk, kind: "gpu" })).toEqual({
      kind: "Choose a kind: RAM, disk, block volume, backup space, traffic, IPv4 address or load balancer.",
    });
    const { sku: _sku, ...changes } = disk;
    expect(refusal(addonChangesSchema, changes)).toBeNull();
  });

  it("status changes: draft to active, active to retired, retired back to active; never back to draft", () => {
    expect(statusChangeAllowed("draft", "active")).toBe(true);
    expect(statusChangeAllowed("active", "retired")).toBe(true);
    expect(statusChangeAllowed("retired", "active")).toBe(true);
    expect(statusChangeAllowed("active", "draft")).toBe(false);
    expect(statusChangeAllowed("retired", "draft")).toBe(false);
    expect(statusChangeAllowed("draft", "retired")).toBe(false);
  });
});
