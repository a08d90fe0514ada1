import { describe, expect, it } from "vitest";
import { raidIops, raidUsableGb, storageCapacity } from "~/domain/catalog";

describe("RAID usable capacity (capacity-rules.md section 3)", () => {
  it("matches the worked example: 6 x 4 TB", () => {
    expect(raidUsableGb({ count: 6, sizeGb: 4000, class: "hdd", raid: "raid5" })).toBe(20_000);
    expect(raidUsableGb({ count: 6, sizeGb: 4000, class: "hdd", raid: "raid6" })).toBe(16_000);
    expect(raidUsableGb({ count: 6, sizeGb: 4000, class: "hdd", raid: "raid10" })).toBe(12_000);
  });

  it("mirrors keep one disk, stripes keep all", () => {
    expect(raidUsableGb({ count: 2, sizeGb: 512, class: "nvme", raid: "raid1" })).toBe(512);
    expect(raidUsableGb({ count: 2, sizeGb: 512, class: "nvme", raid: "raid0" })).toBe(1024);
    expect(raidUsableGb({ count: 1, sizeGb: 80, class: "nvme", raid: "none" })).toBe(80);
  });

  it("gives nothing for arrays too small for their level", () => {
    expect(raidUsableGb({ count: 2, sizeGb: 1000, class: "hdd", raid: "raid5" })).toBe(0);
    expect(raidUsableGb({ count: 3, sizeGb: 1000, class: "hdd", raid: "raid6" })).toBe(0);
  });

  it("adds capacity and IOPS per class", () => {
    const cap = storageCapacity([
      { count: 4, sizeGb: 22_000, class: "hdd", raid: "raid6" },
      { count: 2, sizeGb: 1024, class: "nvme", raid: "raid1" },
    ]);
    expect(cap).toEqual({ nvmeGb: 1024, ssdGb: 0, hddGb: 44_000, iops: 400_000 + 2 * 150 });
    expect(raidIops({ count: 2, sizeGb: 1, class: "ssd", raid: "raid1" })).toBe(80_000);
  });
});
