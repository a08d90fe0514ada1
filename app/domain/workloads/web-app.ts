import type { DemandFigure } from "../demand-part";
import type { WebAppWorkload } from "../quote-input";
import { round2, zeroResources } from "../resources";
import { RULES, SOURCES } from "../rules";
import type { GrowthFactors, SizingProfile } from "../sizing";
import { type RuleTrace, cpuTrace, growthTrace } from "../trace";

/** A web application: page views at peak drive CPU, concurrency drives RAM, page weight traffic. */
export function webAppDemand(w: WebAppWorkload, growth: GrowthFactors, profile: SizingProfile) {
  const R = RULES.web;
  const pages = w.pagesPerVisit ?? R.defaultPagesPerVisit;
  const weightKb = w.pageWeightKb ?? R.defaultPageWeightKb;
  const dynamic = w.dynamicPages ?? true;
  const offload = (w.cacheOffloadPercent ?? 0) / 100;
  const pageViews = w.visitsPerDay * pages;
  const peakRps = (pageViews / 86_400) * R.peakFactor;
  const cpuMs = dynamic ? R.cpuMsDynamic : R.cpuMsStatic;
  const vcpu = Math.max(R.minVcpu, ((peakRps * cpuMs) / 1000 / profile.cpuTargetUtilisation) * growth.compute);
  const concurrency = peakRps * R.responseSeconds;
  const baseRam = dynamic ? R.baseRamGbDynamic : R.baseRamGbStatic;
  const ramGb = (baseRam + concurrency * R.workerRamGb) * growth.compute;
  const trafficTb = ((pageViews * weightKb * 30 * (1 - offload)) / 1e9) * growth.compute;
  const mbps = ((peakRps * weightKb * 8) / 1000) * (1 - offload) * growth.compute;
  const storageGb = (w.storageGb ?? R.defaultStorageGb) * growth.storage;

  const trafficRule: RuleTrace = {
    ruleId: "web.page_views",
    inputs: { visitsPerDay: w.visitsPerDay, pagesPerVisit: pages },
    params: {
      visits: w.visitsPerDay,
      pages,
      pageViews: Math.round(pageViews),
      assumedPages: w.pagesPerVisit === undefined ? "yes" : "no",
    },
  };
  const peakRule: RuleTrace = {
    ruleId: "web.peak_rps",
    inputs: { pageViews, peakFactor: R.peakFactor },
    params: { rps: round2(peakRps), factor: R.peakFactor },
  };
  const figures: DemandFigure[] = [
    {
      resource: "vcpu",
      value: vcpu,
      rules: [
        trafficRule,
        peakRule,
        {
          ruleId: dynamic ? "web.cpu_dynamic" : "web.cpu_static",
          inputs: { peakRps, cpuMs },
          params: { cpuMs, vcpu: round2(vcpu) },
        },
        cpuTrace(profile),
        growthTrace("compute", growth),
      ],
    },
    {
      resource: "ramGb",
      value: ramGb,
      rules: [
        peakRule,
        {
          ruleId: "web.ram",
          inputs: { concurrency, workerRamGb: R.workerRamGb, baseRamGb: baseRam },
          params: {
            concurrency: Math.ceil(concurrency),
            workerMb: R.workerRamGb * 1000,
            baseGb: baseRam,
            ramGb: round2(ramGb),
          },
        },
        growthTrace("compute", growth),
      ],
    },
    {
      resource: "ssdGb",
      value: storageGb,
      rules: [
        {
          ruleId: "web.storage",
          inputs: { storageGb: w.storageGb ?? R.defaultStorageGb },
          params: {
            gb: w.storageGb ?? R.defaultStorageGb,
            assumed: w.storageGb === undefined ? "yes" : "no",
            totalGb: round2(storageGb),
          },
        },
        growthTrace("storage", growth),
      ],
    },
    {
      resource: "trafficTb",
      value: trafficTb,
      rules: [
        trafficRule,
        {
          ruleId: "web.traffic",
          inputs: { pageWeightKb: weightKb, offload },
          params: { weightKb, offloadPercent: Math.round(offload * 100), tb: round2(trafficTb) },
          source: SOURCES.pageWeight,
        },
      ],
    },
    {
      resource: "mbps",
      value: mbps,
      rules: [
        peakRule,
        { ruleId: "web.bandwidth", inputs: { peakRps, pageWeightKb: weightKb }, params: { mbps: round2(mbps) } },
      ],
    },
  ];
  const resources = { ...zeroResources(), vcpu, ramGb, ssdGb: storageGb, mbps };
  return { resources, trafficTb, protectedGb: storageGb, figures, roleKind: "app" as const };
}
