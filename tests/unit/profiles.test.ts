import { describe, expect, it } from "vitest";
import { LEAN_PROFILE, LOAD_INPUTS, type WorkloadDemand, workloadDemands } from "~/domain/demand";
import { interpolate } from "~/domain/profiles";
import type { Requirements, Workload } from "~/domain/quote-input";

/** No growth and every input measured: the vendor's figures must come out exactly. */
const flat: Requirements = { availability: "standard", termMonths: 1, region: "eu", growthPercentPerYear: 0 };
const size = (w: Workload): WorkloadDemand[] =>
  workloadDemands([{ ...w, measured: LOAD_INPUTS[w.kind] } as Workload], flat, LEAN_PROFILE);
const role = (parts: WorkloadDemand[], kind: string) => parts.find((p) => p.roleKind === kind)!;

describe("interpolate", () => {
  it("is linear between anchors and extrapolates past the last", () => {
    const anchors = [
      [2000, 20],
      [10000, 112],
    ] as const;
    expect(interpolate(anchors, 2000)).toBe(20);
    expect(interpolate(anchors, 6000)).toBe(66);
    expect(interpolate(anchors, 10000)).toBe(112);
    expect(interpolate(anchors, 14000)).toBe(158);
    expect(interpolate(anchors, 100)).toBe(20);
  });
});

describe("gitlab (docs.gitlab.com reference architectures)", () => {
  it("1,000 users: 8 vCPU and 16 GB in all, the one node of the 1k_users reference architecture", () => {
    const parts = size({ kind: "gitlab", users: 1000 });
    const total = parts.reduce(
      (acc, p) => ({ vcpu: acc.vcpu + p.resources.vcpu, ramGb: acc.ramGb + p.resources.ramGb }),
      { vcpu: 0, ramGb: 0 },
    );
    expect(total).toEqual({ vcpu: 8, ramGb: 16 });
    expect(parts[0]!.figures[0]!.rules[0]!.source).toContain("docs.gitlab.com");
  });

  it("500 users: half of it, GitLab's older 4 core / 8 GB minimum", () => {
    const parts = size({ kind: "gitlab", users: 500 });
    expect(parts.reduce((s, p) => s + p.resources.vcpu, 0)).toBe(4);
    expect(parts.reduce((s, p) => s + p.resources.ramGb, 0)).toBe(8);
  });

  it("2,000 users: Rails 2 x 8 vCPU/7.2 GB + Sidekiq 4 vCPU/15 GB, PostgreSQL 2/7.5, Redis 1/3.75, Gitaly 4/15 (2k_users)", () => {
    const parts = size({ kind: "gitlab", users: 2000 });
    expect(role(parts, "app").resources).toMatchObject({ vcpu: 20, ramGb: 29.4 });
    expect(role(parts, "database").resources).toMatchObject({ vcpu: 2, ramGb: 7.5 });
    expect(role(parts, "cache").resources).toMatchObject({ vcpu: 1, ramGb: 3.75 });
    expect(role(parts, "repository").resources).toMatchObject({ vcpu: 4, ramGb: 15 });
  });

  it("10,000 users (HA): per copy half of the vendor's totals, so two copies are the 10k_users architecture", () => {
    // Rails 3 x 32/28.8 + Sidekiq 4 x 4/15 + monitoring, PgBouncer, Consul, Praefect = 136/168;
    // PostgreSQL 3 x 8/30; Redis 2 x 3 x 4/15; Gitaly 3 x 16/60.
    const parts = size({ kind: "gitlab", users: 10000 });
    expect(role(parts, "app").resources.vcpu).toBeCloseTo(68, 6);
    expect(role(parts, "app").resources.ramGb).toBeCloseTo(84, 6);
    expect(role(parts, "database").resources).toMatchObject({ vcpu: 12, ramGb: 45 });
    expect(role(parts, "cache").resources).toMatchObject({ vcpu: 12, ramGb: 45 });
    expect(role(parts, "repository").resources).toMatchObject({ vcpu: 24, ramGb: 90 });
  });

  it("50,000 users (HA): Rails 12 x 32/28.8 is no longer extrapolated from 10k", () => {
    const parts = size({ kind: "gitlab", users: 50000 });
    const total = parts.reduce(
      (acc, p) => ({ vcpu: acc.vcpu + p.resources.vcpu, ramGb: acc.ramGb + p.resources.ramGb }),
      { vcpu: 0, ramGb: 0 },
    );
    expect(total.vcpu * 2).toBeCloseTo(748, 6);
    expect(total.ramGb * 2).toBeCloseTo(1625.1, 6);
  });
});

