import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { estimate } from "~/domain/engine";
import { quoteInputSchema } from "~/domain/quote-input";
import { i18nConfig } from "~/i18n";
import { resources } from "~/locales";
import { describeRunsOutFirst, explain } from "~/utils/explain";
import { zodErrorMap } from "~/utils/validation";
import { seedCatalog } from "../fixtures/catalog";

async function tFor(lng: "en" | "es") {
  const i18n = createInstance();
  await i18n.init({ ...i18nConfig, lng, resources });
  return i18n.t;
}

const inputs = [
  {
    requirements: { availability: "high", termMonths: 36, region: "eu", backupRetentionDays: 30 },
    workloads: [
      { kind: "web_app", visitsPerDay: 900_000 },
      { kind: "database", dataGb: 400 },
      { kind: "file_storage", dataGb: 9000, access: "archive" },
      { kind: "raw", vcpu: 4, ramGb: 8 },
    ],
  },
  {
    requirements: { availability: "standard", termMonths: 1, region: "us", backupRetentionDays: 0 },
    workloads: [
      { kind: "web_app", visitsPerDay: 100, dynamicPages: false },
      { kind: "file_storage", dataGb: 300, monthlyDownloadGb: 50_000 },
    ],
  },
  {
    requirements: { availability: "critical", termMonths: 12, region: "eu", specialRequirements: "x" },
    workloads: [{ kind: "database", dataGb: 5 }],
  },
  {
    requirements: {
      availability: "high",
      termMonths: 24,
      region: "eu",
      compliance: ["pci_dss"],
      networking: { bgp: true },
      migration: { fromExistingServer: true, maxDowntimeMinutes: 10 },
      monthlyBudgetMinor: 100,
    },
    workloads: [
      { kind: "gitlab", users: 3000 },
      { kind: "gitlab", users: 300 },
      { kind: "mattermost", concurrentUsers: 500 },
      { kind: "nextcloud", users: 40, officeSuite: true },
      { kind: "discourse", monthlyPageViews: 200000 },
      { kind: "wordpress", visitsPerDay: 3000, woocommerce: true, products: 400 },
    ],
  },
  {
    requirements: { availability: "standard", termMonths: 12, region: "eu" },
    workloads: [
      { kind: "minecraft", players: 30, server: "paper" },
      { kind: "elasticsearch", dataGb: 5, retentionDays: 14 },
      { kind: "kubernetes", workerNodes: 30 },
      { kind: "backup", protectedTb: 2, retentionDays: 30, model: "full_incremental" },
      { kind: "backup", protectedTb: 1, retentionDays: 14, model: "forever_incremental" },
      { kind: "mail", mailboxes: 100 },
      { kind: "vm_host", vms: [{ vcpu: 2, ramGb: 4, storageGb: 50 }] },
      { kind: "raw", vcpu: 4, ramGb: 16, gpu: 1 },
    ],
  },
] as const;

describe.each(["en", "es"] as const)("texts in %s", (lng) => {
  it("every rule the engine emits has a sentence with every placeholder filled", async () => {
    const t = await tFor(lng);
    const seen = new Set<string>();
    for (const input of inputs) {
      const r = estimate(quoteInputSchema.parse(input), seedCatalog());
      const traces = [
        ...r.proposals.flatMap((p) => [...p.explanation, p.failure, ...p.lines.flatMap((l) => l.why)]),
        ...r.workloads.flatMap((w) => w.figures.flatMap((f) => f.rules)),
      ];
      for (const reason of r.review.reasons) {
        const message = t(`quote.reviewReasons.${reason.code}`, reason.params);
        expect(message).not.toMatch(/{{|}}|quote\.reviewReasons/);
      }
      for (const p of r.proposals)
        if (p.runsOutFirst)
          expect(describeRunsOutFirst(p.runsOutFirst, t, lng, r.currency)).not.toMatch(/{{|}}|quote\./);
      for (const trace of traces) {
        const text = explain(trace, t, lng);
        seen.add(trace.ruleId);
        expect(text, trace.ruleId).not.toBe(trace.ruleId);
        expect(text, trace.ruleId).not.toMatch(/{{|}}|undefined/);
      }
    }
    expect(seen.size).toBeGreaterThan(45);
  });

  it("validation messages are translated", async () => {
    const t = await tFor(lng);
    const parsed = quoteInputSchema.safeParse(
      {
        requirements: { availability: "nope", termMonths: 12, region: "eu" },
        workloads: [{ kind: "web_app", visitsPerDay: 0.5 }],
      },
      { error: zodErrorMap(t) },
    );
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages["requirements.availability"]).toBe(t("validation.choice"));
    expect(messages["workloads.0.visitsPerDay"]).toBe(t("validation.integer"));
    expect(t("validation.choice")).toBe(lng === "es" ? "Elija una de las opciones." : "Choose one of the options.");
  });
});
