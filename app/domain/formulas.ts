/**
 * The arithmetic behind each rule, for the technician view of a trace (rule id, inputs, formula,
 * result). Customers read the sentence; technicians check the sum.
 */
export const RULE_FORMULAS: Record<string, string> = {
  "web.page_views": "pageViews = visitsPerDay × pagesPerVisit",
  "web.peak_rps": "peakRps = pageViews / 86400 × peakFactor",
  "web.cpu_dynamic": "vcpu = max(1, peakRps × cpuMs / 1000 / targetUtilisation × growth)",
  "web.cpu_static": "vcpu = max(1, peakRps × cpuMs / 1000 / targetUtilisation × growth)",
  "web.ram": "ramGb = (baseGb + peakRps × 0.25 s × workerGb) × growth",
  "web.storage": "storageGb = storageGb × storageGrowth",
  "web.traffic": "trafficTb = pageViews × pageWeightKb × 30 × (1 − offload) / 1e9 × growth",
  "web.bandwidth": "mbps = peakRps × pageWeightKb × 8 / 1000 × (1 − offload) × growth",
  "db.ram": "ramGb = max(2, 1 + dataGb × storageGrowth × hotShare / 0.75)",
  "db.cpu": "vcpu = max(2, qps × 2 ms / 1000 / targetUtilisation × growth)",
  "db.storage": "nvmeGb = dataGb × storageGrowth × 1.5",
  "db.iops": "iops = qps × growth × (writeShare × 2 + (1 − writeShare) × 0.1)",
  "files.storage_active": "ssdGb = dataGb × storageGrowth",
  "files.storage_archive": "hddGb = dataGb × storageGrowth",
  "files.traffic": "trafficTb = monthlyDownloadGb / 1000 × growth",
  "growth.compute": "growth = (1 + percent/100)^(min(term, 12) + extraMonths)/12",
  "growth.storage": "storageGrowth = (1 + percent/100)^(term + extraMonths)/12",
  "cpu.target": "capacity needed = CPU-seconds per second / targetUtilisation",
  "confidence.margin": "value × (1 + 0.20) when any load input is an estimate",
  "backup.size": "backupGb = protectedGb × (1 + (days − 1) × 0.03) × 1.2",
  "gitlab.rails":
    "per copy, piecewise linear through 500 (2/4), 1k (4/8), 2k (20/29.4), 3k (27/35.7), 5k (39/46.5), 10k (68/84), 25k (103/115.5), 50k users (215/216.3) vCPU/GB",
  "gitlab.postgres":
    "per copy, piecewise linear through 500 (0.75/1.5), 1k (1.5/3), 2k (2/7.5), 3k (3/11.25), 5k (6/22.5), 10k (12/45), 25k (24/90), 50k users (48/180) vCPU/GB",
  "gitlab.redis":
    "per copy, piecewise linear through 500 (0.25/0.5), 1k (0.5/1), 2k (1/3.75), 3k and 5k (3/11.25), 10k (12/45), 25k and 50k users (15/56.25) vCPU/GB",
  "gitlab.gitaly":
    "per copy, piecewise linear through 500 (1/2), 1k (2/4), 2k (4/15), 3k (6/22.5), 5k (12/45), 10k (24/90), 25k (48/180), 50k users (96/360) vCPU/GB; repoGb = users × 0.5 GB",
  "mattermost.app": "per copy, piecewise linear through 200 (2/4), 2000 (2/4), 30000 users (8/16) vCPU/GB",
  "mattermost.db": "per copy, piecewise linear through 200 (2/16), 2000 (2/16), 30000 users (8/64) vCPU/GB",
  "mattermost.search": "per copy, piecewise linear through 200 (0/0), 2000 (4/32), 30000 users (16/128) vCPU/GB",
  "mattermost.files": "gb = (0.8 + users × 0.005 × 12 × 1.5) × storageGrowth",
  "nextcloud.app":
    "vcpu = max(1.5, users/100); ramGb piecewise linear through 1 (2), 150 (12), 1000 (64), 5000 users (128)",
  "nextcloud.app_office": "vcpu = max(1.5, users/100) + 2; ramGb = max(4, app ramGb + 2)",
  "nextcloud.db":
    "vcpu = max(0.5, users/300); ramGb piecewise linear through 1 (1), 150 (4), 1000 (64), 5000 users (256)",
  "nextcloud.files": "gb = users × perUserGb × storageGrowth",
  "discourse.app": "vcpu = ramGb = (1 + pageViews / 1e6) × 0.75",
  "discourse.db": "vcpu = ramGb = (1 + pageViews / 1e6) × 0.25; gb = (10 + users × 0.01) × storageGrowth",
  "wordpress.woocommerce_ram":
    "web + database ramGb ≥ 2 (≤100 products), 4 (≤1000), 8 (more); database a quarter of it",
  "wordpress.db": "gb = (1 + products × 0.001) × storageGrowth",
  "minecraft.ram": "heap = base + perPlayer × players; ramGb = heap / 0.75",
  "elasticsearch.size":
    "storedGb = data × (1 + replicas) × 1.1; ramGb = max(4, storedGb / 30) (Elastic hot-tier disk:memory 30); vcpu = max(2, ramGb / 4)",
  "kubernetes.control_plane": "workers ≤25: 4/16, ≤100: 8/32, ≤250: 16/96, more: 32/192 (vCPU/GB per node)",
  "backup.target_full": "(fulls × data + incrementals × data × change) × 1.2, fulls = floor(days/7) + 1",
  "backup.target_forever": "(data + (days − 1) × data × change) × 1.2",
  "mail.server": "ramGb = 6 + mailboxes × 0.01; vcpu = 2 + mailboxes/500; ssdGb = 20 + mailboxes × quota",
  "vm_host.sum": "Σ VM resources + 1 vCPU + 2 GB per host; the largest VM must fit one host",
  "raw.as_stated": "as stated by the customer",
};