describe("mattermost (docs.mattermost.com scale pages)", () => {
  it("200 users: app 2 vCPU/4 GiB, database 2 vCPU/16 GiB (scale-to-200-users)", () => {
    const parts = size({ kind: "mattermost", concurrentUsers: 200 });
    expect(role(parts, "app").resources).toMatchObject({ vcpu: 2, ramGb: 4 });
    expect(role(parts, "database").resources).toMatchObject({ vcpu: 2, ramGb: 16 });
  });
  it("2,000 users (HA): one app node of 2/4 and writer 2/16 per copy, search 4/32 (scale-to-2000-users)", () => {
    const parts = size({ kind: "mattermost", concurrentUsers: 2000 });
    expect(role(parts, "app").resources).toMatchObject({ vcpu: 2, ramGb: 4 });
    expect(role(parts, "database").resources).toMatchObject({ vcpu: 2, ramGb: 16 });
    expect(role(parts, "search").resources).toMatchObject({ vcpu: 4, ramGb: 32 });
  });
  it("30,000 users (HA): one app node of 8/16 and writer 8/64 per copy, search 16/128 (scale-to-30000-users)", () => {
    const parts = size({ kind: "mattermost", concurrentUsers: 30000 });
    expect(role(parts, "app").resources).toMatchObject({ vcpu: 8, ramGb: 16 });
    expect(role(parts, "database").resources).toMatchObject({ vcpu: 8, ramGb: 64 });
    expect(role(parts, "search").resources).toMatchObject({ vcpu: 16, ramGb: 128 });
  });
  it("200 users: no Elasticsearch (scale-to-200-users)", () => {
    expect(size({ kind: "mattermost", concurrentUsers: 200 }).some((p) => p.roleKind === "search")).toBe(false);
  });
  it("storage: 0.8 GB + 5 MB per user per month x 12 x 1.5", () => {
    expect(role(size({ kind: "mattermost", concurrentUsers: 1000 }), "storage").resources.ssdGb).toBeCloseTo(
      0.8 + 1000 * 0.005 * 12 * 1.5,
      6,
    );
  });
});

describe("nextcloud", () => {
  it("an office suite adds 2 GB and needs 4 GB at least (nextcloud/vm release notes)", () => {
    const plain = role(size({ kind: "nextcloud", users: 10 }), "app");
    const office = role(size({ kind: "nextcloud", users: 10, officeSuite: true }), "app");
    expect(office.resources.ramGb - plain.resources.ramGb).toBeCloseTo(2, 6);
    expect(office.resources.ramGb).toBeGreaterThanOrEqual(4);
  });
  it("150 users: one server of 2 cores and 16 GB (deployment recommendations, small workgroups)", () => {
    const parts = size({ kind: "nextcloud", users: 150 });
    expect(role(parts, "app").resources.vcpu + role(parts, "database").resources.vcpu).toBeCloseTo(2, 6);
    expect(role(parts, "app").resources.ramGb + role(parts, "database").resources.ramGb).toBeCloseTo(16, 6);
  });
  it("scales PHP workers and files with users", () => {
    const parts = size({ kind: "nextcloud", users: 500, storageGbPerUser: 20 });
    expect(role(parts, "app").resources.vcpu).toBe(5);
    expect(role(parts, "app").resources.ramGb).toBeGreaterThan(
      role(size({ kind: "nextcloud", users: 150 }), "app").resources.ramGb,
    );
    expect(role(parts, "storage").resources.ssdGb).toBe(10_000);
  });
});

describe("discourse (official install guide: 1 core / 1 GB minimum, 2 cores / 2 GB recommended)", () => {
  const total = (parts: WorkloadDemand[]) => ({
    vcpu: role(parts, "app").resources.vcpu + role(parts, "database").resources.vcpu,
    ramGb: role(parts, "app").resources.ramGb + role(parts, "database").resources.ramGb,
  });
  it("a small forum gets about the minimum 1 core and 1 GB", () => {
    const t = total(size({ kind: "discourse", monthlyPageViews: 100_000 }));
    expect(t.vcpu).toBeCloseTo(1.1, 6);
    expect(t.ramGb).toBeCloseTo(1.1, 6);
  });
  it("a forum of a million page views a month gets the recommended 2 cores and 2 GB", () => {
    expect(total(size({ kind: "discourse", monthlyPageViews: 1_000_000 }))).toEqual({ vcpu: 2, ramGb: 2 });
  });
  it("a busy forum with 5 M page views a month gets 6 cores and 6 GB", () => {
    const parts = size({ kind: "discourse", monthlyPageViews: 5_000_000 });
    expect(total(parts)).toEqual({ vcpu: 6, ramGb: 6 });
    expect(role(parts, "app").trafficTb).toBe(5);
  });
});

describe("wordpress / woocommerce (RAM 2/4/8 GB for <=100/<=1000/more products)", () => {
  it.each([
    [50, 2],
    [500, 4],
    [5000, 8],
  ])("%i products need at least %i GB, web and database together", (products, gb) => {
    const parts = size({ kind: "wordpress", visitsPerDay: 500, woocommerce: true, products });
    expect(role(parts, "app").resources.ramGb + role(parts, "database").resources.ramGb).toBe(gb);
  });
  it("a plain blog is sized like a web application", () => {
    const app = role(size({ kind: "wordpress", visitsPerDay: 500 }), "app");
    expect(app.resources.ramGb).toBeLessThan(2);
  });
});

