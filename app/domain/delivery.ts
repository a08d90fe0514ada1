import { z } from "zod";
import type { DiskSet, RaidLevel } from "./catalog";
import type { ProposedServer } from "./engine";

/**
 * Delivery (issue 18): what the technicians build from an accepted version, and how each delivered
 * server is tested against what was sold. Pure: the model reads the rows, this decides.
 */

/** A priced line of the accepted version, as stored. */
export interface AcceptedLine {
  kind: string;
  sku: string | null;
  name: string;
  quantity: number;
  monthlyMinor: number;
  setupMinor: number;
}

/** What the catalog says about a server model the version sold (for the spec a delivered server must meet). */
export interface ServerFacts {
  disks: DiskSet[];
  networkGbit: number;
}

/** What a delivered server must measure up to. */
export interface ExpectedSpec {
  threads: number;
  ramGb: number;
  /** Usable storage after RAID, as sold. */
  usableStorageGb: number;
  /** RAID levels the sold disks run in (empty: single disks, nothing to check). */
  raidLevels: RaidLevel[];
  uplinkGbit: number;
}

export interface ChecklistServer {
  /** "cx53-1", "cx53-2": stable within the version. */
  key: string;
  sku: string;
  name: string;
  roles: string[];
  /** Add-on lines this server carries (RAM, disks), with how many of each. */
  addons: { name: string; quantity: number }[];
  expected: ExpectedSpec;
}

export interface Checklist {
  servers: ChecklistServer[];
  /** Lines that are not a server's hardware: IPs, load balancer, backup space, traffic, custom and migration lines. */
  services: { kind: string; name: string; quantity: number }[];
}

const PER_SERVER_ADDONS = new Set(["ram", "storage"]);
const NOT_DELIVERED = new Set(["server", "discount", "sales_discount"]);

/**
 * The checklist of an accepted version: one row per server with the add-ons it carries, and every
 * other line as a service. Add-on lines priced "per server" (RAM, disks) are spread evenly over the
 * servers they were sized for (the engine adds the same to each server of a model); any remainder
 * goes to the first servers, so the rows always add up to the lines exactly.
 */
export function deliveryChecklist(
  servers: readonly ProposedServer[],
  lines: readonly AcceptedLine[],
  facts: Readonly<Record<string, ServerFacts | undefined>>,
): Checklist {
  const rows: ChecklistServer[] = [];
  for (const s of servers) {
    const model = facts[s.sku];
    const raidLevels = [
      ...new Set((model?.disks ?? []).filter((d) => d.count > 1 && d.raid !== "none").map((d) => d.raid)),
    ];
    for (let i = 1; i <= s.quantity; i++)
      rows.push({
        key: `${s.sku}-${i}`,
        sku: s.sku,
        name: s.name,
        roles: s.roles,
        addons: [],
        expected: {
          threads: s.vcpu,
          ramGb: s.ramGb,
          usableStorageGb: s.storageGb,
          raidLevels,
          uplinkGbit: model?.networkGbit ?? 1,
        },
      });
  }
  const services: Checklist["services"] = [];
  for (const line of lines) {
    if (NOT_DELIVERED.has(line.kind)) continue;
    if (PER_SERVER_ADDONS.has(line.kind) && rows.length > 0) {
      const base = Math.floor(line.quantity / rows.length);
      const extra = line.quantity % rows.length;
      rows.forEach((row, i) => {
        const quantity = base + (i < extra ? 1 : 0);
        if (quantity > 0) row.addons.push({ name: line.name, quantity });
      });
      // Disks added in mirrored pairs run RAID 1.
      if (line.kind === "storage")
        for (const row of rows) if (!row.expected.raidLevels.includes("raid1")) row.expected.raidLevels.push("raid1");
      continue;
    }
    services.push({ kind: line.kind, name: line.name, quantity: line.quantity });
  }
  return { servers: rows, services };
}

/**
 * The facts the check script prints (/tools/specdesk-check.sh), or a technician types in: at least
 * these fields; the script may print more (a fio result, the NIC speed), which are optional here.
 */
