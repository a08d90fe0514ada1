import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acceptanceTest, deliveryChecklist, serverFactsSchema } from "~/domain/delivery";
import { estimate } from "~/domain/engine";
import { seedCatalog } from "../fixtures/catalog";

const SCRIPT = path.resolve("public/tools/specdesk-check.sh");
const runScript = (env: Record<string, string> = {}) =>
  JSON.parse(execFileSync("sh", [SCRIPT], { encoding: "utf8", env: { ...process.env, ...env } })) as unknown;

const catalog = seedCatalog();
const facts = Object.fromEntries(catalog.servers.map((s) => [s.sku, { disks: s.disks, networkGbit: s.networkGbit }]));

describe("delivery checklist", () => {
  it("lists every server once per unit and every line exactly once (add-ons spread over the servers)", () => {
    const result = estimate(
      {
        requirements: { availability: "high", termMonths: 12, region: "eu" },
        workloads: [
          { kind: "web_app", visitsPerDay: 20_000 },
          { kind: "database", dataGb: 200 },
          { kind: "file_storage", dataGb: 1500, access: "active" },
        ],
      },
      catalog,
    );
    for (const p of result.proposals) {
      const list = deliveryChecklist(p.servers, p.lines, facts);
      expect(list.servers).toHaveLength(p.servers.reduce((n, s) => n + s.quantity, 0));
      expect(new Set(list.servers.map((s) => s.key)).size).toBe(list.servers.length);
      for (const line of p.lines) {
        if (line.kind === "server" || line.kind === "discount") continue;
        const onServers = list.servers.flatMap((s) => s.addons).filter((a) => a.name === line.name);
        const asService = list.services.filter((s) => s.name === line.name && s.kind === line.kind);
        const total = onServers.reduce((n, a) => n + a.quantity, 0) + asService.reduce((n, s) => n + s.quantity, 0);
        expect(total, `${line.kind} ${line.name}`).toBe(line.quantity);
      }
      for (const s of list.servers) {
        const sold = p.servers.find((x) => x.sku === s.sku)!;
        expect(s.expected).toMatchObject({ threads: sold.vcpu, ramGb: sold.ramGb, usableStorageGb: sold.storageGb });
      }
    }
  });

  it("spreads an uneven add-on count so the rows still add up", () => {
    const list = deliveryChecklist(
      [
        {
          sku: "ax41-nvme",
          name: "AX41-NVMe",
          line: "dedicated",
          quantity: 2,
          roles: ["app"],
          vcpu: 12,
          ramGb: 64,
          storageGb: 512,
        },
      ],
      [
        { kind: "server", sku: "ax41-nvme", name: "AX41-NVMe", quantity: 2, monthlyMinor: 8800, setupMinor: 0 },
        { kind: "storage", sku: "ssd-3840", name: "SSD 3.84 TB", quantity: 3, monthlyMinor: 8700, setupMinor: 0 },
        { kind: "ipv4", sku: "ipv4", name: "Failover IPv4", quantity: 1, monthlyMinor: 170, setupMinor: 0 },
        { kind: "migration", sku: null, name: "transfer", quantity: 1, monthlyMinor: 0, setupMinor: 40_000 },
      ],
      facts,
    );
    expect(list.servers.map((s) => s.addons)).toEqual([
      [{ name: "SSD 3.84 TB", quantity: 2 }],
      [{ name: "SSD 3.84 TB", quantity: 1 }],
    ]);
    expect(list.servers[0]!.expected.raidLevels).toContain("raid1");
    expect(list.services.map((s) => s.kind)).toEqual(["ipv4", "migration"]);
  });
});

