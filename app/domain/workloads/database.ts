import type { DemandFigure } from "../demand-part";
import type { DatabaseWorkload } from "../quote-input";
import { round2, zeroResources } from "../resources";
import { RULES, SOURCES } from "../rules";
import type { GrowthFactors, SizingProfile } from "../sizing";
import { cpuTrace, growthTrace } from "../trace";

/** A database: the hot share of its data drives RAM, queries drive CPU and IOPS. */
export function databaseDemand(w: DatabaseWorkload, growth: GrowthFactors, profile: SizingProfile) {
  const R = RULES.database;
  const qps = w.peakQueriesPerSecond ?? R.defaultPeakQps;
  const writeShare = (w.writePercent ?? R.defaultWritePercent) / 100;
  const hotShare = (w.hotDataPercent ?? R.defaultHotDataPercent) / 100;
  const dataGb = w.dataGb * growth.storage;
  const hotGb = dataGb * hotShare;
  const ramGb = Math.max(R.minRamGb, R.baseRamGb + hotGb / R.cacheShareOfRam);
  const vcpu = Math.max(R.minVcpu, ((qps * R.cpuMsPerQuery) / 1000 / profile.cpuTargetUtilisation) * growth.compute);
  const storageGb = dataGb * R.storageOverhead;
  const iops = qps * growth.compute * (writeShare * R.ioPerWrite + (1 - writeShare) * (1 - R.readCacheHitRatio));
  const figures: DemandFigure[] = [
    {
      resource: "ramGb",
      value: ramGb,
      rules: [
        growthTrace("storage", growth),
        {
          ruleId: "db.ram",
          inputs: { dataGb, hotShare, cacheShareOfRam: R.cacheShareOfRam },
          params: {
            hotPercent: Math.round(hotShare * 100),
            hotGb: round2(hotGb),
            cachePercent: R.cacheShareOfRam * 100,
            ramGb: round2(ramGb),
          },
          source: SOURCES.postgresMemory,
        },
      ],
    },
    {
      resource: "vcpu",
      value: vcpu,
      rules: [
        {
          ruleId: "db.cpu",
          inputs: { qps, cpuMsPerQuery: R.cpuMsPerQuery },
          params: { qps, cpuMs: R.cpuMsPerQuery, vcpu: round2(vcpu), minVcpu: R.minVcpu },
        },
        cpuTrace(profile),
        growthTrace("compute", growth),
      ],
    },
    {
      resource: "nvmeGb",
      value: storageGb,
      rules: [
        growthTrace("storage", growth),
        {
          ruleId: "db.storage",
          inputs: { dataGb: w.dataGb, overhead: R.storageOverhead },
          params: {
            dataGb: w.dataGb,
            overheadPercent: Math.round((R.storageOverhead - 1) * 100),
            totalGb: round2(storageGb),
          },
        },
      ],
    },
    {
      resource: "iops",
      value: iops,
      rules: [
        {
          ruleId: "db.iops",
          inputs: { qps, writeShare },
          params: { qps, writePercent: Math.round(writeShare * 100), iops: Math.ceil(iops) },
          source: SOURCES.iops,
        },
      ],
    },
  ];
  const resources = { ...zeroResources(), vcpu, ramGb, nvmeGb: storageGb, iops };
  return { resources, trafficTb: 0, protectedGb: dataGb, figures, roleKind: "database" as const };
}
