import type { Addon, RaidLevel, ServerModel } from "../app/domain/catalog";
import { defaultFacts } from "../app/domain/product-facts";

/**
 * SpecDesk's demo catalog and price book (EUR, net of VAT), modelled on the real offerings in
 * shared/reference/server-catalog.json. Where the reference has a list price we use it; where it
 * only has a setup fee or a reseller price (Hetzner dedicated lines), the monthly price is our
 * own price-book figure for this fictional hosting company. Specs marked "ours" were filled in by us.
 */
const HCLOUD =
  "https://github.com/tonoid/hcloud-multiregion-mongodb-replicaset/blob/0753c4cad987483db638cc8974091a4efbedcdf5/HETZNER_SERVERS.md";
const SETUP_FEES =
  "https://lowendtalk.com/discussion/214154/hetzner-increases-setup-fees-order-on-spacecore-at-the-old-price-while-you-can";
const PRICE_2026 = "https://github.com/devantler-tech/platform/commit/cb791c6f";

export interface SeedServer extends ServerModel {
  monthly: string;
  setup: string;
}

const cloud = (
  sku: string,
  name: string,
  cpu: string,
  vcpu: number,
  ramGb: number,
  diskGb: number,
  monthly: string,
  regions: ("eu" | "us")[],
  includedTrafficTb: number,
  sourceUrl = HCLOUD,
): SeedServer => ({
  sku,
  name,
  line: "cloud",
  cpu,
  vcpu,
  ramGb,
  maxRamGb: ramGb,
  disks: [{ count: 1, sizeGb: diskGb, class: "nvme", raid: "none" }],
  diskBays: 1,
  networkGbit: 1,
  includedTrafficTb,
  gpuCount: 0,
  gpuModel: null,
  regions,
  sourceUrl,
  raidOptions: ["none"],
  names: {},
  includes: defaultFacts("cloud"),
  monthly,
  setup: "0",
});

type DedicatedSpec = Omit<
  SeedServer,
  "regions" | "includedTrafficTb" | "gpuCount" | "gpuModel" | "networkGbit" | "raidOptions" | "names" | "includes"
> &
  Partial<Pick<SeedServer, "gpuCount" | "gpuModel" | "networkGbit">>;
/** RAID levels a technician offers for a disk set (ours): the delivered level first. */
const raidChoices = (disks: SeedServer["disks"]): RaidLevel[] => {
  const delivered = disks[0]?.raid ?? "none";
  const count = disks[0]?.count ?? 1;
  const possible: RaidLevel[] =
    count >= 4 ? ["raid10", "raid6", "raid5", "raid1"] : count >= 2 ? ["raid1", "raid0"] : [];
  return [...new Set<RaidLevel>([delivered, ...possible, "none"])];
};
const dedicated = (spec: DedicatedSpec): SeedServer => ({
  regions: ["eu"],
  includedTrafficTb: null,
  gpuCount: 0,
  gpuModel: null,
  networkGbit: 1,
  raidOptions: raidChoices(spec.disks),
  names: {},
  includes: defaultFacts(spec.line),
  ...spec,
});

