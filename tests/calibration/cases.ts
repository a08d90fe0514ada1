/**
 * Vendor-published sizings the engine is calibrated against (issue 14, item 1).
 *
 * Each case: where the figure comes from (URL), the availability the vendor states and the tier of
 * ours it maps onto (quote-input.ts AVAILABILITY_TIERS), the vendor's total vCPU and RAM in GB (the
 * sum over every node of the architecture, or null where the vendor states no such figure, e.g. a
 * clock speed instead of cores), which nodes were summed, and the engine input that describes the
 * same workload. Only figures read in the cited source are used; where we had to map a vendor's
 * wording onto an input (a forum's size, a shop's visits), `mapping` says so.
 *
 * Conventions:
 * - Load balancers and reverse proxies are left out of the vendor totals: the engine prices them as
 *   load-balancer lines of the availability plan, not as demand.
 * - Availability: "HA: yes / required" maps to `high` (two copies of every role, three for a
 *   consensus role); a single server "where component failure interrupts service" maps to
 *   `standard`. Where the vendor's architecture already is HA, the engine's copies at `high` are
 *   the vendor's nodes, never added on top of them.
 * - The comparison is the engine's base demand (before growth and the estimate margin) with the
 *   copies its availability asks for, and the total it reports with growth and margin.
 */
import type { Availability, Workload } from "~/domain/quote-input";

export interface VendorFigures {
  /** Total vCPU (cores) of the architecture; null when the vendor gives none. */
  vcpu: number | null;
  /** Total RAM in GB; null when the vendor gives none. */
  ramGb: number | null;
  /** Total storage in GB, for sizings that are about storage (backup retention). */
  storageGb?: number | null;
}

export interface CalibrationCase {
  id: string;
  title: string;
  source: string;
  /** Availability in the vendor's words. */
  vendorAvailability: string;
  /** The same, as one of our tiers. */
  availability: Availability;
  vendor: VendorFigures;
  /** What was summed into the vendor's figures. */
  components: string;
  /** Where a vendor's description had to be turned into an engine input. */
  mapping?: string;
  workload: Workload;
  /** A case the engine does not meet, and why (the test then only reports it). */
  knownMiss?: string;
}

const GITLAB_HA = "High Availability: Yes (Praefect needs a third-party PostgreSQL solution for HA)";

