import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { proposals, quoteRequests } from "#db/schema";
import { MAX_BODY_BYTES, action, loader } from "~/routes/api.v1.estimates";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const validBody = {
  currency: "EUR",
  requirements: { availability: "high", termMonths: 24, region: "eu", backupRetentionDays: 14 },
  workloads: [
    { kind: "web_app", name: "Shop", visitsPerDay: 40_000 },
    { kind: "database", dataGb: 120 },
    { kind: "file_storage", dataGb: 2000, access: "archive" },
    { kind: "raw", vcpu: 4, ramGb: 8, storageGb: 100 },
  ],
};

function call(body: string, headers: Record<string, string> = { "Content-Type": "application/json" }, method = "POST") {
  return action({
    request: new Request("http://localhost/api/v1/estimates", {
      method,
      headers,
      body: method === "GET" ? undefined : body,
    }),
    params: {},
    context: {},
  });
}

describe.each(TEST_DATABASES)("POST /api/v1/estimates on $name", (target) => {
  const database = useTestDatabase(target);

  const stored = async () => {
    const [[q], [p]] = await Promise.all([
      database().db.select({ n: count() }).from(quoteRequests),
      database().db.select({ n: count() }).from(proposals),
    ]);
    return [q!.n, p!.n];
  };

  it("answers with demand, proposals and review in the documented shape, storing nothing", async () => {
    const before = await stored();
    const res = await call(JSON.stringify(validBody));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.demand).toMatchObject({
      vcpu: expect.any(Number),
      ramGb: expect.any(Number),
      storageGb: expect.any(Number),
    });
    expect(body.proposals.length).toBeGreaterThanOrEqual(2);
    for (const p of body.proposals) {
      expect(["lean", "balanced", "resilient"]).toContain(p.tier);
      for (const s of p.servers) {
        expect(s).toMatchObject({
          sku: expect.any(String),
          name: expect.any(String),
          quantity: expect.any(Number),
          vcpu: expect.any(Number),
          ramGb: expect.any(Number),
          storageGb: expect.any(Number),
        });
        expect(Number.isInteger(s.quantity)).toBe(true);
      }
      expect(p.totals.currency).toBe("EUR");
      for (const k of ["setupMinor", "monthlyMinor", "termTotalMinor"])
        expect(Number.isSafeInteger(p.totals[k])).toBe(true);
      expect(p.totals.termTotalMinor).toBe(p.totals.setupMinor + p.totals.monthlyMinor * 24);
      expect(p.explanation.length).toBeGreaterThan(0);
      for (const e of p.explanation) {
        expect(e.ruleId).toEqual(expect.any(String));
        expect(e.text).not.toMatch(/{{|}}/); // every placeholder was filled
      }
    }
    expect(body.review).toEqual({ required: false, reasons: [] });
    expect(await stored()).toEqual(before);
  });

  it("prices in the currency asked for, or the one the region suggests, from that currency's own book", async () => {
    const priced = async (body: object) => {
      const res = await call(JSON.stringify(body));
      expect(res.status).toBe(200);
      return (await res.json()) as {
        currency: string;
        priceBookVersion: number;
        proposals: { totals: { monthlyMinor: number } }[];
      };
    };
    const eur = await priced(validBody);
    const usd = await priced({ ...validBody, currency: "USD" });
    const { currency: _eur, ...noCurrency } = validBody;
    const us = await priced({ ...noCurrency, requirements: { ...validBody.requirements, region: "us" } });
    const usInEuros = await priced({
      ...validBody,
      currency: "EUR",
      requirements: { ...validBody.requirements, region: "us" },
    });
    expect([eur.currency, usd.currency, us.currency, usInEuros.currency]).toEqual(["EUR", "USD", "USD", "EUR"]);
    // Two books, two versions: the USD figures are the USD book's, not euros relabelled.
    expect(usd.priceBookVersion).not.toBe(eur.priceBookVersion);
    expect(usd.proposals[0]!.totals.monthlyMinor).not.toBe(eur.proposals[0]!.totals.monthlyMinor);
  });

  it("flags review with a code and a message", async () => {
    const res = await call(
      JSON.stringify({ ...validBody, requirements: { ...validBody.requirements, availability: "critical" } }),
    );
    const body = await res.json();
    expect(body.review.required).toBe(true);
    expect(body.review.reasons).toEqual([{ code: "critical_availability", message: expect.stringContaining("99.99") }]);
  });

  it.each([
    ["malformed JSON", '{"requirements":', ""],
    ["a JSON array", "[]", ""],
    [
      "a string where a number belongs",
      JSON.stringify({ ...validBody, workloads: [{ kind: "web_app", visitsPerDay: "lots" }] }),
      "workloads.0.visitsPerDay",
    ],
    [
      "a negative number",
      JSON.stringify({ ...validBody, workloads: [{ kind: "database", dataGb: -1 }] }),
      "workloads.0.dataGb",
    ],
    [
      "an absurdly large number",
      JSON.stringify({ ...validBody, workloads: [{ kind: "web_app", visitsPerDay: 1e15 }] }),
      "workloads.0.visitsPerDay",
    ],
    [
      "Infinity (1e999)",
      `{"requirements":{"availability":"standard","termMonths":1,"region":"eu"},"workloads":[{"kind":"raw","vcpu":2,"ramGb":1e999}]}`,
      "workloads.0.ramGb",
    ],
    [
      "NaN as a string",
      JSON.stringify({ ...validBody, workloads: [{ kind: "raw", vcpu: 2, ramGb: "NaN" }] }),
      "workloads.0.ramGb",
    ],
    [
      "a fractional vCPU count",
      JSON.stringify({ ...validBody, workloads: [{ kind: "raw", vcpu: 2.5, ramGb: 4 }] }),
      "workloads.0.vcpu",
    ],
    ["an unknown kind", JSON.stringify({ ...validBody, workloads: [{ kind: "mainframe" }] }), "workloads.0.kind"],
    [
      "an unknown availability",
      JSON.stringify({ ...validBody, requirements: { ...validBody.requirements, availability: "always" } }),
      "requirements.availability",
    ],
    [
      "a term that is not offered",
      JSON.stringify({ ...validBody, requirements: { ...validBody.requirements, termMonths: 6 } }),
      "requirements.termMonths",
    ],
    ["a currency without a price book", JSON.stringify({ ...validBody, currency: "GBP" }), "currency"],
    ["no workloads", JSON.stringify({ ...validBody, workloads: [] }), "workloads"],
  ])("rejects %s with 400 and field-level errors", async (_name, body, path) => {
    const before = await stored();
    const res = await call(body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(Array.isArray(json.errors)).toBe(true);
    expect(json.errors.length).toBeGreaterThan(0);
    expect(json.errors.map((e: { path: string }) => e.path)).toContain(path);
    for (const e of json.errors) expect(typeof e.message).toBe("string");
    expect(await stored()).toEqual(before);
  });

  const req = { availability: "standard", termMonths: 12, region: "eu" };
  it.each([
    ["gitlab", { kind: "gitlab", users: 2000 }],
    ["mattermost", { kind: "mattermost", concurrentUsers: 500 }],
    ["nextcloud", { kind: "nextcloud", users: 50, officeSuite: true }],
    ["discourse", { kind: "discourse", monthlyPageViews: 300000 }],
    ["wordpress", { kind: "wordpress", visitsPerDay: 4000, woocommerce: true, products: 300 }],
    ["minecraft", { kind: "minecraft", players: 40, server: "paper" }],
    ["elasticsearch", { kind: "elasticsearch", dataGb: 200, replicas: 1 }],
    ["kubernetes", { kind: "kubernetes", workerNodes: 30 }],
    ["backup", { kind: "backup", protectedTb: 5, retentionDays: 30, model: "forever_incremental" }],
    ["mail", { kind: "mail", mailboxes: 200 }],
    [
      "vm_host",
      {
        kind: "vm_host",
        vms: [
          { vcpu: 4, ramGb: 8, storageGb: 100 },
          { vcpu: 2, ramGb: 4, storageGb: 50 },
        ],
      },
    ],
    ["raw with a GPU", { kind: "raw", vcpu: 8, ramGb: 32, gpu: 1 }],
  ])("sizes a %s workload with explained, sourced figures", async (_kind, workload) => {
    const res = await call(JSON.stringify({ requirements: req, workloads: [workload] }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.proposals.length).toBeGreaterThan(0);
    expect(body.demand.roles.length).toBeGreaterThan(0);
    for (const r of body.demand.roles) expect(r.replicas).toBeGreaterThanOrEqual(1);
    const rules = body.workloads.flatMap(
      (w: { figures: { rules: { ruleId: string; text: string; source?: string; formula?: string }[] }[] }) =>
        w.figures.flatMap((f) => f.rules),
    );
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) {
      expect(r.text).not.toMatch(/{{|}}/);
      expect(typeof r.result).toBe("number");
    }
    expect(rules.some((r: { formula?: string }) => typeof r.formula === "string")).toBe(true);
    for (const p of body.proposals) {
      expect(p.failure.text.length).toBeGreaterThan(10);
      if (p.runsOutFirst) expect(p.runsOutFirst.text).toMatch(/runs out first/);
    }
    if (workload.kind !== "raw" && workload.kind !== "vm_host")
      expect(rules.some((r: { source?: string }) => r.source?.startsWith("https://"))).toBe(true);
  });

  it.each([
    ["gpu", { workloads: [{ kind: "raw", vcpu: 4, ramGb: 16, gpu: 1 }] }],
    ["critical_availability", { requirements: { ...req, availability: "critical" } }],
    ["compliance", { requirements: { ...req, compliance: ["hipaa"] } }],
    ["custom_networking", { requirements: { ...req, networking: { bgp: true } } }],
    ["large_data", { workloads: [{ kind: "file_storage", dataGb: 150000, access: "archive" }] }],
    [
      "short_migration_window",
      { requirements: { ...req, migration: { fromExistingServer: true, maxDowntimeMinutes: 5 } } },
    ],
    ["budget_below_cheapest", { requirements: { ...req, monthlyBudgetMinor: 100 } }],
    ["low_confidence_large_order", { workloads: [{ kind: "gitlab", users: 8000 }] }],
    ["special_requirements", { requirements: { ...req, specialRequirements: "Call us first" } }],
    ["no_catalog_fit", { workloads: [{ kind: "raw", vcpu: 1024, ramGb: 8000 }] }],
  ])("flags %s for review with its code and a message", async (code, override) => {
    const res = await call(
      JSON.stringify({ requirements: req, workloads: [{ kind: "web_app", visitsPerDay: 1000 }], ...override }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.review.required).toBe(true);
    const reason = body.review.reasons.find((r: { code: string }) => r.code === code);
    expect(reason).toBeDefined();
    expect(reason.message.length).toBeGreaterThan(10);
  });

  it.each([
    ["an unknown Minecraft server", { kind: "minecraft", players: 5, server: "bedrock" }, "workloads.0.server"],
    ["a VM host without VMs", { kind: "vm_host", vms: [] }, "workloads.0.vms"],
    [
      "a backup without retention",
      { kind: "backup", protectedTb: 1, model: "full_incremental" },
      "workloads.0.retentionDays",
    ],
    ["negative GPUs", { kind: "raw", vcpu: 2, ramGb: 2, gpu: -1 }, "workloads.0.gpu"],
  ])("rejects %s with 400", async (_name, workload, path) => {
    const res = await call(JSON.stringify({ requirements: req, workloads: [workload] }));
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("rejects an unknown compliance flag and a malformed country", async () => {
    const res = await call(
      JSON.stringify({
        requirements: { ...req, compliance: ["sox"], dataResidencyCountry: "Germany" },
        workloads: [{ kind: "web_app", visitsPerDay: 10 }],
      }),
    );
    expect(res.status).toBe(400);
    const paths = (await res.json()).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["requirements.compliance.0", "requirements.dataResidencyCountry"]));
  });

  describe("unknown fields", () => {
    const errorsOf = async (body: unknown, lang?: string) => {
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (lang) headers["Accept-Language"] = lang;
      const res = await call(JSON.stringify(body), headers);
      expect(res.status).toBe(400);
      return (await res.json()) as { errors: { path: string; message: string }[] };
    };
    const web = { kind: "web_app", visitsPerDay: 1000 };

    it.each([
      [
        "top level",
        { ...validBody, currancy: "EUR" },
        "currancy",
        'Unknown field "currancy". Did you mean "currency"?',
      ],
      [
        "a requirement",
        { requirements: { ...req, growthPercent: 10 }, workloads: [web] },
        "requirements.growthPercent",
        'Unknown field "growthPercent". Did you mean "growthPercentPerYear"?',
      ],
      [
        "a workload's field (one its kind has under another name)",
        { requirements: req, workloads: [web, { kind: "database", dataGb: 10, queriesPerSecond: 500 }] },
        "workloads.1.queriesPerSecond",
        'Unknown field "queriesPerSecond". Did you mean "peakQueriesPerSecond"?',
      ],
      [
        "a misspelt required field",
        { requirements: req, workloads: [{ kind: "web_app", visitsPerdDay: 1000 }] },
        "workloads.0.visitsPerdDay",
        'Unknown field "visitsPerdDay". Did you mean "visitsPerDay"?',
      ],
      [
        "networking",
        { requirements: { ...req, networking: { bgp: true, uplinkGbps: 10 } }, workloads: [web] },
        "requirements.networking.uplinkGbps",
        'Unknown field "uplinkGbps". Did you mean "uplinkGbit"?',
      ],
      [
        "migration",
        { requirements: { ...req, migration: { fromExistingServer: true, downtime: 30 } }, workloads: [web] },
        "requirements.migration.downtime",
        'Unknown field "downtime". Did you mean "maxDowntimeMinutes"?',
      ],
      [
        "a VM of a VM host",
        { requirements: req, workloads: [{ kind: "vm_host", vms: [{ cpu: 2, vcpu: 2, ramGb: 4, storageGb: 50 }] }] },
        "workloads.0.vms.0.cpu",
        'Unknown field "cpu". Did you mean "vcpu"?',
      ],
    ])("refuses an unknown key in %s with a suggestion", async (_where, body, path, message) => {
      const { errors } = await errorsOf(body);
      expect(errors).toContainEqual({ path, message });
    });

    it("gives no suggestion when nothing is close, and one error per unknown key", async () => {
      const { errors } = await errorsOf({
        ...validBody,
        requirements: { ...req, colour: "blue" },
        workloads: [{ ...web, favouriteFood: "pizza", zz: 1 }],
      });
      expect(errors).toEqual([
        { path: "requirements.colour", message: 'Unknown field "colour".' },
        { path: "workloads.0.favouriteFood", message: 'Unknown field "favouriteFood".' },
        { path: "workloads.0.zz", message: 'Unknown field "zz".' },
      ]);
    });

    it("checks a workload against the fields of its own kind", async () => {
      // dataGb and dynamicPages are fields, but of other kinds.
      const { errors } = await errorsOf({
        requirements: req,
        workloads: [
          { ...web, dataGb: 10 },
          { kind: "wordpress", visitsPerDay: 1000, dynamicPages: true },
        ],
      });
      expect(errors.map((e) => e.path)).toEqual(["workloads.0.dataGb", "workloads.1.dynamicPages"]);
      expect(errors[0]!.message).toBe('Unknown field "dataGb".');
    });

    it("reports unknown keys next to the other field errors", async () => {
      const { errors } = await errorsOf({ requirements: req, workloads: [{ kind: "web_app", visitsPerdDay: 1000 }] });
      expect(errors).toEqual([
        { path: "workloads.0.visitsPerDay", message: "This field is required." },
        { path: "workloads.0.visitsPerdDay", message: 'Unknown field "visitsPerdDay". Did you mean "visitsPerDay"?' },
      ]);
    });

    it("words them in Spanish with Accept-Language: es", async () => {
      const { errors } = await errorsOf(
        {
          requirements: { ...req, colour: "azul" },
          workloads: [{ kind: "database", dataGb: 10, queriesPerSecond: 500 }],
        },
        "es",
      );
      expect(errors).toEqual([
        { path: "requirements.colour", message: "Campo desconocido «colour»." },
        {
          path: "workloads.0.queriesPerSecond",
          message: "Campo desconocido «queriesPerSecond». ¿Quiso decir «peakQueriesPerSecond»?",
        },
      ]);
    });

    it("the wizard's contact is not a field of the API", async () => {
      const { errors } = await errorsOf({ ...validBody, contact: { name: "Ada", email: "ada@example.com" } });
      expect(errors).toEqual([{ path: "contact", message: 'Unknown field "contact".' }]);
    });
  });

  it("rejects a body over 256 KB with 413", async () => {
    const padding = "x".repeat(MAX_BODY_BYTES);
    const res = await call(
      JSON.stringify({ ...validBody, requirements: { ...validBody.requirements, specialRequirements: padding } }),
    );
    expect(res.status).toBe(413);
  });

  it("rejects a body over 256 KB without Content-Length (streamed) with 413", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const request = new Request("http://localhost/api/v1/estimates", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const res = await action({ request, params: {}, context: {} });
    expect(res.status).toBe(413);
  });

  it("rejects a non-JSON content type with 415", async () => {
    expect((await call(JSON.stringify(validBody), { "Content-Type": "text/plain" })).status).toBe(415);
    expect((await call("a=1", { "Content-Type": "application/x-www-form-urlencoded" })).status).toBe(415);
    expect((await call(JSON.stringify(validBody), { "Content-Type": "application/json; charset=utf-8" })).status).toBe(
      200,
    );
  });

  it("allows only POST", async () => {
    const res = loader();
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("POST");
  });
});
