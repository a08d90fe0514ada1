import type { DemandFigure } from "../demand-part";
import type { RawWorkload } from "../quote-input";
import { storageKey, storageResources, zeroResources } from "../resources";
import type { RuleTrace } from "../trace";

/** A machine the customer specified directly: its figures are taken as stated. */
export function rawDemand(w: RawWorkload) {
  const cls = w.storageClass ?? "nvme";
  const storageGb = w.storageGb ?? 0;
  const trafficTb = w.trafficTbPerMonth ?? 0;
  const rule = (what: string, value: number): RuleTrace => ({
    ruleId: "raw.as_stated",
    inputs: { [what]: value },
    params: { what, value },
  });
  const figures: DemandFigure[] = [
    { resource: "vcpu", value: w.vcpu, rules: [rule("vcpu", w.vcpu)] },
    { resource: "ramGb", value: w.ramGb, rules: [rule("ramGb", w.ramGb)] },
    { resource: storageKey(cls), value: storageGb, rules: [rule("storageGb", storageGb)] },
    { resource: "trafficTb", value: trafficTb, rules: [rule("trafficTb", trafficTb)] },
  ];
  const gpu = w.gpu ?? 0;
  if (gpu > 0) figures.push({ resource: "gpu", value: gpu, rules: [rule("gpu", gpu)] });
  const resources = { ...zeroResources(), vcpu: w.vcpu, ramGb: w.ramGb, gpu, ...storageResources(cls, storageGb) };
  return { resources, trafficTb, protectedGb: storageGb, figures, roleKind: "custom" as const };
}