describe("the check script and the acceptance test", () => {
  it("prints valid JSON of the documented shape on this machine", () => {
    const parsed = serverFactsSchema.safeParse(runScript());
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const measured = parsed.data!;
    expect(measured.cpu.threads).toBeGreaterThan(0);
    expect(measured.memory.totalGb).toBeGreaterThan(0);
    expect(measured.filesystems.length).toBeGreaterThan(0);
  });

  it("reads RAID arrays and their state from mdstat: clean, degraded and rebuilding", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mdstat-"));
    const file = path.join(dir, "mdstat");
    writeFileSync(
      file,
      [
        "Personalities : [raid1] [raid10]",
        "md0 : active raid1 nvme1n1p1[1] nvme0n1p1[0]",
        "      33520640 blocks super 1.2 [2/2] [UU]",
        "md1 : active raid1 sdb1[1] sda1[0](F)",
        "      976630464 blocks super 1.2 [2/1] [U_]",
        "md2 : active raid10 sdd[3] sdc[2] sdb[1] sda[0]",
        "      1953260544 blocks super 1.2 512K chunks 2 near-copies [4/4] [UUUU]",
        "      [==>..................]  resync = 12.6% (246118016/1953260544) finish=140.5min",
        "unused devices: <none>",
      ].join("\n"),
    );
    const measured = serverFactsSchema.parse(runScript({ SPECDESK_MDSTAT: file }));
    expect(measured.raid).toEqual([
      { name: "md0", level: "raid1", state: "clean" },
      { name: "md1", level: "raid1", state: "degraded" },
      { name: "md2", level: "raid10", state: "rebuilding" },
    ]);
  });

  const sold = { threads: 12, ramGb: 64, usableStorageGb: 900, raidLevels: ["raid1" as const], uplinkGbit: 1 };
  const good = {
    hostname: "web-1",
    kernel: "6.1.0-18-amd64",
    cpu: { model: "AMD Ryzen 5 3600 6-Core Processor", threads: 12 },
    memory: { totalGb: 62.6 },
    disks: [
      { name: "nvme0n1", sizeGb: 512.1, rotational: false },
      { name: "nvme1n1", sizeGb: 512.1, rotational: false },
    ],
    raid: [
      { name: "md0", level: "raid1", state: "clean" },
      { name: "md2", level: "raid1", state: "clean" },
    ],
    filesystems: [
      { mount: "/", sizeGb: 468.2, freeGb: 450 },
      { mount: "/var/lib/data", sizeGb: 440, freeGb: 439 },
      { mount: "/boot", sizeGb: 1, freeGb: 0.8 },
    ],
    nic: { name: "enp9s0", speedMbit: 1000 },
    fio: null,
  };

  it("passes a server that meets the spec, with expected and measured values for every item", () => {
    const items = acceptanceTest(sold, good);
    expect(items.map((i) => [i.key, i.pass])).toEqual([
      ["threads", true],
      ["ram", true],
      ["storage", true],
      ["raid", true],
      ["uplink", true],
    ]);
    expect(items.find((i) => i.key === "ram")).toMatchObject({ expected: "64 GB", measured: "62.6 GB" });
  });

  it("fails less RAM, a degraded array, a smaller disk and a slower NIC, item by item", () => {
    const fail = (facts: typeof good) =>
      acceptanceTest(sold, facts)
        .filter((i) => !i.pass)
        .map((i) => i.key);
    expect(fail({ ...good, memory: { totalGb: 31.3 } })).toEqual(["ram"]);
    expect(fail({ ...good, raid: [{ name: "md2", level: "raid1", state: "degraded" }] })).toEqual(["raid"]);
    expect(fail({ ...good, raid: [] })).toEqual(["raid"]);
    expect(fail({ ...good, filesystems: [{ mount: "/", sizeGb: 468.2, freeGb: 400 }] })).toEqual(["storage"]);
    expect(fail({ ...good, nic: { name: "eth0", speedMbit: 100 } })).toEqual(["uplink"]);
    expect(fail({ ...good, cpu: { model: "x", threads: 8 } })).toEqual(["threads"]);
    expect(acceptanceTest(sold, { ...good, nic: null }).find((i) => i.key === "uplink")).toMatchObject({
      pass: true,
      measured: "not measured",
    });
  });

  it("refuses output of the wrong shape", () => {
    expect(serverFactsSchema.safeParse({ hostname: "x" }).success).toBe(false);
    expect(serverFactsSchema.safeParse({ ...good, cpu: { model: "x", threads: -1 } }).success).toBe(false);
    expect(serverFactsSchema.safeParse({ ...good, disks: "sda" }).success).toBe(false);
  });
});
