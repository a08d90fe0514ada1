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
  /** Real TCP transfers reach 60-80 % of the advertised bandwidth (A3 there). */
  transferEfficiency: "https://www.professioncalculators.com/calculator/data-transfer-speed-calculator",
  /** 10 TB over 1 Gbit/s takes 30-36 h in practice (η 0.68-0.81); one HDD reads 150-200 MB/s (A3 there). */
  transferDisk: "https://netmath.fyi/blog/migrating-10tb-over-weekend",
  /** Two-phase sync, replication or dump and restore, the restore budget (A1, A2 there). */
  migrationMethod: "shared/reference/operations-rules.md, section 1 (migration plan generator: method choice; A1, A2)",
  /** Milestones counted back from the cutover, TTL lead time, rollback point (A4, A5, A7 there). */
  migrationTimeline:
    "shared/reference/operations-rules.md, section 1 (migration plan generator: timeline, rollback; A4, A5, A7)",
  /** Old server kept 48 h, overlap of a month, providers deleting data (A5, A6, A7 there). */
  migrationRetention: "shared/reference/operations-rules.md, section 1 (old server retention; A5, A6, A7)",
  /** Off-hours maintenance windows, e.g. Tue/Sat 00:00-06:00 in the customer's time zone (B1 there). */
  migrationWindow: "shared/reference/operations-rules.md, section 1 (timeline: off-hours window; B1)",
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

/**
 * Moving from an old server (issue 16, app/domain/migration-plan.ts). Every default is editable
 * per quote by a technician; "ours" marks SpecDesk's own choices where the sources give none. A
 * constant of its own, not part of RULES: RULES reaches the browser (the wizard), this does not.
 */
export const MIGRATION_RULES = {
  /**
   * Share of the line rate a long copy achieves: 60-80 % (source: transferEfficiency); netmath's
   * 10 TB at 1 Gbit/s in 30-36 h implies 0.68-0.81 (source: transferDisk). 1 TB at 1 Gbit/s: ≈ 3.2 h.
   */
  efficiency: 0.7,
  /** The range a technician may set the efficiency to (same sources). */
  efficiencyRange: [0.6, 0.8],
  /**
   * One HDD reads about 150 MB/s ≈ 1.2 Gbit/s (source: transferDisk): the copy runs no faster, whatever
   * the link. We do not ask what disks the old server has, so the cap always applies.
   */
  sourceDiskGbps: 1.2,
  /** Uplink assumed when the customer does not know it (ours): a common port of older servers; slow is safe. */
  defaultUplinkMbps: 100,
  /** Many small files copy more slowly; the sources give no factor (A1 Rackspace, A3), so ours: ×2. */
  smallFilesFactor: 2,
  /** Dump and restore: budget the restore at 3-10× the raw copy time (source: migrationMethod); ours: 5×. */
  restoreFactor: 5,
  /**
   * The final sync of a two-phase copy moves what changed since the live copy: about one day of
   * changes, 3 % (the backup rule's daily change, 2-10 % typical, source: backup).
   */
  finalDeltaShare: 0.03,
  /** Stopping the services, last checks, switching DNS and addresses, starting on the new server (ours). */
  switchMinutes: 20,
  /** Replication switches in seconds (source: migrationMethod); ours: 5 minutes with the lag and row checks. */
  replicationSwitchMinutes: 5,
  /** Versions whose replication we plan (source: migrationMethod): logical replication, binlog GTIDs. */
  replicationFrom: {
    postgresql: { major: 10, minor: 0 },
    mysql: { major: 5, minor: 6 },
    mariadb: { major: 10, minor: 0 },
  },
  /** From PostgreSQL 17 pg_upgrade keeps logical replication slots (source: migrationMethod). */
  postgresKeepsSlotsFrom: 17,
  /** Time to switch back to the old server: a default until a rehearsal measures it (source: migrationTimeline). */
  rollbackMinutes: 30,
  /** DNS: lower the TTL to 300 s at least max(old TTL, 48 h) before the switch (source: migrationTimeline). */
  lowTtlSeconds: 300,
  ttlLeadHours: 48,
  /** Milestones counted back from the switch (source: migrationTimeline). */
  planWeeks: 3,
  restoreTestDays: 30,
  trafficHours: 48,
  freezeHours: 24,
  /** Watch errors 30-60 minutes after the switch before raising the TTL again (source: migrationTimeline). */
  watchMinutes: 60,
  /** Keep the old server at least 48 h (source: migrationRetention); its final archive 30 days (ours). */
  keepOldServerHours: 48,
  archiveDays: 30,
  /** Both servers run for about a month (source: migrationRetention). */
  overlapMonths: 1,
  /** Hourly updates during the switch, twice a day while validating (A5 moss.sh). */
  statusEveryMinutes: 60,
  validationUpdatesPerDay: 2,
  /** Off-hours windows when the customer names none: Tue and Sat 00:00-06:00 (source: migrationWindow). */
  defaultWindows: [{ days: ["tue", "sat"], start: "00:00", end: "06:00" }],
  /** The customer's time zone when the request does not give one (ours): the region's main business time. */
  defaultTimeZones: { eu: "Europe/Berlin", us: "America/New_York" },
  /**
   * Technician time (ours; the sources price migrations per account, site or quarter hour, A7):
   * planning, inventory, rollback criteria and the acceptance list; per workload by kind (an
   * application with its own data, mail or a cluster takes longer than a static site); per
   * database by method; watching and verifying the copy per TB. In the window: the switch, the
   * acceptance checks and the watch after it.
   */
  labour: {
    baseHours: 3,
    hoursByKind: {
      web_app: 1.5,
      database: 0.5,
      file_storage: 0.5,
      raw: 2,
      gitlab: 3,
      mattermost: 2,
      nextcloud: 2,
      discourse: 2,
      wordpress: 1,
      minecraft: 1,
      elasticsearch: 2,
      kubernetes: 4,
      backup: 1,
      mail: 3,
      vm_host: 1,
    },
    hoursPerVm: 0.5,
    replicationHours: 2,
    dumpRestoreHours: 1,
    copyHoursPerTb: 0.5,
    acceptanceMinutes: 60,
  },
} as const;
