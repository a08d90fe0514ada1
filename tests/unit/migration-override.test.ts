import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { applyMigrationOverride, migrationOverrideSchema } from "~/domain/migration-override";
import { type MigrationPlan, MILESTONE_KEYS, planMigration, windowOccurrence } from "~/domain/migration-plan";
import { migrationLines } from "~/domain/pricing";
import type { MigrationInput } from "~/domain/quote-input";
import { i18nConfig } from "~/i18n";
import { resources } from "~/locales";
import { presentYourMove, proposedCutover } from "~/presenters/your-move";
import { seedCatalog } from "../fixtures/catalog";
import { sundayNightMove } from "../fixtures/migration";

const catalog = seedCatalog();
const moving = sundayNightMove;

function plan(migration: Partial<MigrationInput> = {}): MigrationPlan {
  return planMigration({
    migration: { ...moving, ...migration },
    workloads: [{ kind: "file_storage", dataGb: 3000, access: "active" }],
    region: "eu",
    dataGbToday: 3000,
  })!;
}

async function tFor(lng: "en" | "es") {
  const i18n = createInstance();
  await i18n.init({ ...i18nConfig, lng, resources });
  return i18n.t;
}

const override = migrationOverrideSchema.parse({
  method: "dump_restore",
  downtimeMinutes: 150,
  preparationHours: 20,
  window: { days: ["sat"], start: "22:00", end: "05:00" },
  reason: "Saturday night agreed with the customer.",
});

describe("a technician's override of the move", () => {
  it("moves the milestones that hang on the window and the downtime, in the planner's order", () => {
    const p = applyMigrationOverride(plan(), override);
    expect(p).toMatchObject({ method: "dump_restore", downtimeMinutes: 150, goNoGoTime: "04:30", fits: true });
    expect(p.window).toMatchObject({ days: ["sat"], start: "22:00", end: "05:00", timeZone: "Europe/Madrid" });
    const at = (key: string) => p.milestones.find((m) => m.key === key)!;
    expect(at("acceptance").offsetHours).toBe(2.5);
    expect(at("go_no_go").offsetHours).toBe(6.5);
    expect(at("cutover").trace.params).toMatchObject({ start: "22:00", minutes: 150 });
    const keys = p.milestones.map((m) => m.key);
    expect(keys.indexOf("go_no_go")).toBeLessThan(keys.indexOf("raise_ttl"));
    for (let i = 1; i < p.milestones.length; i++) {
      const [a, b] = [p.milestones[i - 1]!, p.milestones[i]!];
      expect(a.offsetHours < b.offsetHours || MILESTONE_KEYS.indexOf(a.key) < MILESTONE_KEYS.indexOf(b.key)).toBe(true);
    }
  });

  it("reprices the technician hours from the rate card, and remembers the planner's figures across overrides", () => {
    const original = plan();
    const once = applyMigrationOverride(original, override);
    const twice = applyMigrationOverride(once, { reason: "Less preparation after all.", preparationHours: 10 });
    expect(twice.override!.before).toEqual({
      method: original.method,
      downtimeMinutes: original.downtimeMinutes,
      preparationHours: original.labour.preparationHours,
      cutoverHours: Math.round((original.labour.cutoverMinutes / 60) * 100) / 100,
    });
    expect(twice.method).toBe("dump_restore");
    const business = catalog.priceBook.rateCard.find((r) => r.kind === "business_hours")!;
    const prep = (p: MigrationPlan) => migrationLines(p, catalog).find((l) => l.name === "preparation")!.setupMinor;
    expect(prep(once)).toBe(20 * business.minorPerHour);
    expect(prep(twice)).toBe(10 * business.minorPerHour);
    expect(prep(twice)).toBeLessThan(prep(once));
  });

  it("refuses malformed figures field by field", () => {
    const r = migrationOverrideSchema.safeParse({
      method: "teleport",
      preparationHours: -1,
      window: { days: ["sun"], start: "25:00", end: "02:00" },
      reason: "",
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["method", "preparationHours", "window.start", "reason"]),
    );
  });
});