export const serverFactsSchema = z.object({
  hostname: z.string().trim().min(1).max(253),
  kernel: z.string().max(200),
  cpu: z.object({ model: z.string().max(200), threads: z.number().int().min(0).max(4096) }),
  memory: z.object({ totalGb: z.number().min(0).max(65_536) }),
  disks: z
    .array(z.object({ name: z.string().max(64), sizeGb: z.number().min(0).max(1_000_000), rotational: z.boolean() }))
    .max(256),
  raid: z.array(z.object({ name: z.string().max(64), level: z.string().max(16), state: z.string().max(32) })).max(64),
  filesystems: z
    .array(z.object({ mount: z.string().max(512), sizeGb: z.number().min(0), freeGb: z.number().min(0) }))
    .max(512),
  nic: z
    .object({ name: z.string().max(64), speedMbit: z.number().min(0).nullable() })
    .nullable()
    .optional(),
  fio: z
    .object({ randreadIops: z.number().min(0) })
    .nullable()
    .optional(),
});
export type MeasuredFacts = z.infer<typeof serverFactsSchema>;

export type CheckItemKey = "threads" | "ram" | "storage" | "raid" | "uplink";

export interface CheckItem {
  key: CheckItemKey;
  pass: boolean;
  expected: string;
  measured: string;
}

/**
 * A delivered server against what was sold, item by item. Tolerances are what the hardware honestly
 * reports: the kernel keeps some RAM for itself (a 64 GB server shows about 62.5 GB, so 5 % is
 * allowed), and disk vendors count decimal gigabytes. Storage passes when the filesystems give at
 * least 95 % of the usable space sold. A RAID array must be at the level sold and clean ("[UU]"): a
 * degraded array fails. The uplink passes when the NIC reports at least the speed sold, and is
 * "not measured" (a pass with a note) when the script could not read it.
 */
export function acceptanceTest(expected: ExpectedSpec, facts: MeasuredFacts): CheckItem[] {
  const gb = (n: number) => `${Math.round(n * 10) / 10} GB`;
  const items: CheckItem[] = [];
  items.push({
    key: "threads",
    pass: facts.cpu.threads >= expected.threads,
    expected: String(expected.threads),
    measured: String(facts.cpu.threads),
  });
  items.push({
    key: "ram",
    pass: facts.memory.totalGb >= expected.ramGb * 0.95,
    expected: gb(expected.ramGb),
    measured: gb(facts.memory.totalGb),
  });
  const dataFilesystems = facts.filesystems.filter((f) => !/^\/(boot|proc|sys|dev|run)(\/|$)/.test(f.mount));
  const usable = dataFilesystems.reduce((s, f) => s + f.sizeGb, 0);
  items.push({
    key: "storage",
    pass: usable >= expected.usableStorageGb * 0.95,
    expected: gb(expected.usableStorageGb),
    measured: gb(usable),
  });
  if (expected.raidLevels.length > 0) {
    const arrays = facts.raid;
    const levels = new Set(arrays.map((a) => a.level.toLowerCase()));
    const degraded = arrays.filter((a) => !/^(clean|active|ok|optimal)$/i.test(a.state));
    const pass = arrays.length > 0 && expected.raidLevels.every((l) => levels.has(l)) && degraded.length === 0;
    items.push({
      key: "raid",
      pass,
      expected: expected.raidLevels.join(", "),
      measured: arrays.length === 0 ? "none" : arrays.map((a) => `${a.name} ${a.level} ${a.state}`).join(", "),
    });
  }
  const speed = facts.nic?.speedMbit ?? null;
  items.push({
    key: "uplink",
    pass: speed === null || speed >= expected.uplinkGbit * 1000,
    expected: `${expected.uplinkGbit} Gbit/s`,
    measured: speed === null ? "not measured" : `${speed / 1000} Gbit/s`,
  });
  return items;
}

/** A customer's SSH key as installed on a delivered server (a snapshot: the account may delete the key later). */
export interface InstalledKey {
  fingerprint: string;
  type: string;
  comment: string;
}
