import { describe, expect, it } from "vitest";
import { MIGRATION_METHODS, MILESTONE_KEYS } from "~/domain/migration-plan";
import { quoteInputSchema } from "~/domain/quote-input";
import { getQuoteById } from "~/models/quote-request.server";
import { action } from "~/routes/api.v1.estimates";
import { createQuote } from "../factories";
import { TEST_DATABASES, useTestDatabase } from "./databases";
import { sundayNightMove } from "../fixtures/migration";

/** Issue 16 items 1-3 through the public API: the migration fields, the plan, its priced lines, its refusals. */

const req = { availability: "standard", termMonths: 12, region: "eu" } as const;
const workloads = [
  { kind: "web_app", name: "Shop", visitsPerDay: 20_000 },
  { kind: "file_storage", dataGb: 3000, access: "active" },
];
/** A customer moving 3 TB from a 500 Mbit/s server, at most 2 hours down, on a Sunday night. */
const moving = { ...sundayNightMove, dnsTtlSeconds: 3600, oldContractEnds: "2026-12-31" };

function call(body: unknown, language = "en") {
  return action({
    request: new Request("http://localhost/api/v1/estimates", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept-Language": language },
      body: JSON.stringify(body),
    }),
    params: {},
    context: {},
  });
}

interface Line {
  kind: string;
  name: string;
  quantity: number;
  setupMinor: number;
  monthlyMinor: number;
  why: { ruleId: string; text: string }[];
}
interface Body {
  proposals: {
    lines: Line[];
    totals: { setupMinor: number; monthlyMinor: number; termTotalMinor: number; termMonths: number };
  }[];
  review: { required: boolean; reasons: { code: string; message: string }[] };
  migration: {
    method: string;
    transferHours: number;
    downtimeMinutes: number;
    window: { days: string[]; start: string; end: string; timeZone: string } | null;
    milestones: { key: string; offsetHours: number; text: string }[];
    explanation: { ruleId: string; text: string; source?: string }[];
  } | null;
}