export const CASES: CalibrationCase[] = [
  // GitLab reference architectures. 1k and 2k: non-HA. 3k-50k: HA (3 x PostgreSQL, Redis, Gitaly,
  // Praefect, Consul, PgBouncer). Load balancer nodes excluded (see conventions).
  {
    id: "gitlab-1k",
    title: "GitLab up to 1,000 users / 20 RPS",
    source: "https://docs.gitlab.com/17.6/administration/reference_architectures/1k_users",
    vendorAvailability: "High Availability: No",
    availability: "standard",
    vendor: { vcpu: 8, ramGb: 16 },
    components: "1 node 8 vCPU, 16 GB",
    workload: { kind: "gitlab", users: 1000 },
  },
  {
    id: "gitlab-2k",
    title: "GitLab up to 2,000 users / 40 RPS",
    source: "https://docs.gitlab.com/administration/reference_architectures/2k_users.html",
    vendorAvailability: "non-HA (single node per component)",
    availability: "standard",
    vendor: { vcpu: 29, ramGb: 57.45 },
    components:
      "PostgreSQL 2/7.5, Redis 1/3.75, Gitaly 4/15, Sidekiq 4/15, Rails 2 x 8/7.2, monitoring 2/1.8 (external LB 4/3.6 excluded)",
    workload: { kind: "gitlab", users: 2000 },
  },
  {
    id: "gitlab-3k",
    title: "GitLab up to 3,000 users / 60 RPS",
    source:
      "https://github.com/gitlabhq/gitlabhq/blob/ed323a3c6fcc2927e217b72121875abd448c2785/doc/administration/reference_architectures/3k_users.md",
    vendorAvailability: "High Availability: Yes, although Praefect needs a third-party PostgreSQL solution",
    availability: "high",
    vendor: { vcpu: 78, ramGb: 161.4 },
    components:
      "Redis 3 x 2/7.5, Consul+Sentinel 3 x 2/1.8, PostgreSQL 3 x 2/7.5, PgBouncer 3 x 2/1.8, Gitaly 3 x 4/15, Praefect 3 x 2/1.8, Praefect PostgreSQL 2/1.8, Sidekiq 4 x 2/7.5, Rails 3 x 8/7.2, monitoring 2/1.8 (LBs and optional NFS excluded)",
    workload: { kind: "gitlab", users: 3000 },
  },
  {
    id: "gitlab-5k",
    title: "GitLab up to 5,000 users / 100 RPS",
    source:
      "https://github.com/gitlabhq/gitlabhq/blob/32e53ae7d739e9457ef81ba4a441a3acb4446240/doc/administration/reference_architectures/5k_users.md",
    vendorAvailability: GITLAB_HA,
    availability: "high",
    vendor: { vcpu: 120, ramGb: 250.5 },
    components:
      "Redis 3 x 2/7.5, Consul+Sentinel 3 x 2/1.8, PostgreSQL 3 x 4/15, PgBouncer 3 x 2/1.8, Gitaly 3 x 8/30, Praefect 3 x 2/1.8, Praefect PostgreSQL 2/1.8, Sidekiq 4 x 2/7.5, Rails 3 x 16/14.4, monitoring 2/1.8 (LBs and optional NFS excluded)",
    workload: { kind: "gitlab", users: 5000 },
  },
  {
    id: "gitlab-10k",
    title: "GitLab up to 10,000 users / 200 RPS",
    source: "https://docs.gitlab.com/administration/reference_architectures/10k_users",
    vendorAvailability: GITLAB_HA,
    availability: "high",
    vendor: { vcpu: 232, ramGb: 528 },
    components:
      "Consul 3 x 2/1.8, PostgreSQL 3 x 8/30, PgBouncer 3 x 2/1.8, Redis cache 3 x 4/15, Redis persistent 3 x 4/15, Gitaly 3 x 16/60, Praefect 3 x 2/1.8, Praefect PostgreSQL 2/1.8, Sidekiq 4 x 4/15, Rails 3 x 32/28.8, monitoring 4/3.6 (LBs 2 x 4/3.6 excluded)",
    workload: { kind: "gitlab", users: 10000 },
  },
  {
    id: "gitlab-25k",
    title: "GitLab up to 25,000 users / 500 RPS",
    source:
      "https://github.com/gitlabhq/gitlabhq/blob/ed323a3c6fcc2927e217b72121875abd448c2785/doc/administration/reference_architectures/25k_users.md",
    vendorAvailability: GITLAB_HA,
    availability: "high",
    vendor: { vcpu: 380, ramGb: 883.5 },
    components:
      "Consul 3 x 2/1.8, PostgreSQL 3 x 16/60, PgBouncer 3 x 2/1.8, Redis cache 3 x 4/15, Redis queues 3 x 4/15, Sentinels 2 x 3 x 1/3.75, Gitaly 3 x 32/120, Praefect 3 x 4/3.6, Praefect PostgreSQL 2/1.8, Sidekiq 4 x 4/15, Rails 5 x 32/28.8, monitoring 4/3.6 (LBs and optional NFS excluded)",
    workload: { kind: "gitlab", users: 25000 },
  },
  {
    id: "gitlab-50k",
    title: "GitLab up to 50,000 users / 1000 RPS",
    source:
      "https://github.com/gitlabhq/gitlabhq/blob/8e0dafbb6665d431f7f1b635c0f7c4a5c61bc325/doc/administration/reference_architectures/50k_users.md",
    vendorAvailability: GITLAB_HA,
    availability: "high",
    vendor: { vcpu: 748, ramGb: 1625.1 },
    components:
      "Consul 3 x 2/1.8, PostgreSQL 3 x 32/120, PgBouncer 3 x 2/1.8, Redis cache 3 x 4/15, Redis queues 3 x 4/15, Sentinels 2 x 3 x 1/3.75, Gitaly 3 x 64/240, Praefect 3 x 4/3.6, Praefect PostgreSQL 2/1.8, Sidekiq 4 x 4/15, Rails 12 x 32/28.8, monitoring 4/3.6 (LBs and optional NFS excluded)",
    workload: { kind: "gitlab", users: 50000 },
  },

  // Mattermost scale pages: application + database writer/readers + Elasticsearch; the 16 vCPU /
  // 64 GiB proxy is excluded (see conventions). GiB taken as GB.
  {
    id: "mattermost-200",
    title: "Mattermost up to 200 concurrent users",
    source: "https://docs.mattermost.com/administration-guide/scale/scale-to-200-users.html",
    vendorAvailability: "High Availability: Not required; database: single",
    availability: "standard",
    vendor: { vcpu: 4, ramGb: 20 },
    components: "application 1 x 2/4, RDS writer 1 x 2/16 (no reader, no Elasticsearch; proxy excluded)",
    workload: { kind: "mattermost", concurrentUsers: 200 },
  },
  {
    id: "mattermost-2000",
    title: "Mattermost up to 2,000 concurrent users",
    source: "https://docs.mattermost.com/scale/scale-to-2000-users.html",
    vendorAvailability: "High Availability: Required; database: writer, reader",
    availability: "high",
    vendor: { vcpu: 16, ramGb: 104 },
    components: "application 2 x 2/4, RDS writer 2/16, RDS reader 2/16, Elasticsearch 2 x 4/32 (proxy excluded)",
    workload: { kind: "mattermost", concurrentUsers: 2000 },
  },
  {
    id: "mattermost-30000",
    title: "Mattermost up to 30,000 concurrent users",
    source: "https://docs.mattermost.com/deployment-guide/scale/scale-to-30000-users",
    vendorAvailability: "High Availability: Required; database: writer, multiple readers",
    availability: "high",
    vendor: { vcpu: 64, ramGb: 416 },
    components: "application 2 x 8/16, RDS writer 8/64, RDS reader 8/64, Elasticsearch 4 x 8/64 (proxy excluded)",
    workload: { kind: "mattermost", concurrentUsers: 30000 },
  },

  // Nextcloud deployment recommendations (three scenarios).
  {
    id: "nextcloud-small",
    title: "Nextcloud small workgroup (up to 150 users)",
    source:
      "https://github.com/nextcloud/documentation/blob/master/admin_manual/installation/deployment_recommendations.rst",
    vendorAvailability: "component failure leads to interruption of service (one server)",
    availability: "standard",
    vendor: { vcpu: 2, ramGb: 16 },
    components: "one server with at least 2 CPU cores and 16 GB RAM",
    workload: { kind: "nextcloud", users: 150 },
  },
  {
    id: "nextcloud-mid",
    title: "Nextcloud mid-sized enterprise (150-1,000 users), at 1,000 users",
    source:
      "https://github.com/nextcloud/documentation/blob/master/admin_manual/installation/deployment_recommendations.rst",
    vendorAvailability: "every component is fully redundant and can fail without service interruption",
    availability: "high",
    vendor: { vcpu: null, ramGb: 256 },
    components:
      "4 application servers x 32 GB (upper end of '2 to 4', for the top of the band) + 2 DB servers x 64 GB; HAProxy excluded. CPUs are given as '4 sockets', not cores: no vCPU figure",
    workload: { kind: "nextcloud", users: 1000 },
  },
  {
    id: "nextcloud-large",
    title: "Nextcloud large enterprise (5,000 to >100,000 users), at 5,000 users",
    source:
      "https://github.com/nextcloud/documentation/blob/master/admin_manual/installation/deployment_recommendations.rst",
    vendorAvailability: "every component is fully redundant and can fail without service interruption",
    availability: "high",
    vendor: { vcpu: null, ramGb: 768 },
    components:
      "4 application servers x 64 GB (lower end of '4 to 20', for the bottom of the band) + 4 DB servers x 128 GB; hardware load balancers excluded. CPUs given as sockets: no vCPU figure",
    workload: { kind: "nextcloud", users: 5000 },
  },

  // Discourse install guide: minimum and recommended server.
  {
    id: "discourse-minimum",
    title: "Discourse minimum (steady-state small forum)",
    source: "https://github.com/discourse/discourse/blob/main/docs/INSTALL-cloud.md",
    vendorAvailability: "single server",
    availability: "standard",
    vendor: { vcpu: 1, ramGb: 1 },
    components: "RAM 1 GB (with swap), CPU 1 core",
    mapping: "'minimum for a steady state forum' taken as a small forum of 30,000 page views a month",
    workload: { kind: "discourse", monthlyPageViews: 30_000 },
  },
  {
    id: "discourse-recommended",
    title: "Discourse recommended",
    source: "https://github.com/discourse/discourse/blob/main/docs/INSTALL-cloud.md",
    vendorAvailability: "single server",
    availability: "standard",
    vendor: { vcpu: 2, ramGb: 2 },
    components:
      "RAM 2 GB+, CPU 2+ cores ('easily host anything but the largest of forums', https://github.com/chrishunt/discourse/blob/master/docs/INSTALL-ubuntu.md)",
    mapping: "'anything but the largest of forums' taken as a forum of a million page views a month",
    workload: { kind: "discourse", monthlyPageViews: 1_000_000 },
  },

  // Minecraft: playnhost's quick specs table gives RAM per server size (CPU only as a clock speed).
  // Each case compares at a row's player bound with the matching end of its RAM range.
  {
    id: "minecraft-small",
    title: "Minecraft small server, 10 players (10-16 players: 4-6 GB)",
    source: "https://www.playnhost.com/blog/how-much-ram-minecraft",
    vendorAvailability: "single server",
    availability: "standard",
    vendor: { vcpu: null, ramGb: 4 },
    components: "Small Server (10-16 players): 4-6 GB RAM; CPU 'modern 3.0+ GHz (high single-thread)'",
    mapping: "10 players, the lower end (4 GB); vanilla server",
    workload: { kind: "minecraft", players: 10, server: "vanilla" },
  },
  {
    id: "minecraft-medium",
    title: "Minecraft medium server, 32 players (20-32 players: 8-12 GB)",
    source: "https://www.playnhost.com/blog/how-much-ram-minecraft",
    vendorAvailability: "single server",
    availability: "standard",
    vendor: { vcpu: null, ramGb: 12 },
    components: "Medium Server (20-32 players): 8-12 GB RAM",
    mapping: "32 players, the upper end (12 GB); vanilla server",
    workload: { kind: "minecraft", players: 32, server: "vanilla" },
  },
  {
    id: "minecraft-large",
    title: "Minecraft large server, 50 players (50+ players: 16-32 GB)",
    source: "https://www.playnhost.com/blog/how-much-ram-minecraft",
    vendorAvailability: "single server",
    availability: "standard",
    vendor: { vcpu: null, ramGb: 16 },
    components: "Large Server (50+ players): 16-32 GB RAM",
    mapping: "50 players, the lower end (16 GB); vanilla server",
    workload: { kind: "minecraft", players: 50, server: "vanilla" },
  },

  // WooCommerce: hosting guidance by catalogue size.
  {
    id: "woocommerce-small",
    title: "WooCommerce small shop (20 products, about 10 orders a day)",
    source: "https://fieldguide-for-woocommerce.pages.dev/extending/server-planning/",
    vendorAvailability: "single server",
    availability: "standard",
    vendor: { vcpu: 2, ramGb: 2 },
    components: "'2GB RAM, 2 vCPUs ... for a store with 10 orders a day and 20 products, that's probably fine'",
    mapping: "10 orders a day taken as 500 visits a day (2 % conversion, ours)",
    workload: { kind: "wordpress", visitsPerDay: 500, woocommerce: true, products: 20 },
  },
  {
    id: "woocommerce-medium",
    title: "WooCommerce medium catalogue (100-1,000 products)",
    source: "https://webhosting.de/nl/woocommerce-hosting-resource-vereisten-prestaties-serverbeheer",
    vendorAvailability: "single server",
    availability: "standard",
    vendor: { vcpu: null, ramGb: 4 },
    components: "100-1,000 products: 4 GB RAM (CPU 'calibrated to checkout volume', no figure)",
    mapping: "500 products, 2,000 visits a day (ours)",
    workload: { kind: "wordpress", visitsPerDay: 2000, woocommerce: true, products: 500 },
  },
  {
    id: "woocommerce-large",
    title: "WooCommerce large catalogue (over 1,000 products)",
    source: "https://webhosting.de/nl/woocommerce-hosting-resource-vereisten-prestaties-serverbeheer",
    vendorAvailability: "single server",
    availability: "standard",
    vendor: { vcpu: null, ramGb: 8 },
    components: "more than 1,000 products: from 8 GB RAM",
    mapping: "5,000 products, 20,000 visits a day (ours)",
    workload: { kind: "wordpress", visitsPerDay: 20_000, woocommerce: true, products: 5000 },
  },

  // Elasticsearch: hot-tier disk-to-memory ratio of 30 (Elastic AutoOps default); the replica is
  // the index's own copy, so the case runs at `standard` (no copies of ours on top of it).
  {
    id: "elasticsearch-hot",
    title: "Elasticsearch hot tier, 450 GB primary + 1 replica",
    source: "https://www.elastic.co/docs/reference/autoops-insights/high_memory_to_disk_ratio_on_hot_nodes",
    vendorAvailability: "index replica (1) is the redundancy",
    availability: "standard",
    vendor: { vcpu: null, ramGb: 30 },
    components: "900 GB on disk / 30 (disk-to-memory ratio for hot-tier data nodes) = 30 GB RAM",
    workload: { kind: "elasticsearch", dataGb: 450, replicas: 1 },
  },

  // OpenShift control plane: 3 control-plane nodes (quorum), size per node by worker count.
  {
    id: "openshift-25",
    title: "OpenShift control plane, 25 workers",
    source:
      "https://access.redhat.com/documentation/zh-cn/openshift_container_platform/4.6/html/scalability_and_performance/master-node-sizing_recommended-host-practices",
    vendorAvailability: "three control plane nodes; two must carry the load when one fails",
    availability: "high",
    vendor: { vcpu: 12, ramGb: 48 },
    components: "3 x 4 cores / 16 GB",
    workload: { kind: "kubernetes", workerNodes: 25 },
  },
  {
    id: "openshift-100",
    title: "OpenShift control plane, 100 workers",
    source:
      "https://access.redhat.com/documentation/zh-cn/openshift_container_platform/4.6/html/scalability_and_performance/master-node-sizing_recommended-host-practices",
    vendorAvailability: "three control plane nodes; two must carry the load when one fails",
    availability: "high",
    vendor: { vcpu: 24, ramGb: 96 },
    components: "3 x 8 cores / 32 GB",
    workload: { kind: "kubernetes", workerNodes: 100 },
  },
  {
    id: "openshift-250",
    title: "OpenShift control plane, 250 workers",
    source:
      "https://access.redhat.com/documentation/zh-cn/openshift_container_platform/4.6/html/scalability_and_performance/master-node-sizing_recommended-host-practices",
    vendorAvailability: "three control plane nodes; two must carry the load when one fails",
    availability: "high",
    vendor: { vcpu: 48, ramGb: 288 },
    components: "3 x 16 cores / 96 GB",
    workload: { kind: "kubernetes", workerNodes: 250 },
  },

  // mailcow: minimum system resources.
  {
    id: "mailcow-minimum",
    title: "mailcow: dockerized, default configuration",
    source:
      "https://raw.githubusercontent.com/mailcow/mailcow-dockerized-docs/master/docs/getstarted/prerequisite-system.en.md",
    vendorAvailability: "single server",
    availability: "standard",
    vendor: { vcpu: null, ramGb: 6.44 },
    components: "RAM minimum 6 GiB (= 6.44 GB) + 1 GiB swap; CPU '1 GHz' (no core count)",
    mapping: "a small mail server of 10 mailboxes",
    workload: { kind: "mail", mailboxes: 10 },
  },

  // Backup retention: the estimator's formula with its own inputs (storage, not compute).
  {
    id: "backup-weekly-full",
    title: "Backup target, 20 TB protected, 30 days, weekly full + daily incremental, 3 % change",
    source: "https://nationalcalculatorauthority.com/backup-retention-storage-growth-estimator",
    vendorAvailability: "single backup target",
    availability: "standard",
    vendor: { vcpu: null, ramGb: null, storageGb: 138_000 },
    components:
      "nFull = floor(30/7)+1 = 5, nIncr = 25; (5 x 20 TB + 25 x 0.6 TB) x 1.20 overhead = 138 TB (the source's formula, no compression or dedup)",
    workload: { kind: "backup", protectedTb: 20, retentionDays: 30, dailyChangePercent: 3, model: "full_incremental" },
  },
];