describe("the quote page's proposed dates", () => {
  const now = new Date("2026-12-04T20:00:00Z");

  it("start at a window at least three weeks away, with no step before it in the past", () => {
    const p = plan();
    const t = proposedCutover(p, now)!;
    expect(t.weekday).toBe(7);
    expect(t.toFormat("HH:mm")).toBe("00:00");
    expect(t.toMillis()).toBeGreaterThanOrEqual(now.getTime() + 21 * 86_400_000);
    const earliest = Math.min(...p.milestones.map((m) => m.offsetHours));
    expect(t.toMillis() + earliest * 3_600_000).toBeGreaterThanOrEqual(now.getTime());
  });

  it("keep the window's wall-clock start across a DST change (America/New_York, March)", () => {
    const p = plan({ timeZone: "America/New_York" });
    const t = proposedCutover(p, new Date("2027-02-05T12:00:00Z"))!;
    expect(t.toISODate()! >= "2027-03-07").toBe(true);
    expect(t.toFormat("HH:mm")).toBe("00:00");
    expect(t.toMillis()).toBe(windowOccurrence(p.window!, "America/New_York", t.toISODate()!).start.toMillis());
  });

  it("is undated without a window", () => {
    expect(
      proposedCutover(
        plan({ maxDowntimeMinutes: 10, preferredWindows: [{ days: ["sun"], start: "00:00", end: "00:30" }] }),
        now,
      ),
    ).toBeNull();
  });
});

describe("the section's words", () => {
  const lines = migrationLines(plan(), catalog);

  it.each([
    ["en", "Two-phase copy", "Lower the DNS TTL", "€"],
    ["es", "Copia en dos fases", "Baje el TTL", "€"],
  ] as const)("are sentences in %s, never keys", async (lng, method, ttl, symbol) => {
    const t = await tFor(lng);
    const view = presentYourMove(plan(), lines, "EUR", t, lng, new Date("2026-12-04T20:00:00Z"));
    expect(view.method).toMatch(new RegExp(`^${method}`));
    expect(view.you[0]).toMatch(new RegExp(`^${ttl}`));
    expect(view.proposed).toBe(true);
    expect(view.lines).toHaveLength(lines.length);
    expect(view.total).toContain(symbol);
    const strings = JSON.stringify(view);
    expect(strings).not.toMatch(/{{|}}|yourMove\.|"migration\.|rules\./);
    for (const m of view.milestones) expect(m.date).toMatch(/2026|2027/);
  });

  it.each([
    ["en", "us", "Lower the DNS TTL", "Us"],
    ["es", "us", "Bajamos el TTL", "Nosotros"],
    ["en", "registrar", null, "You"],
  ] as const)(
    "in %s, says who changes the DNS records when DNS is managed by %s",
    async (lng, dnsManagedBy, ours, who) => {
      const t = await tFor(lng);
      const view = presentYourMove(plan({ dnsManagedBy }), lines, "EUR", t, lng, new Date("2026-12-04T20:00:00Z"));
      const lowerTtl = view.milestones.find((m) => m.key === "lower_ttl")!;
      expect(lowerTtl.whoLabel).toBe(who);
      expect(view.milestones.find((m) => m.key === "raise_ttl")!.whoLabel).toBe(who);
      if (ours) {
        expect(view.us.some((s) => s.startsWith(ours))).toBe(true);
        expect(view.you.some((s) => /TTL/.test(s))).toBe(false);
      } else {
        expect(view.you[0]).toMatch(/^Lower the DNS TTL/);
        expect(view.us.some((s) => /TTL/.test(s))).toBe(false);
      }
    },
  );

  it("shows the override and its reason, and drops the planner's per-part estimate it replaced", async () => {
    const t = await tFor("es");
    const view = presentYourMove(applyMigrationOverride(plan(), override), lines, "EUR", t, "es");
    expect(view.override!.reason).toBe("Motivo: Saturday night agreed with the customer.");
    expect(view.override!.changed).toMatch(/método/);
    expect(view.parts).toEqual([]);
    expect(view.whyLabel).toMatch(/antes del cambio del técnico/);
    expect(view.window).toMatch(/^sábado, 22:00–05:00/);
  });
});
