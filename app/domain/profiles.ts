/**
 * Application profiles: the customer names the application, these rules turn the vendor's own
 * published sizing into roles and resources. Every vendor figure cites its source URL; figures we
 * chose ourselves are marked "ours".
 */
import type { DemandFigure, DemandPart, RoleKind } from "./demand-part";
import { type Resources, round2, zeroResources } from "./resources";
import type { GrowthFactors, SizingProfile } from "./sizing";
import { type RuleTrace, growthTrace } from "./trace";
import { webAppDemand } from "./workloads/web-app";
import type {
  BackupWorkload,
  DiscourseWorkload,
  ElasticsearchWorkload,
  GitlabWorkload,
  KubernetesWorkload,
  MailWorkload,
  MattermostWorkload,
  MinecraftWorkload,
  NextcloudWorkload,
  VmHostWorkload,
  WordpressWorkload,
  Workload,
} from "./quote-input";

export const PROFILE_SOURCES = {
  gitlab1k: "https://docs.gitlab.com/administration/reference_architectures/1k_users/",
  gitlab2k: "https://docs.gitlab.com/administration/reference_architectures/2k_users.html",
  gitlab3k: "https://docs.gitlab.com/administration/reference_architectures/3k_users",
  gitlab5k: "https://docs.gitlab.com/administration/reference_architectures/5k_users",
  gitlab10k: "https://docs.gitlab.com/administration/reference_architectures/10k_users",
  gitlab25k: "https://docs.gitlab.com/administration/reference_architectures/25k_users",
  gitlab50k: "https://docs.gitlab.com/administration/reference_architectures/50k_users",
  mattermost200: "https://docs.mattermost.com/administration-guide/scale/scale-to-200-users.html",
  mattermost2000: "https://docs.mattermost.com/scale/scale-to-2000-users.html",
  mattermost30000: "https://docs.mattermost.com/deployment-guide/scale/scale-to-30000-users",
  nextcloudDeployment:
    "https://github.com/nextcloud/documentation/blob/master/admin_manual/installation/deployment_recommendations.rst",
  nextcloudOffice: "https://github.com/nextcloud/vm/releases/tag/18.0.1",
  discourse: "https://github.com/discourse/discourse/blob/main/docs/INSTALL-cloud.md",
  woocommerce: "https://webhosting.de/nl/woocommerce-hosting-resource-vereisten-prestaties-serverbeheer",
  minecraft: "https://www.playnhost.com/blog/how-much-ram-minecraft",
  elasticsearchHeap: "https://www.elastic.co/guide/en/elasticsearch/reference/7.8/heap-size.html",
  elasticsearchHotRatio:
    "https://www.elastic.co/docs/reference/autoops-insights/high_memory_to_disk_ratio_on_hot_nodes",
  openshiftControlPlane:
    "https://access.redhat.com/documentation/en-us/openshift_container_platform/4.6/html/scalability_and_performance/master-node-sizing_recommended-host-practices",
  backupRetention: "https://nationalcalculatorauthority.com/backup-retention-storage-growth-estimator",
  mailcow: "https://docs.mailcow.email/getstarted/prerequisite-system/",
} as const;

type Part = Omit<DemandPart, "figures"> & { figures: DemandFigure[] };

