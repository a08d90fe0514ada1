import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { estimate } from "~/domain/engine";
import { quoteInputSchema } from "~/domain/quote-input";
import { i18nConfig } from "~/i18n";
import { resources } from "~/locales";
import { explain } from "~/utils/explain";
import { zodErrorMap } from "~/utils/validation";
import { seedCatalog } from "../fixtures/catalog";

async function tFor(lng: "en" | "es") {
  const i18n = createInstance();
  await i18n.init({ ...i18nConfig, lng, resources });
  return i18n.t;
}

const inputs = [
  { requirements: { availability: "high", termMonths: 36, region: "eu", backupRetentionDays: 30 }, workloads: [{ kind: "web_app", visitsPerDay: 900_000 }, { kind: "database", dataGb: 400 }, { kind: "file_storage", dataGb: 9000, access: "archive" }, { kind: "raw", vcpu: 4, ramGb: 8 }] },
  { requirements: { availability: "standard", termMonths: 1, region: "us", backupRetentionDays: 0 }, workloads: [{ kind: "web_app", visitsPerDay: 100, dynamicPages: false }, { kind: "file_storage", dataGb: 300, monthlyDownloadGb: 50_000 }] },
  { requirements: { availability: "critical", termMonths: 12, region: "eu", specialRequirements: "x" }, workloads: [{ kind: "database", dataGb: 5 }] },
] as const;

describe.each(["en", "es"] as const)("texts in %s", (lng) => {
  it("every rule the engine emits has a sentence with every placeholder filled", async () => {
    const t = await tFor(lng);
    const seen = new Set<string>();
    for (const input of inputs) {
      const r = estimate(quoteInputSchema.parse(input), seedCatalog());
      const traces = [...r.proposals.flatMap((p) => [...p.explanation, ...p.lines.flatMap((l) => l.why)]), ...r.workloads.flatMap((w) => w.figures.flatMap((f) => f.rules))];
      for (const trace of traces) {
        const text = explain(trace, t, lng);
        seen.add(trace.ruleId);
        expect(text, trace.ruleId).not.toBe(trace.ruleId);
        expect(text, trace.ruleId).not.toMatch(/{{|}}|undefined/);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
  });

  it("validation messages are translated", async () => {
    const t = await tFor(lng);
    const parsed = quoteInputSchema.safeParse({ requirements: { availability: "nope", termMonths: 12, region: "eu" }, workloads: [{ kind: "web_app", visitsPerDay: 0.5 }] }, { error: zodErrorMap(t) });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages["requirements.availability"]).toBe(t("validation.choice"));
    expect(messages["workloads.0.visitsPerDay"]).toBe(t("validation.integer"));
    expect(t("validation.choice")).toBe(lng === "es" ? "Elija una de las opciones." : "Choose one of the options.");
  });
});