export const SEED_SERVERS: SeedServer[] = [
  // Cloud / VPS, shared vCPU
  cloud("cx23", "CX23", "Intel/AMD shared vCPU", 2, 4, 40, "3.49", ["eu"], 20),
  cloud("cx33", "CX33", "Intel/AMD shared vCPU", 4, 8, 80, "6.49", ["eu"], 20, PRICE_2026),
  cloud("cx43", "CX43", "Intel/AMD shared vCPU", 8, 16, 160, "9.49", ["eu"], 20),
  cloud("cx53", "CX53", "Intel/AMD shared vCPU", 16, 32, 320, "17.49", ["eu"], 20),
  cloud("cpx31", "CPX31", "AMD shared vCPU", 4, 8, 160, "16.49", ["us"], 3),
  cloud("cpx41", "CPX41", "AMD shared vCPU", 8, 16, 240, "30.49", ["us"], 4),
  cloud("cpx51", "CPX51", "AMD shared vCPU", 16, 32, 360, "60.49", ["us"], 5),
  // Cloud, dedicated vCPU
  cloud("ccx13", "CCX13", "AMD dedicated vCPU", 2, 8, 80, "12.49", ["eu", "us"], 20),
  cloud("ccx23", "CCX23", "AMD dedicated vCPU", 4, 16, 160, "24.49", ["eu", "us"], 20),
  cloud("ccx33", "CCX33", "AMD dedicated vCPU", 8, 32, 240, "48.49", ["eu", "us"], 20),
  cloud("ccx43", "CCX43", "AMD dedicated vCPU", 16, 64, 360, "96.49", ["eu", "us"], 20),
  cloud("ccx53", "CCX53", "AMD dedicated vCPU", 32, 128, 600, "192.49", ["eu", "us"], 20),
  cloud("ccx63", "CCX63", "AMD dedicated vCPU", 48, 192, 960, "288.49", ["eu", "us"], 20),
  // General-purpose dedicated (2 NVMe in RAID 1; 2 free bays; RAM upgrades in 32 GB steps: ours)
  dedicated({
    sku: "ex44",
    name: "EX44",
    line: "dedicated",
    cpu: "Intel Core i5-13500 (14 cores)",
    vcpu: 20,
    ramGb: 64,
    maxRamGb: 128,
    disks: [{ count: 2, sizeGb: 512, class: "nvme", raid: "raid1" }],
    diskBays: 4,
    sourceUrl: SETUP_FEES,
    monthly: "49.00",
    setup: "99.00",
  }),
  dedicated({
    sku: "ax41-nvme",
    name: "AX41-NVMe",
    line: "dedicated",
    cpu: "AMD Ryzen 5 3600 (6 cores)",
    vcpu: 12,
    ramGb: 64,
    maxRamGb: 128,
    disks: [{ count: 2, sizeGb: 512, class: "nvme", raid: "raid1" }],
    diskBays: 4,
    sourceUrl: SETUP_FEES,
    monthly: "44.00",
    setup: "0",
  }),
  dedicated({
    sku: "ax42",
    name: "AX42",
    line: "dedicated",
    cpu: "AMD Ryzen 7 PRO 8700GE (8 cores)",
    vcpu: 16,
    ramGb: 64,
    maxRamGb: 192,
    disks: [{ count: 2, sizeGb: 512, class: "nvme", raid: "raid1" }],
    diskBays: 4,
    sourceUrl: SETUP_FEES,
    monthly: "52.00",
    setup: "107.00",
  }),
  dedicated({
    sku: "ax52",
    name: "AX52",
    line: "dedicated",
    cpu: "AMD Ryzen 7 7700 (8 cores)",
    vcpu: 16,
    ramGb: 64,
    maxRamGb: 192,
    disks: [{ count: 2, sizeGb: 1024, class: "nvme", raid: "raid1" }],
    diskBays: 4,
    sourceUrl: SETUP_FEES,
    monthly: "69.00",
    setup: "107.00",
  }),
  dedicated({
    sku: "ax102",
    name: "AX102",
    line: "dedicated",
    cpu: "AMD Ryzen 9 7950X3D (16 cores)",
    vcpu: 32,
    ramGb: 128,
    maxRamGb: 192,
    disks: [{ count: 2, sizeGb: 1920, class: "nvme", raid: "raid1" }],
    diskBays: 4,
    sourceUrl: SETUP_FEES,
    monthly: "119.00",
    setup: "269.00",
  }),
  // High-memory dedicated (RAM upgrades in 128 GB steps: ours)
  dedicated({
    sku: "ex130-r",
    name: "EX130-R",
    line: "high_memory",
    cpu: "Intel Xeon Gold 5412U (24 cores)",
    vcpu: 48,
    ramGb: 256,
    maxRamGb: 768,
    disks: [{ count: 2, sizeGb: 1920, class: "nvme", raid: "raid1" }],
    diskBays: 8,
    sourceUrl: SETUP_FEES,
    monthly: "179.00",
    setup: "476.00",
  }),
  dedicated({
    sku: "ax162-r",
    name: "AX162-R",
    line: "high_memory",
    cpu: "AMD EPYC 9454P (48 cores)",
    vcpu: 96,
    ramGb: 256,
    maxRamGb: 1152,
    disks: [{ count: 2, sizeGb: 1920, class: "nvme", raid: "raid1" }],
    diskBays: 8,
    networkGbit: 10,
    sourceUrl: SETUP_FEES,
    monthly: "239.00",
    setup: "542.00",
  }),
  // Storage-heavy dedicated: 22 TB HDDs in RAID 6 plus an NVMe pair for the system
  dedicated({
    sku: "sx65",
    name: "SX65",
    line: "storage",
    cpu: "AMD Ryzen 5 3600 (6 cores)",
    vcpu: 12,
    ramGb: 64,
    maxRamGb: 128,
    disks: [
      { count: 4, sizeGb: 22000, class: "hdd", raid: "raid6" },
      { count: 2, sizeGb: 1024, class: "nvme", raid: "raid1" },
    ],
    diskBays: 6,
    sourceUrl: SETUP_FEES,
    monthly: "104.00",
    setup: "109.00",
  }),
  dedicated({
    sku: "sx135",
    name: "SX135",
    line: "storage",
    cpu: "AMD Ryzen 9 3900 (12 cores)",
    vcpu: 24,
    ramGb: 128,
    maxRamGb: 128,
    disks: [
      { count: 8, sizeGb: 22000, class: "hdd", raid: "raid6" },
      { count: 2, sizeGb: 1920, class: "nvme", raid: "raid1" },
    ],
    diskBays: 10,
    sourceUrl: SETUP_FEES,
    monthly: "209.00",
    setup: "209.00",
  }),
  dedicated({
    sku: "sx295",
    name: "SX295",
    line: "storage",
    cpu: "AMD EPYC 7502P (32 cores)",
    vcpu: 64,
    ramGb: 256,
    maxRamGb: 256,
    disks: [
      { count: 14, sizeGb: 22000, class: "hdd", raid: "raid6" },
      { count: 2, sizeGb: 1920, class: "nvme", raid: "raid1" },
    ],
    diskBays: 16,
    sourceUrl: SETUP_FEES,
    monthly: "399.00",
    setup: "399.00",
  }),
  // GPU dedicated
  dedicated({
    sku: "gex44",
    name: "GEX44",
    line: "gpu",
    cpu: "Intel Core i5-13500 (14 cores)",
    vcpu: 20,
    ramGb: 64,
    maxRamGb: 64,
    disks: [{ count: 2, sizeGb: 1920, class: "nvme", raid: "raid1" }],
    diskBays: 2,
    gpuCount: 1,
    gpuModel: "NVIDIA RTX 4000 SFF Ada 20 GB",
    sourceUrl: SETUP_FEES,
    monthly: "184.00",
    setup: "79.00",
  }),
  dedicated({
    sku: "gex131",
    name: "GEX131",
    line: "gpu",
    cpu: "Intel Xeon Gold 5412U (24 cores)",
    vcpu: 48,
    ramGb: 256,
    maxRamGb: 256,
    disks: [{ count: 2, sizeGb: 960, class: "nvme", raid: "raid1" }],
    diskBays: 2,
    gpuCount: 1,
    gpuModel: "NVIDIA RTX PRO 6000 Blackwell Max-Q 96 GB",
    sourceUrl: SETUP_FEES,
    monthly: "889.00",
    setup: "79.00",
  }),
];