describe("minecraft (playnhost RAM guide)", () => {
  it("vanilla, 20 players: (1.5 + 0.2 x 20) GB heap at 75 % of RAM", () => {
    const [game] = size({ kind: "minecraft", players: 20, server: "vanilla" });
    expect(game!.resources.ramGb).toBeCloseTo((1.5 + 0.2 * 20) / 0.75, 6);
    expect(game!.role).toBe("game-1");
  });
  it("modded, 50 players: (8 + 0.35 x 50) GB heap at 75 % of RAM", () => {
    const [game] = size({ kind: "minecraft", players: 50, server: "modded" });
    expect(game!.resources.ramGb).toBeCloseTo((8 + 0.35 * 50) / 0.75, 6);
  });
});

describe("elasticsearch (heap <= 50 % of RAM, under ~32 GB)", () => {
  it("300 GB with one replica is 660 GB on disk and 22 GB RAM", () => {
    const [search] = size({ kind: "elasticsearch", dataGb: 300 });
    expect(search!.resources.nvmeGb).toBeCloseTo(660, 6);
    expect(search!.resources.ramGb).toBeCloseTo(22, 6);
  });
  it("with a retention, data is per day", () => {
    const [search] = size({ kind: "elasticsearch", dataGb: 10, retentionDays: 30, replicas: 0 });
    expect(search!.resources.nvmeGb).toBeCloseTo(330, 6);
  });
});

describe("kubernetes control plane (OpenShift master sizing)", () => {
  it.each([
    [25, 4, 16],
    [100, 8, 32],
    [250, 16, 96],
  ])("%i workers: %i vCPU / %i GB per node", (workerNodes, vcpu, ramGb) => {
    const [cp] = size({ kind: "kubernetes", workerNodes });
    expect(cp!.resources).toMatchObject({ vcpu, ramGb });
    expect(cp!.quorum).toBe(true);
  });
});

describe("backup target (capacity-rules section 6)", () => {
  it("20 TB, 30 days, weekly full, 3 % change: 5 x 20 + 25 x 0.6 = 115 TB, x1.2 = 138 TB", () => {
    const [b] = size({ kind: "backup", protectedTb: 20, retentionDays: 30, model: "full_incremental" });
    expect(b!.resources.hddGb).toBeCloseTo(138_000, 3);
  });
  it("forever incremental: 20 + 29 x 0.6 = 37.4 TB, x1.2 = 44.88 TB", () => {
    const [b] = size({ kind: "backup", protectedTb: 20, retentionDays: 30, model: "forever_incremental" });
    expect(b!.resources.hddGb).toBeCloseTo(44_880, 3);
  });
});

describe("mail (mailcow: at least 6 GiB RAM, 20 GiB without mail)", () => {
  it("50 mailboxes: 6.5 GB RAM and 20 + 50 x 5 GB", () => {
    const [m] = size({ kind: "mail", mailboxes: 50 });
    expect(m!.resources.ramGb).toBeCloseTo(6.5, 6);
    expect(m!.resources.ssdGb).toBe(270);
  });
  it("2,000 mailboxes at 2 GB: 26 GB RAM and 4,020 GB", () => {
    const [m] = size({ kind: "mail", mailboxes: 2000, quotaGbPerMailbox: 2 });
    expect(m!.resources.ramGb).toBeCloseTo(26, 6);
    expect(m!.resources.ssdGb).toBe(4020);
  });
});

describe("vm_host", () => {
  it("sums the VMs plus the hypervisor and keeps the largest VM whole", () => {
    const [vm] = size({
      kind: "vm_host",
      vms: [
        { vcpu: 4, ramGb: 16, storageGb: 100 },
        { vcpu: 8, ramGb: 32, storageGb: 200 },
      ],
    });
    expect(vm!.resources).toMatchObject({ vcpu: 13, ramGb: 50, nvmeGb: 300 });
    expect(vm!.minUnit).toMatchObject({ vcpu: 9, ramGb: 34, nvmeGb: 200 });
  });
});

describe("vm_host, many small VMs", () => {
  it("spreads 20 VMs of 2 vCPU / 4 GB over hosts, each host big enough for one VM", () => {
    const vms = Array.from({ length: 20 }, () => ({ vcpu: 2, ramGb: 4, storageGb: 40 }));
    const [vm] = size({ kind: "vm_host", vms });
    expect(vm!.resources).toMatchObject({ vcpu: 41, ramGb: 82, nvmeGb: 800 });
    expect(vm!.minUnit).toMatchObject({ vcpu: 3, ramGb: 6, nvmeGb: 40 });
  });
});

describe("raw with GPUs", () => {
  it("asks for GPUs", () => {
    const [raw] = size({ kind: "raw", vcpu: 8, ramGb: 32, gpu: 1 });
    expect(raw!.resources.gpu).toBe(1);
  });
});
