import type { DemandFigure } from "../demand-part";
import type { FileStorageWorkload, StorageClass } from "../quote-input";
import { round2, storageKey, storageResources, zeroResources } from "../resources";
import { RULES } from "../rules";
import type { GrowthFactors } from "../sizing";
import { growthTrace } from "../trace";

/** File storage: active files on SSD, archives on HDD, downloads as traffic. */
export function fileStorageDemand(w: FileStorageWorkload, growth: GrowthFactors) {
  const R = RULES.files;
  const access = w.access ?? "active";
  const cls: StorageClass = access === "archive" ? "hdd" : "ssd";
  const dataGb = w.dataGb * growth.storage;
  const trafficTb = ((w.monthlyDownloadGb ?? 0) / 1000) * growth.compute;
  const figures: DemandFigure[] = [
    {
      resource: storageKey(cls),
      value: dataGb,
      rules: [
        {
          ruleId: access === "archive" ? "files.storage_archive" : "files.storage_active",
          inputs: { dataGb: w.dataGb },
          params: { dataGb: w.dataGb, totalGb: round2(dataGb) },
        },
        growthTrace("storage", growth),
      ],
    },
    {
      resource: "vcpu",
      value: R.vcpu,
      rules: [{ ruleId: "files.compute", inputs: {}, params: { vcpu: R.vcpu, ramGb: R.ramGb } }],
    },
    {
      resource: "ramGb",
      value: R.ramGb,
      rules: [{ ruleId: "files.compute", inputs: {}, params: { vcpu: R.vcpu, ramGb: R.ramGb } }],
    },
    {
      resource: "trafficTb",
      value: trafficTb,
      rules: [
        {
          ruleId: "files.traffic",
          inputs: { monthlyDownloadGb: w.monthlyDownloadGb ?? 0 },
          params: { gb: w.monthlyDownloadGb ?? 0, tb: round2(trafficTb) },
        },
      ],
    },
  ];
  const resources = { ...zeroResources(), vcpu: R.vcpu, ramGb: R.ramGb, ...storageResources(cls, dataGb) };
  return { resources, trafficTb, protectedGb: dataGb, figures, roleKind: "storage" as const };
}