export interface SeedAddon extends Addon {
  monthly: string;
  setup: string;
}

export const SEED_ADDONS: SeedAddon[] = [
  {
    sku: "ram-32gb",
    name: "RAM +32 GB",
    names: { es: "RAM +32 GB" },
    kind: "ram",
    sizeGb: 32,
    storageClass: null,
    lines: ["dedicated", "storage"],
    monthly: "10.00",
    setup: "0",
  },
  {
    sku: "ram-128gb",
    name: "RAM +128 GB",
    names: { es: "RAM +128 GB" },
    kind: "ram",
    sizeGb: 128,
    storageClass: null,
    lines: ["high_memory"],
    monthly: "36.00",
    setup: "0",
  },
  {
    sku: "disk-nvme-1920",
    name: "NVMe SSD 1.92 TB",
    names: { es: "SSD NVMe 1,92 TB" },
    kind: "disk",
    sizeGb: 1920,
    storageClass: "nvme",
    lines: ["dedicated", "high_memory"],
    monthly: "19.00",
    setup: "0",
  },
  {
    sku: "disk-ssd-3840",
    name: "SATA SSD 3.84 TB",
    names: { es: "SSD SATA 3,84 TB" },
    kind: "disk",
    sizeGb: 3840,
    storageClass: "ssd",
    lines: ["dedicated", "high_memory"],
    monthly: "29.00",
    setup: "0",
  },
  {
    sku: "disk-hdd-22000",
    name: "HDD 22 TB",
    names: { es: "Disco duro 22 TB" },
    kind: "disk",
    sizeGb: 22000,
    storageClass: "hdd",
    lines: ["dedicated", "high_memory"],
    monthly: "25.00",
    setup: "0",
  },
  {
    sku: "volume-ssd-100",
    name: "Block volume 100 GB",
    names: { es: "Volumen de bloques 100 GB" },
    kind: "volume",
    sizeGb: 100,
    storageClass: "ssd",
    lines: ["cloud"],
    monthly: "4.40",
    setup: "0",
  },
  {
    sku: "backup-1tb",
    name: "Backup storage 1 TB",
    names: { es: "Espacio de copias de seguridad 1 TB" },
    kind: "backup",
    sizeGb: 1000,
    storageClass: null,
    lines: [],
    monthly: "4.00",
    setup: "0",
  },
  {
    sku: "traffic-1tb",
    name: "Extra traffic 1 TB",
    names: { es: "Tráfico adicional 1 TB" },
    kind: "traffic",
    sizeGb: 1000,
    storageClass: null,
    lines: [],
    monthly: "1.00",
    setup: "0",
  },
  {
    sku: "ipv4",
    name: "Additional IPv4 (failover)",
    names: { es: "IPv4 adicional (failover)" },
    kind: "ipv4",
    sizeGb: null,
    storageClass: null,
    lines: [],
    monthly: "1.70",
    setup: "0",
  },
  {
    sku: "lb-11",
    name: "Load balancer",
    names: { es: "Balanceador de carga" },
    kind: "load_balancer",
    sizeGb: null,
    storageClass: null,
    lines: [],
    monthly: "5.99",
    setup: "0",
  },
];

/** Monthly discount for a commitment, in basis points (ours). */
export const SEED_TERM_DISCOUNT_BPS = { "1": 0, "12": 300, "24": 600, "36": 1000 };
export const SEED_PRICE_BOOK_VERSION = 1;
/**
 * Operations weight of the seed price book: 15 minutes of technician time per server per month at
 * EUR 84 an hour = EUR 21.00 (app/domain/rules.ts RULES.fit.operations gives the sources).
 */
export const SEED_OPS_MINOR_PER_SERVER_MONTH = 2100;

/**
 * The US dollar list (ours): each product's USD price is set once, here, from the EUR list: +10 % for
 * the dollar's lower value and US costs, rounded up to whole cents. The USD book then lives on its own:
 * staff change either book without touching the other, and no price is ever converted at runtime.
 */
export function seedUsdPrice(eur: string): string {
  return (seedUsdMinor(Math.round(Number(eur) * 100)) / 100).toFixed(2);
}

/**
 * An amount in minor units +10 %, rounded up to the whole minor unit, in integer maths: `cents * 1.1`
 * in floating point is 110.00000000000001 for 100 and would round up to 111.
 */
export function seedUsdMinor(minor: number): number {
  return Math.ceil((minor * 11) / 10);
}
