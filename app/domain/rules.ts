/**
 * The sizing constants, each with where it comes from. Figures marked "ours" are SpecDesk's own
 * defaults; the others were read in the cited source (see shared capacity-rules.md).
 */
export const SOURCES = {
  cpuTarget: "https://oneuptime.com/blog/post/2026-01-30-utilization-targets/view",
  pageWeight: "https://almanac.httparchive.org/en/2024/page-weight",
  postgresMemory: "https://www.postgresql.org/docs/current/runtime-config-resource.html",
  raid: "https://www.thestandardengine.com/computer-science/raid-storage-calculator",
  iops: "https://www.toolnova.io/tools/cheat-sheets/disk-io-reference",
  growth: "https://nationalcalculatorauthority.com/backup-retention-storage-growth-estimator",
  backup: "https://nationalcalculatorauthority.com/backup-retention-storage-growth-estimator",
  /** Technician rate: Hetzner bills managed-server work at EUR 21 per quarter hour (operations-rules.md §5, D). */
  technicianRate: "https://www.hetzner.com/legal/managed-server/",
  /** Monthly patching: a monthly window after Patch Tuesday, critical patches within 30 days (B3 there). */
  patchCadence: "shared/reference/operations-rules.md, section 2 (maintenance scheduler, recurring jobs)",
} as const;

export const RULES = {
  /** Peak CPU target for a proposal: production target 40-60 %, warning at 70 % (source: cpuTarget). */
  leanCpuTargetUtilisation: 0.65,
  /** Balanced proposals keep more room (ours). */
  balancedCpuTargetUtilisation: 0.5,
  /** Annual data growth 20-40 % (IDC, via source: growth); we default to the low end. */
  defaultGrowthPercentPerYear: 20,
  /** Compute grows for at most a year before a proposal assumes an upgrade (ours). */
  computeGrowthMonthsCap: 12,
  /** Balanced proposals add room for one more year of growth (ours). */
  balancedExtraGrowthMonths: 12,
  /** Safety margin on demand derived from estimated (not measured) inputs (ours). */
  estimateMargin: 0.2,

  web: {
    defaultPagesPerVisit: 3,
    /** HTTP Archive Web Almanac 2024 median page: desktop 2,652 KB, mobile 2,311 KB. */
    defaultPageWeightKb: 2500,
    /** Peak hour runs at 3-5x the daily average (ours). */
    peakFactor: 4,
    /** CPU time per page view: application-rendered vs static pages (ours). */
    cpuMsDynamic: 50,
    cpuMsStatic: 2,
    /** Mean response time used to turn requests/s into concurrent requests (ours). */
    responseSeconds: 0.25,
    /** Memory of one application worker (PHP-FPM / Node / Python process, ours). */
    workerRamGb: 0.064,
    baseRamGbDynamic: 1,
    baseRamGbStatic: 0.5,
    defaultStorageGb: 10,
    minVcpu: 1,
  },
  database: {
    defaultPeakQps: 200,
    defaultWritePercent: 20,
    defaultHotDataPercent: 20,
    /** Database caches (shared_buffers ~25 % + OS cache) use ~75 % of RAM (source: postgresMemory). */
    cacheShareOfRam: 0.75,
    baseRamGb: 1,
    minRamGb: 2,
    /** CPU time per query on average (ours). */
    cpuMsPerQuery: 2,
    minVcpu: 2,
    /** Indexes, WAL and room for vacuum and dumps (ours). */
    storageOverhead: 1.5,
    /** Reads served from cache, writes cost WAL + data page (ours). */
    readCacheHitRatio: 0.9,
    ioPerWrite: 2,
  },
  files: {
    vcpu: 0.5,
    ramGb: 1,
  },
  backup: {
    /** Typical daily change 2-10 % (source: backup); 3 % default (ours). */
    dailyChangeShare: 0.03,
    /** 20 % overhead on the computed total (source: backup). */
    overhead: 1.2,
  },
  fit: {
    /** RAM kept for the operating system on every server (ours). */
    osReserveRamGb: 1,
    /** Never plan a network port above 70 % (ours). */
    maxPortUtilisation: 0.7,
    maxServersPerGroup: 24,
    /**
     * Block volumes per cloud server (ours): four volumes is what a technician still manages by
     * hand per machine; more storage than that goes on a server with disks.
     */
    maxVolumeBlocks: 4,
    /**
     * Distinct server models in one proposal tier, GPU servers not counted (ours): a technician
     * keeps spares, images and runbooks per model. More only when the roles need them.
     */
    maxModelsPerTier: 2,
    /**
     * The operations weight: what one server costs the company in technician time per month,
     * whatever its size (patching, monitoring, answering its alerts, replacing failed parts).
     * Only the optimiser sees it; prices never include it. The price book keeps the figure
     * (price_books.ops_minor_per_server_month); this is the default for a new book.
     * 15 minutes a month per server (one monthly patch window with reboot and checks, source:
     * patchCadence; monitoring and alerts are automated and shared across servers), at EUR 84 an
     * hour (EUR 21 per quarter hour, the smallest unit Hetzner bills, source: technicianRate)
     * = EUR 21.00 per server per month. So an extra server must save at least EUR 21 a month
     * before the optimiser proposes it: ten small servers never win against three to save EUR 66
     * (issue 14), while a fleet that is several times cheaper still can.
     */
    operations: {
      minutesPerServerMonth: 15,
      technicianMinorPerHour: 8400,
      /** minutesPerServerMonth / 60 × technicianMinorPerHour. */
      defaultMinorPerServerMonth: 2100,
    },
  },
} as const;