/** Linear interpolation through (x, y) anchor points, extrapolating past the last one. */
export function interpolate(anchors: readonly (readonly [number, number])[], x: number): number {
  const first = anchors[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < anchors.length; i++) {
    const [x1, y1] = anchors[i]!;
    const [x0, y0] = anchors[i - 1]!;
    if (x <= x1 || i === anchors.length - 1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return first[1];
}

/** A role part from vendor-style figures: every resource carries the same explanation. */
function part(roleKind: RoleKind, r: Partial<Resources>, rules: RuleTrace[], extra: Partial<Part> = {}): Part {
  const resources = { ...zeroResources(), ...r };
  const figures: DemandFigure[] = (Object.keys(r) as (keyof Resources)[])
    .filter((k) => (r[k] ?? 0) > 0)
    .map((k) => ({ resource: k, value: resources[k], rules }));
  return { roleKind, resources, trafficTb: 0, protectedGb: 0, figures, ...extra };
}

function trace(ruleId: string, inputs: RuleTrace["inputs"], params: RuleTrace["params"], source?: string): RuleTrace {
  return { ruleId, inputs, params, ...(source ? { source } : {}) };
}

/**
 * GitLab's reference architectures as per-copy needs of four roles, at users:
 * 500 and 1,000: the single node shared out (our split of 4/8 and 8/16 vCPU/GB);
 * 2,000: the non-HA architecture, one copy of each role (Rails 2 × 8/7.2 + Sidekiq 4/15 as app);
 * 3,000 to 50,000: the HA architectures (docs.gitlab.com, "High Availability: Yes"). Their
 * totals per role (every node, excluding the load balancers, which we price as load-balancer
 * lines) are halved, because the engine provisions two copies of each role when highly available:
 * so at `high` our copies add up to the vendor's HA total instead of stacking on top of it.
 * app = Rails + Sidekiq + monitoring + PgBouncer + Consul + Praefect (+ its PostgreSQL);
 * database = PostgreSQL; cache = Redis (+ Sentinels); repository = Gitaly.
 * The figures per anchor are in tests/calibration/cases.ts with their URLs.
 */
const GITLAB_ANCHORS = {
  //            users:  500,  1k,   2k,    3k,    5k,   10k,   25k,    50k
  appV: [2, 4, 20, 27, 39, 68, 103, 215],
  appR: [4, 8, 29.4, 35.7, 46.5, 84, 115.5, 216.3],
  dbV: [0.75, 1.5, 2, 3, 6, 12, 24, 48],
  dbR: [1.5, 3, 7.5, 11.25, 22.5, 45, 90, 180],
  cacheV: [0.25, 0.5, 1, 3, 3, 12, 15, 15],
  cacheR: [0.5, 1, 3.75, 11.25, 11.25, 45, 56.25, 56.25],
  repoV: [1, 2, 4, 6, 12, 24, 48, 96],
  repoR: [2, 4, 15, 22.5, 45, 90, 180, 360],
} as const;
const GITLAB_USERS = [500, 1000, 2000, 3000, 5000, 10000, 25000, 50000] as const;

function gitlabSource(users: number): string {
  if (users <= 1000) return PROFILE_SOURCES.gitlab1k;
  if (users <= 2000) return PROFILE_SOURCES.gitlab2k;
  if (users <= 3000) return PROFILE_SOURCES.gitlab3k;
  if (users <= 5000) return PROFILE_SOURCES.gitlab5k;
  if (users <= 10000) return PROFILE_SOURCES.gitlab10k;
  if (users <= 25000) return PROFILE_SOURCES.gitlab25k;
  return PROFILE_SOURCES.gitlab50k;
}

function gitlab(w: GitlabWorkload, g: GrowthFactors): Part[] {
  const users = w.users * g.compute;
  const repoGb = w.users * 0.5 * g.storage; // ours: 0.5 GB of repositories per user
  const growthRule = growthTrace("compute", g);
  // As roles, so the engine can keep them on one server (the 1k architecture runs everything on
  // one 8 vCPU / 16 GB node) or split them as the larger architectures do.
  const at = (ys: readonly number[]) =>
    interpolate(
      GITLAB_USERS.map((u, i) => [u, ys[i]!] as const),
      users,
    );
  const A = GITLAB_ANCHORS;
  const src = gitlabSource(users);
  const params = { users: w.users };
  const appV = at(A.appV);
  const appR = at(A.appR);
  const dbV = at(A.dbV);
  const dbR = at(A.dbR);
  const cacheV = at(A.cacheV);
  const cacheR = at(A.cacheR);
  const repoV = at(A.repoV);
  const repoR = at(A.repoR);
  const app = part("app", { vcpu: appV, ramGb: appR, ssdGb: 20 }, [
    trace("gitlab.rails", params, { ...params, vcpu: round2(appV), ramGb: round2(appR) }, src),
    growthRule,
  ]);
  const dbGb = Math.max(20, w.users * 0.02) * g.storage;
  const db = part("database", { vcpu: dbV, ramGb: dbR, nvmeGb: dbGb }, [
    trace("gitlab.postgres", params, { ...params, vcpu: round2(dbV), ramGb: round2(dbR) }, src),
    growthRule,
  ]);
  const cache = part("cache", { vcpu: cacheV, ramGb: cacheR }, [
    trace("gitlab.redis", params, { ...params, vcpu: round2(cacheV), ramGb: round2(cacheR) }, src),
    growthRule,
  ]);
  const repo = part("repository", { vcpu: repoV, ramGb: repoR, nvmeGb: repoGb }, [
    trace(
      "gitlab.gitaly",
      params,
      { ...params, vcpu: round2(repoV), ramGb: round2(repoR), repoGb: round2(repoGb) },
      src,
    ),
    growthRule,
  ]);
  repo.protectedGb = repoGb;
  db.protectedGb = dbGb;
  return [app, db, cache, repo];
}

function mattermost(w: MattermostWorkload, g: GrowthFactors): Part[] {
  const users = w.concurrentUsers * g.compute;
  // Per-copy needs through the vendor's 200, 2,000 and 30,000-user architectures: one node of each
  // role, since the 2,000 and 30,000 pages are HA (2 app nodes, writer + reader) and the engine's
  // two copies at `high` are those nodes. Search: no Elasticsearch at 200 users, 2 nodes of
  // 4 vCPU/32 GiB at 2,000 and 4 of 8/64 at 30,000 (per copy: half of it).
  const appV = interpolate(
    [
      [200, 2],
      [2000, 2],
      [30000, 8],
    ],
    users,
  );
  const appR = interpolate(
    [
      [200, 4],
      [2000, 4],
      [30000, 16],
    ],
    users,
  );
  const dbV = interpolate(
    [
      [200, 2],
      [2000, 2],
      [30000, 8],
    ],
    users,
  );
  const dbR = interpolate(
    [
      [200, 16],
      [2000, 16],
      [30000, 64],
    ],
    users,
  );
  const searchV = interpolate(
    [
      [200, 0],
      [2000, 4],
      [30000, 16],
    ],
    users,
  );
  const searchR = interpolate(
    [
      [200, 0],
      [2000, 32],
      [30000, 128],
    ],
    users,
  );
  // Lifetime storage: 0.8 GB + 5 MB per user per month x 12 x 1.5 safety (vendor's method, low-usage teams).
  const filesGb = (0.8 + w.concurrentUsers * 0.005 * 12 * 1.5) * g.storage;
  const src =
    users <= 200
      ? PROFILE_SOURCES.mattermost200
      : users <= 2000
        ? PROFILE_SOURCES.mattermost2000
        : PROFILE_SOURCES.mattermost30000;
  const params = { users: w.concurrentUsers };
  const growthRule = growthTrace("compute", g);
  const app = part("app", { vcpu: appV, ramGb: appR }, [
    trace("mattermost.app", params, { ...params, vcpu: round2(appV), ramGb: round2(appR) }, src),
    growthRule,
  ]);
  const db = part("database", { vcpu: dbV, ramGb: dbR, nvmeGb: 10 + filesGb * 0.1 }, [
    trace("mattermost.db", params, { ...params, vcpu: round2(dbV), ramGb: round2(dbR) }, src),
    growthRule,
  ]);
  const files = part("storage", { ssdGb: filesGb }, [
    trace("mattermost.files", params, { ...params, gb: round2(filesGb) }, src),
    growthTrace("storage", g),
  ]);
  files.protectedGb = filesGb;
  db.protectedGb = db.resources.nvmeGb;
  const parts = [app, db, files];
  if (searchV > 0) {
    // Ours: the search index about the size of the message database.
    const search = part("search", { vcpu: searchV, ramGb: searchR, nvmeGb: 10 + filesGb * 0.1 }, [
      trace("mattermost.search", params, { ...params, vcpu: round2(searchV), ramGb: round2(searchR) }, src),
      growthRule,
    ]);
    parts.push(search);
  }
  return parts;
}

function nextcloud(w: NextcloudWorkload, g: GrowthFactors): Part[] {
  const users = w.users * g.compute;
  // RAM through Nextcloud's deployment recommendations: up to 150 users one server with 16 GB
  // (our split: 12 GB for PHP, web server and cache, 4 GB for the database); 150-1,000 users
  // 2-4 application servers of 32 GB and 2 database servers of 64 GB (at 1,000 users: 4 + 2,
  // halved per copy since the engine runs two copies when highly available); 5,000 users and more
  // 4-20 application servers of 64 GB and 4 database servers of 128 GB (at 5,000: 4 + 4, halved).
  // CPU: "at least 2 CPU cores" up to 150 users; the larger tiers give sockets, not cores, so
  // ours: one core per 100 users for PHP, one per 300 for the database.
  // An office suite adds 2 GB (nextcloud/vm: Collabora or OnlyOffice need 2 GB more, 4 GB in all).
  const office = w.officeSuite ? 2 : 0;
  const vcpu = Math.max(1.5, users / 100) + (w.officeSuite ? 2 : 0);
  const ramGb = Math.max(
    interpolate(
      [
        [1, 2],
        [150, 12],
        [1000, 64],
        [5000, 128],
      ],
      users,
    ) + office,
    w.officeSuite ? 4 : 2,
  );
  const dbVcpu = Math.max(0.5, users / 300);
  const dbRam = interpolate(
    [
      [1, 1],
      [150, 4],
      [1000, 64],
      [5000, 256],
    ],
    users,
  );
  const perUser = w.storageGbPerUser ?? 10;
  const dataGb = w.users * perUser * g.storage;
  const params = { users: w.users };
  const growthRule = growthTrace("compute", g);
  const app = part("app", { vcpu, ramGb, ssdGb: 20 }, [
    trace(
      w.officeSuite ? "nextcloud.app_office" : "nextcloud.app",
      params,
      { ...params, vcpu: round2(vcpu), ramGb: round2(ramGb) },
      w.officeSuite ? PROFILE_SOURCES.nextcloudOffice : PROFILE_SOURCES.nextcloudDeployment,
    ),
    growthRule,
  ]);
  const db = part("database", { vcpu: dbVcpu, ramGb: dbRam, nvmeGb: 10 + w.users * 0.05 }, [
    trace("nextcloud.db", params, { ...params, ramGb: round2(dbRam) }, PROFILE_SOURCES.nextcloudDeployment),
    growthRule,
  ]);
  const files = part("storage", { ssdGb: dataGb }, [
    trace(
      "nextcloud.files",
      { ...params, perUser },
      { ...params, perUser, gb: round2(dataGb) },
      PROFILE_SOURCES.nextcloudDeployment,
    ),
    growthTrace("storage", g),
  ]);
  files.protectedGb = dataGb;
  db.protectedGb = db.resources.nvmeGb;
  return [app, db, files];
}

function discourse(w: DiscourseWorkload, g: GrowthFactors): Part[] {
  // Discourse: 1 core and 1 GB RAM (with swap) are the minimum for a steady-state forum, 2 cores
  // and 2 GB "easily host anything but the largest of forums". Ours: 1 core + 1 GB, plus one core
  // and one GB per million monthly page views (so a forum of a million page views a month gets
  // the recommended 2/2); three quarters for Rails and Sidekiq, a quarter for PostgreSQL and Redis.
  // Traffic: 1 MB per page view (ours).
  const views = (w.monthlyPageViews ?? Math.max(1, w.users ?? 0) * 30) * g.compute;
  const millions = views / 1e6;
  const total = 1 + millions;
  const vcpu = total * 0.75;
  const ramGb = total * 0.75;
  const params = { pageViews: Math.round(views) };
  const app = part("app", { vcpu, ramGb, ssdGb: 10 }, [
    trace("discourse.app", params, { ...params, vcpu: round2(vcpu), ramGb: round2(ramGb) }, PROFILE_SOURCES.discourse),
    growthTrace("compute", g),
  ]);
  app.trafficTb = views / 1e6;
  const dbGb = (10 + (w.users ?? 0) * 0.01) * g.storage;
  const db = part("database", { vcpu: total * 0.25, ramGb: total * 0.25, nvmeGb: dbGb }, [
    trace("discourse.db", params, { ...params, gb: round2(dbGb) }, PROFILE_SOURCES.discourse),
    growthTrace("storage", g),
  ]);
  db.protectedGb = dbGb;
  return [app, db];
}

function wordpress(w: WordpressWorkload, g: GrowthFactors, profile: SizingProfile): Part[] {
  const web = webAppDemand(
    { kind: "web_app", visitsPerDay: w.visitsPerDay, dynamicPages: true, storageGb: 20 + (w.products ?? 0) * 0.005 },
    g,
    profile,
  );
  const products = w.products ?? 0;
  // WooCommerce: 2 / 4 / 8 GB RAM for up to 100 / 1,000 / more products (hosting vendor guidance)
  // for the whole shop, web and database together; ours: a quarter of it for MySQL (0.5 GB at least).
  const wooFloor = w.woocommerce ? (products <= 100 ? 2 : products <= 1000 ? 4 : 8) : 0;
  const dbRam = w.woocommerce ? Math.max(0.5, wooFloor * 0.25) : 1;
  const appFloor = wooFloor - dbRam;
  if (web.resources.ramGb < appFloor) {
    web.resources.ramGb = appFloor;
    const ram = web.figures.find((f) => f.resource === "ramGb")!;
    ram.value = appFloor;
    ram.rules = [
      ...ram.rules,
      trace(
        "wordpress.woocommerce_ram",
        { products },
        { products, ramGb: wooFloor, appGb: round2(appFloor), dbGb: round2(dbRam) },
        PROFILE_SOURCES.woocommerce,
      ),
    ];
  }
  const dbGb = (1 + products * 0.001) * g.storage;
  const db = part("database", { vcpu: 1, ramGb: dbRam, nvmeGb: dbGb }, [
    trace("wordpress.db", { products }, { gb: round2(dbGb) }),
    growthTrace("storage", g),
  ]);
  db.protectedGb = dbGb;
  return [{ ...web, roleKind: "app" }, db];
}

function minecraft(w: MinecraftWorkload, g: GrowthFactors): Part[] {
  // JVM heap: vanilla 1-2 GB + 0.1-0.3 GB/player, Paper 2-3 + 0.15-0.3, modded 4-12 + 0.2-0.5
  // (mid-points used); the JVM gets 75 % of the machine's RAM (70-80 % in the source).
  const base = { vanilla: [1.5, 0.2], paper: [2.5, 0.22], modded: [8, 0.35] } as const;
  const [b, perPlayer] = base[w.server];
  const players = w.players * g.compute;
  const heap = b + perPlayer * players;
  const ramGb = heap / 0.75;
  const vcpu = 2 + players / 20; // ours: the main loop is single-threaded; extra threads for chunks and plugins
  const worldGb = (w.server === "modded" ? 50 : 20) + w.players * 0.1;
  const params = { players: w.players, server: w.server };
  const p = part("game", { vcpu, ramGb, nvmeGb: worldGb * g.storage }, [
    trace(
      "minecraft.ram",
      params,
      { ...params, heapGb: round2(heap), ramGb: round2(ramGb) },
      PROFILE_SOURCES.minecraft,
    ),
    growthTrace("compute", g),
    growthTrace("storage", g),
  ]);
  p.trafficTb = w.players * 0.05; // ours: ~50 GB per player per month
  p.protectedGb = worldGb * g.storage;
  return [p];
}

function elasticsearch(w: ElasticsearchWorkload, g: GrowthFactors): Part[] {
  const replicas = w.replicas ?? 1;
  // With a retention, dataGb is the daily ingest; stored = data x (1 + replicas) x 1.1 index overhead (ours).
  const primaryGb = (w.retentionDays ? w.dataGb * w.retentionDays : w.dataGb) * g.storage;
  const storedGb = primaryGb * (1 + replicas) * 1.1;
  // Heap at most 50 % of RAM and under ~32 GB (Elastic); RAM at 1 GB per 30 GB on disk, Elastic's
  // disk-to-memory ratio for hot-tier data nodes (source: elasticsearchHotRatio).
  const ramGb = Math.max(4, storedGb / 30);
  const vcpu = Math.max(2, ramGb / 4);
  const params = { dataGb: w.dataGb, replicas };
  const p = part("search", { vcpu, ramGb, nvmeGb: storedGb }, [
    trace(
      "elasticsearch.size",
      params,
      { ...params, storedGb: round2(storedGb), ramGb: round2(ramGb) },
      PROFILE_SOURCES.elasticsearchHotRatio,
    ),
    growthTrace("storage", g),
  ]);
  // No node may need more than a 64 GB box: heap stays under the compressed-oops limit.
  p.minUnit = { ...zeroResources(), ramGb: Math.min(ramGb, 8) };
  p.protectedGb = primaryGb;
  return [p];
}

function kubernetes(w: KubernetesWorkload): Part[] {
  // Control-plane node size by worker count (OpenShift: 25 -> 4 cores/16 GB, 100 -> 8/32, 250 -> 16/96).
  const n = w.workerNodes;
  const [vcpu, ramGb] = n <= 25 ? [4, 16] : n <= 100 ? [8, 32] : n <= 250 ? [16, 96] : [32, 192];
  const p = part(
    "control_plane",
    { vcpu, ramGb, nvmeGb: 100 },
    [
      trace(
        "kubernetes.control_plane",
        { workerNodes: n },
        { workers: n, vcpu, ramGb },
        PROFILE_SOURCES.openshiftControlPlane,
      ),
    ],
    { quorum: true },
  );
  return [p];
}

function backup(w: BackupWorkload, g: GrowthFactors): Part[] {
  const dataGb = w.protectedTb * 1000 * g.storage;
  const change = (w.dailyChangePercent ?? 3) / 100;
  const days = w.retentionDays;
  let totalGb: number;
  let params: RuleTrace["params"];
  if (w.model === "full_incremental") {
    const nFull = Math.floor(days / 7) + 1;
    const nIncr = Math.max(0, days - nFull);
    totalGb = (nFull * dataGb + nIncr * dataGb * change) * 1.2;
    params = { fulls: nFull, incrementals: nIncr, changePercent: change * 100, gb: round2(totalGb) };
  } else {
    totalGb = (dataGb + Math.max(0, days - 1) * dataGb * change) * 1.2;
    params = { days, changePercent: change * 100, gb: round2(totalGb) };
  }
  const ruleId = w.model === "full_incremental" ? "backup.target_full" : "backup.target_forever";
  const p = part("backup_target", { vcpu: 2, ramGb: 4, hddGb: totalGb }, [
    trace(
      ruleId,
      { protectedTb: w.protectedTb, retentionDays: days, change },
      { ...params, tb: w.protectedTb, days },
      PROFILE_SOURCES.backupRetention,
    ),
    growthTrace("storage", g),
  ]);
  return [p];
}

function mail(w: MailWorkload, g: GrowthFactors): Part[] {
  // mailcow needs at least 6 GiB RAM and 20 GiB disk without mail; ours: +10 MB RAM per mailbox,
  // one core per 500 mailboxes, 5 GB quota per mailbox by default.
  const boxes = w.mailboxes * g.compute;
  const ramGb = 6 + boxes * 0.01;
  const vcpu = 2 + boxes / 500;
  const quota = w.quotaGbPerMailbox ?? 5;
  const ssdGb = (20 + w.mailboxes * quota) * g.storage;
  const params = { mailboxes: w.mailboxes, quota };
  const p = part("mail", { vcpu, ramGb, ssdGb }, [
    trace("mail.server", params, { ...params, ramGb: round2(ramGb), gb: round2(ssdGb) }, PROFILE_SOURCES.mailcow),
    growthTrace("compute", g),
    growthTrace("storage", g),
  ]);
  p.protectedGb = ssdGb - 20;
  p.trafficTb = w.mailboxes * 0.002;
  return [p];
}

function vmHost(w: VmHostWorkload): Part[] {
  // The VMs as stated, plus 1 vCPU and 2 GB per host for the hypervisor (ours); no VM is split.
  const sum = w.vms.reduce(
    (acc, vm) => ({ vcpu: acc.vcpu + vm.vcpu, ramGb: acc.ramGb + vm.ramGb, storageGb: acc.storageGb + vm.storageGb }),
    { vcpu: 0, ramGb: 0, storageGb: 0 },
  );
  const largest = w.vms.reduce(
    (acc, vm) => ({
      vcpu: Math.max(acc.vcpu, vm.vcpu),
      ramGb: Math.max(acc.ramGb, vm.ramGb),
      storageGb: Math.max(acc.storageGb, vm.storageGb),
    }),
    { vcpu: 0, ramGb: 0, storageGb: 0 },
  );
  const params = { vms: w.vms.length, vcpu: sum.vcpu, ramGb: round2(sum.ramGb), storageGb: round2(sum.storageGb) };
  const p = part("vm", { vcpu: sum.vcpu + 1, ramGb: sum.ramGb + 2, nvmeGb: sum.storageGb }, [
    trace("vm_host.sum", { vms: w.vms.length }, params),
  ]);
  p.minUnit = { ...zeroResources(), vcpu: largest.vcpu + 1, ramGb: largest.ramGb + 2, nvmeGb: largest.storageGb };
  p.protectedGb = sum.storageGb;
  return [p];
}

export function profileDemand(
  w: Exclude<Workload, { kind: "web_app" | "database" | "file_storage" | "raw" }>,
  g: GrowthFactors,
  profile: SizingProfile,
): DemandPart[] {
  switch (w.kind) {
    case "gitlab":
      return gitlab(w, g);
    case "mattermost":
      return mattermost(w, g);
    case "nextcloud":
      return nextcloud(w, g);
    case "discourse":
      return discourse(w, g);
    case "wordpress":
      return wordpress(w, g, profile);
    case "minecraft":
      return minecraft(w, g);
    case "elasticsearch":
      return elasticsearch(w, g);
    case "kubernetes":
      return kubernetes(w);
    case "backup":
      return backup(w, g);
    case "mail":
      return mail(w, g);
    case "vm_host":
      return vmHost(w);
  }
}
