import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { addons, serverModels } from "#db/schema";
import { effectiveBookQuery } from "~/models/catalog.server";
import { createDraft, getPriceBook, publishDraft, setDraftPrices } from "~/models/price-book.server";
import { action, loader } from "~/routes/api.v1.catalog";
import type { Actor } from "~/utils/permissions";
import { TEST_DATABASES, useTestDatabase } from "./databases";

interface CatalogBody {
  priceBookVersion: number;
  currency: string;
  effectiveFrom: string;
  servers: {
    sku: string;
    name: string;
    vcpu: number;
    ramGb: number;
    storageGb: number;
    regions: string[];
    setupMinor: number;
    monthlyMinor: number;
    includes: Record<string, unknown>;
  }[];
  addons: { sku: string; name: string; setupMinor: number; monthlyMinor: number }[];
  rateCard: { kind: string; minorPerHour: number; minimumMinutes: number }[];
}

async function get(query = "", headers: Record<string, string> = {}) {
  return loader({
    request: new Request(`http://localhost/api/v1/catalog${query}`, { headers }),
    params: {},
    context: {},
  });
}
const json = async (res: Response) => (await res.json()) as CatalogBody;

describe.each(TEST_DATABASES)("GET /api/v1/catalog on $name", (target) => {
  const database = useTestDatabase(target);
  const admin: Actor = { id: randomUUID(), role: "admin" };

  afterEach(() => {
    vi.useRealTimers();
  });

  it("answers the book in effect in the documented shape", async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
    const body = await json(res);
    const [book] = await effectiveBookQuery(database().db, "EUR", new Date());
    const items = new Map((await getPriceBook(database().db, book!.id))!.items.map((i) => [i.sku, i]));
    expect(body).toMatchObject({
      priceBookVersion: book!.version,
      currency: "EUR",
      effectiveFrom: book!.effectiveFrom!.toISOString(),
    });
    expect(Object.keys(body).sort()).toEqual(
      ["addons", "currency", "effectiveFrom", "priceBookVersion", "rateCard", "servers"].sort(),
    );
    expect(body.servers.length).toBeGreaterThan(5);
    for (const s of body.servers) {
      expect(s).toMatchObject({
        sku: expect.any(String),
        name: expect.any(String),
        vcpu: expect.any(Number),
        ramGb: expect.any(Number),
        storageGb: expect.any(Number),
        regions: expect.any(Array),
      });
      expect(s.setupMinor).toBe(items.get(s.sku)!.setupMinor);
      expect(s.monthlyMinor).toBe(items.get(s.sku)!.monthlyMinor);
      expect(s.includes).toMatchObject({
        backup: expect.any(String),
        osManagement: expect.any(String),
        support: { hours: expect.any(String), responseHours: expect.any(Number) },
        notIncluded: expect.any(Array),
      });
      expect(s.includes).toHaveProperty("includedTrafficTb");
      expect(s.includes).toHaveProperty("hardwareReplacementHours");
    }
    for (const a of body.addons) {
      expect(a).toMatchObject({ sku: expect.any(String), name: expect.any(String) });
      expect(a.monthlyMinor).toBe(items.get(a.sku)!.monthlyMinor);
      expect(a.setupMinor).toBe(items.get(a.sku)!.setupMinor);
    }
    expect(body.rateCard).toEqual(book!.rateCard);
    expect(body.rateCard.map((r) => r.kind)).toEqual(["business_hours", "off_hours", "emergency"]);
  });

  it("gives usable storage after RAID, and each model's included traffic", async () => {
    const body = await json(await get());
    const ex44 = body.servers.find((s) => s.sku === "ex44")!;
    expect(ex44.storageGb).toBe(512); // 2 × 512 GB NVMe in RAID 1
    const sx65 = body.servers.find((s) => s.sku === "sx65")!;
    expect(sx65.storageGb).toBe(2 * 22000 + 1024); // 4 × 22 TB in RAID 6, plus 2 × 1 TB NVMe in RAID 1
    const [row] = await database().db.select().from(serverModels).where(eq(serverModels.sku, "ex44"));
    expect(ex44.includes).toEqual({ ...row!.includes, includedTrafficTb: row!.includedTrafficTb });
  });

  it("names products in the Accept-Language language, falling back to English", async () => {
    const db = database().db;
    await db
      .update(serverModels)
      .set({ names: { es: "EX44 (servidor dedicado)" } })
      .where(eq(serverModels.sku, "ex44"));
    const [volume] = await db.select().from(addons).where(eq(addons.kind, "volume"));
    expect(volume!.names.es).toBeTruthy();

    const es = await get("", { "Accept-Language": "es-ES,es;q=0.9,en;q=0.5" });
    expect(es.headers.get("Content-Language")).toBe("es");
    const esBody = await json(es);
    expect(esBody.servers.find((s) => s.sku === "ex44")!.name).toBe("EX44 (servidor dedicado)");
    expect(esBody.addons.find((a) => a.sku === volume!.sku)!.name).toBe(volume!.names.es);
    // A model without a Spanish name keeps its English one.
    const [plain] = await db.select().from(serverModels).where(eq(serverModels.sku, "sx65"));
    expect(plain!.names.es).toBeUndefined();
    expect(esBody.servers.find((s) => s.sku === "sx65")!.name).toBe(plain!.name);

    const en = await json(await get("", { "Accept-Language": "en-GB" }));
    expect(en.servers.find((s) => s.sku === "ex44")!.name).toBe("EX44");
    expect(en.addons.find((a) => a.sku === volume!.sku)!.name).toBe(volume!.name);
    // Only the header counts: the site's language cookie does not change the API's answer.
    const cookie = await json(await get("", { Cookie: "lng=es" }));
    expect(cookie.servers.find((s) => s.sku === "ex44")!.name).toBe("EX44");
  });

  it("answers 304 to a matching If-None-Match until the catalog or the language changes", async () => {
    const first = await get("", { "Accept-Language": "en" });
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^"[^"]+"$/); // strong
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(first.headers.get("Vary")).toBe("Accept-Language");

    const again = await get("", { "Accept-Language": "en", "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("ETag")).toBe(etag);
    expect(again.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(again.headers.get("Vary")).toBe("Accept-Language");
    expect((await get("", { "If-None-Match": `"other", W/${etag}` })).status).toBe(304);
    expect((await get("", { "If-None-Match": "*" })).status).toBe(304);

    const spanish = await get("", { "Accept-Language": "es", "If-None-Match": etag });
    expect(spanish.status).toBe(200);
    expect(spanish.headers.get("ETag")).not.toBe(etag);

    // Any change to the catalog is a new version of the answer.
    await database().db.update(addons).set({ name: "Block volume 100 GB (SSD)" }).where(eq(addons.kind, "volume"));
    const changed = await get("", { "Accept-Language": "en", "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);
    expect((await json(changed)).addons.some((a) => a.name === "Block volume 100 GB (SSD)")).toBe(true);
  });

  it("selects a currency, refuses an unknown one or an unknown parameter, and says when none is in effect", async () => {
    const usd = await get("?currency=USD");
    expect(usd.status).toBe(200);
    const usdBody = await json(usd);
    expect(usdBody.currency).toBe("USD");
    const [usdBook] = await effectiveBookQuery(database().db, "USD", new Date());
    expect(usdBody.priceBookVersion).toBe(usdBook!.version);
    expect(usd.headers.get("ETag")).not.toBe((await get()).headers.get("ETag"));

    for (const [query, path, message] of [
      ["?currency=GBP", "currency", 'Unknown currency "GBP": use EUR or USD.'],
      ["?currency=", "currency", 'Unknown currency "": use EUR or USD.'],
      ["?currency=EUR&currency=USD", "currency", "Give currency once."],
      ["?curency=USD", "curency", 'Unknown parameter "curency": the only one is currency.'],
    ] as const) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      expect(await res.json()).toEqual({ errors: [{ path, message }] });
    }

    // Before the first book took effect there was no catalog to show.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2020-01-01T00:00:00Z"));
    const early = await get("?currency=EUR");
    expect(early.status).toBe(404);
    expect(await early.json()).toEqual({ errors: [{ path: "currency", message: "No EUR price book is in effect." }] });
  });

  it("leaves out a retired model", async () => {
    const db = database().db;
    expect((await json(await get())).servers.some((s) => s.sku === "ex44")).toBe(true);
    await db.update(serverModels).set({ status: "retired" }).where(eq(serverModels.sku, "ex44"));
    try {
      const body = await json(await get());
      expect(body.servers.some((s) => s.sku === "ex44")).toBe(false);
      expect(body.servers.length).toBeGreaterThan(0);
    } finally {
      await db.update(serverModels).set({ status: "active" }).where(eq(serverModels.sku, "ex44"));
    }
  });

  it("shows a future-dated book only from its moment", async () => {
    const db = database().db;
    const [current] = await effectiveBookQuery(db, "EUR", new Date());
    const draft = await createDraft(db, admin, current!.id, "test: future prices");
    await setDraftPrices(db, admin, draft.id, { set: [{ sku: "ex44", monthlyMinor: 5500, setupMinor: 9900 }] });
    const moment = new Date(Date.now() + 3_600_000);
    await publishDraft(db, admin, draft.id, moment);

    const before = await get();
    const beforeBody = await json(before);
    expect(beforeBody.priceBookVersion).toBe(current!.version);
    expect(beforeBody.servers.find((s) => s.sku === "ex44")!.monthlyMinor).toBe(4900);
    const etag = before.headers.get("ETag")!;

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(moment.getTime() - 1000));
    expect((await get("", { "If-None-Match": etag })).status).toBe(304);
    vi.setSystemTime(moment);
    const after = await get("", { "If-None-Match": etag });
    expect(after.status).toBe(200);
    const afterBody = await json(after);
    expect(afterBody.priceBookVersion).toBe(draft.version);
    expect(afterBody.effectiveFrom).toBe(moment.toISOString());
    expect(afterBody.servers.find((s) => s.sku === "ex44")!.monthlyMinor).toBe(5500);
  });

  it("answers other methods with 405", async () => {
    const res = action();
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("GET, HEAD");
    expect(await res.json()).toEqual({ errors: [{ path: "", message: "Use GET." }] });
  });
});