describe.each(TEST_DATABASES)("migration in POST /api/v1/estimates on $name", (target) => {
  const database = useTestDatabase(target);

  it("answers a move with the plan in the documented shape and its lines in every proposal", async () => {
    const res = await call({ requirements: { ...req, migration: moving }, workloads });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Body;
    const m = body.migration!;
    expect(Object.keys(m).sort()).toEqual(
      ["downtimeMinutes", "explanation", "method", "milestones", "transferHours", "window"].sort(),
    );
    expect(m.method).toBe("two_phase_sync");
    expect(MIGRATION_METHODS).toContain(m.method);
    expect(m.transferHours).toBeCloseTo(19, 0);
    expect(Number.isInteger(m.downtimeMinutes)).toBe(true);
    expect(m.downtimeMinutes).toBeLessThanOrEqual(120);
    expect(m.window).toEqual({ days: ["sun"], start: "00:00", end: "06:00", timeZone: "Europe/Madrid" });
    expect(m.milestones.map((x) => x.key)).toEqual(expect.arrayContaining(["lower_ttl", "cutover", "go_no_go"]));
    for (const x of m.milestones) {
      expect(MILESTONE_KEYS).toContain(x.key);
      expect(typeof x.offsetHours).toBe("number");
      expect(x.text).not.toMatch(/{{|}}|^migration\./);
    }
    for (const e of m.explanation) {
      expect(e.ruleId).toMatch(/^migration\./);
      expect(e.text).not.toMatch(/{{|}}|^migration\./);
    }
    expect(m.explanation.find((e) => e.ruleId === "migration.window")!.text).toContain("Sunday 00:00–06:00");
    expect(body.review.required).toBe(false);

    expect(body.proposals.length).toBeGreaterThanOrEqual(2);
    for (const p of body.proposals) {
      const lines = p.lines.filter((l) => l.kind === "migration");
      expect(lines.map((l) => l.name)).toEqual(["preparation", "cutover", "archive", "overlap"]);
      for (const l of lines) {
        expect(l.monthlyMinor).toBe(0);
        expect(l.why.length).toBeGreaterThan(0);
        for (const w of l.why) expect(w.text).not.toMatch(/{{|}}|^migration\./);
      }
      expect(lines.find((l) => l.name === "preparation")!.setupMinor).toBeGreaterThan(0);
      expect(lines.find((l) => l.name === "cutover")!.setupMinor).toBeGreaterThan(0);
      expect(lines.find((l) => l.name === "overlap")!.setupMinor).toBe(0);
      // Setup and term totals include the move.
      expect(p.totals.setupMinor).toBe(p.lines.reduce((s, l) => s + l.setupMinor, 0));
      expect(p.totals.termTotalMinor).toBe(p.totals.setupMinor + p.totals.monthlyMinor * p.totals.termMonths);
    }
  });

  it("answers in Spanish with Accept-Language: es", async () => {
    const body = (await (await call({ requirements: { ...req, migration: moving }, workloads }, "es")).json()) as Body;
    const window = body.migration!.explanation.find((e) => e.ruleId === "migration.window")!;
    expect(window.text).toContain("domingo 00:00–06:00");
    expect(body.migration!.milestones.find((x) => x.key === "cutover")!.text).toMatch(/^Cambio desde las/);
    const cutover = body.proposals[0]!.lines.find((l) => l.name === "cutover")!;
    expect(cutover.why[0]!.text).toMatch(/de técnico en la ventana/);
  });

  it("accepts where the DNS is managed and says who lowers the TTL, in English and Spanish", async () => {
    const lowerTtl = async (dnsManagedBy: string | undefined, language = "en") => {
      const res = await call({ requirements: { ...req, migration: { ...moving, dnsManagedBy } }, workloads }, language);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Body;
      return body.migration!.milestones.find((x) => x.key === "lower_ttl")!;
    };
    const old = await lowerTtl("old_provider");
    expect(old.offsetHours).toBe(-48);
    expect(old.text).toMatch(/^48 h before: your old provider lowers the DNS TTL to 300 s/);
    expect(old.text).toContain("delete the zone when the contract ends");
    expect((await lowerTtl("old_provider", "es")).text).toMatch(/^48 h antes: su proveedor actual baja el TTL/);
    expect((await lowerTtl("registrar")).text).toMatch(/you lower .* registrar/);
    expect((await lowerTtl("dns_service", "es")).text).toMatch(/usted baja .* servicio de DNS/);
    expect((await lowerTtl("us")).text).toMatch(/^48 h before: we lower the DNS TTL/);
    const unknown = await lowerTtl("unknown");
    expect(unknown.text).toContain("(you or your DNS provider)");
    expect(unknown).toEqual(await lowerTtl(undefined));
  });

  it("keeps the first form valid, and plans it with stated defaults", async () => {
    const res = await call({
      requirements: { ...req, migration: { fromExistingServer: true, maxDowntimeMinutes: 60 } },
      workloads,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Body;
    expect(body.migration!.explanation.map((e) => e.ruleId)).toEqual(
      expect.arrayContaining(["migration.assumed_data", "migration.assumed_uplink", "migration.assumed_time_zone"]),
    );
    expect(body.migration!.window).toMatchObject({ days: ["tue", "sat"], start: "00:00", end: "06:00" });
  });

  it("has no plan and no migration lines for a customer who is not moving", async () => {
    for (const migration of [undefined, { fromExistingServer: false }]) {
      const body = (await (await call({ requirements: { ...req, migration }, workloads })).json()) as Body;
      expect(body.migration).toBeNull();
      for (const p of body.proposals) expect(p.lines.some((l) => l.kind === "migration")).toBe(false);
    }
  });

  it("sends a move that no method fits in the accepted downtime to review, saying so", async () => {
    const body = (await (
      await call({ requirements: { ...req, migration: { ...moving, maxDowntimeMinutes: 10 } }, workloads })
    ).json()) as Body;
    expect(body.review.required).toBe(true);
    const reason = body.review.reasons.find((r) => r.code === "short_migration_window")!;
    expect(reason.message).toContain("10 minutes");
    expect(body.migration!.explanation.map((e) => e.ruleId)).toContain("migration.no_fit");
  });

  it.each([
    ["an unknown time zone", { timeZone: "Mars/Olympus" }, "requirements.migration.timeZone"],
    [
      "a time like 25:00",
      { preferredWindows: [{ days: ["sun"], start: "25:00", end: "02:00" }] },
      "requirements.migration.preferredWindows.0.start",
    ],
    [
      "a window that ends when it starts",
      { preferredWindows: [{ days: ["sun"], start: "01:00", end: "01:00" }] },
      "requirements.migration.preferredWindows.0.end",
    ],
    ["a negative volume", { dataGb: -10 }, "requirements.migration.dataGb"],
    [
      "a negative database volume",
      { databases: [{ engine: "mysql", version: "8.0", dataGb: -1 }] },
      "requirements.migration.databases.0.dataGb",
    ],
    ["an impossible contract end", { oldContractEnds: "2026-02-30" }, "requirements.migration.oldContractEnds"],
    ["an unknown DNS manager", { dnsManagedBy: "cloudflare" }, "requirements.migration.dnsManagedBy"],
    ["a DNS manager that is not a string", { dnsManagedBy: 3 }, "requirements.migration.dnsManagedBy"],
    [
      "an unknown day",
      { preferredWindows: [{ days: ["someday"], start: "01:00", end: "02:00" }] },
      "requirements.migration.preferredWindows.0.days.0",
    ],
  ])("refuses %s with 400 naming the field", async (_name, change, path) => {
    const res = await call({ requirements: { ...req, migration: { ...moving, ...change } }, workloads });
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(errors.map((e) => e.path)).toContain(path);
    for (const e of errors) expect(e.message.length).toBeGreaterThan(5);
  });

  it("stores a moving customer's quote with its priced migration lines and what they asked for", async () => {
    const input = quoteInputSchema.parse({ requirements: { ...req, migration: moving }, workloads });
    const created = await createQuote(database().db, { requirements: input.requirements, workloads: input.workloads });
    const quote = (await getQuoteById(database().db, created.id))!;
    expect(quote.requirements.migration).toMatchObject({ dataGb: 3000, timeZone: "Europe/Madrid" });
    expect(quote.proposals.length).toBeGreaterThan(0);
    for (const p of quote.proposals) {
      const lines = p.lines.filter((l) => l.kind === "migration");
      expect(lines.map((l) => l.name)).toEqual(["preparation", "cutover", "archive", "overlap"]);
      expect(p.setupMinor).toBe(p.lines.reduce((s, l) => s + l.setupMinor, 0));
      expect(p.termTotalMinor).toBe(p.setupMinor + p.monthlyMinor * p.termMonths);
    }
  });
});
