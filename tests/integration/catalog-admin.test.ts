import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { addons, auditLog, proposalLines, proposals, serverModels } from "#db/schema";
import type { Addon, ServerModel } from "~/domain/catalog";
import { loadCatalog } from "~/models/catalog.server";
import { changeServerModelStatus, getServerModel, openQuotesCarrying } from "~/models/catalog-admin.server";
import { action as addonAction, loader as addonLoader } from "~/routes/staff.catalog.addons.$sku/route";
import { loader as listLoader } from "~/routes/staff.catalog._index/route";
import { action as serverAction, loader as serverLoader } from "~/routes/staff.catalog.servers.$sku/route";
import { acceptQuote } from "~/services/payments.server";
import { TERMS_VERSION } from "~/utils/terms";
import { createQuote, createStaff, unique } from "../factories";
import { callAction, callLoader, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

type Fields = [string, string][];

/** A form POST with repeated fields (checkbox groups), as a browser sends it. */
function post(url: string, cookie: string | undefined, fields: Fields) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields),
  });
}

/** What the server page's form posts for `model` (the SKU only when creating). */
function serverFields(model: Omit<ServerModel, "sku"> & { sku?: string }, intent: "create" | "save"): Fields {
  const fields: Fields = [
    ["intent", intent],
    ...(model.sku !== undefined ? ([["sku", model.sku]] as Fields) : []),
    ["name", model.name],
    ["names.es", model.names.es ?? ""],
    ["line", model.line],
    ["sourceUrl", model.sourceUrl ?? ""],
    ["cpu", model.cpu],
    ["vcpu", String(model.vcpu)],
    ["ramGb", String(model.ramGb)],
    ["maxRamGb", String(model.maxRamGb)],
    ["networkGbit", String(model.networkGbit)],
    ["gpuCount", String(model.gpuCount)],
    ["gpuModel", model.gpuModel ?? ""],
    ["traffic", model.includedTrafficTb === null ? "unmetered" : "metered"],
    ["includedTrafficTb", model.includedTrafficTb === null ? "" : String(model.includedTrafficTb)],
    ...model.regions.map((r): [string, string] => ["regions", r]),
    ["diskBays", String(model.diskBays)],
    ["includes.backup", model.includes.backup],
    ["includes.osManagement", model.includes.osManagement],
    ["includes.support.hours", model.includes.support.hours],
    ["includes.support.responseHours", String(model.includes.support.responseHours)],
    ["includes.hardware", model.includes.hardwareReplacementHours === null ? "none" : "hours"],
    ["includes.hardwareReplacementHours", String(model.includes.hardwareReplacementHours ?? "")],
    ...model.includes.notIncluded.map((e): [string, string] => ["includes.notIncluded", e]),
    ...model.raidOptions.map((r): [string, string] => ["raidOptions", r]),
  ];
  // The form's rows: the sets, then empty ones.
  for (let i = 0; i < Math.max(model.disks.length + 2, 3); i++) {
    const set = model.disks[i];
    fields.push(
      [`disks.${i}.count`, set ? String(set.count) : ""],
      [`disks.${i}.sizeGb`, set ? String(set.sizeGb) : ""],
      [`disks.${i}.class`, set?.class ?? "nvme"],
      [`disks.${i}.raid`, set?.raid ?? "none"],
    );
  }
  return fields;
}

function addonFields(addon: Omit<Addon, "sku"> & { sku?: string }, intent: "create" | "save"): Fields {
  return [
    ["intent", intent],
    ...(addon.sku !== undefined ? ([["sku", addon.sku]] as Fields) : []),
    ["name", addon.name],
    ["names.es", addon.names.es ?? ""],
    ["kind", addon.kind],
    ["sizeGb", addon.sizeGb === null ? "" : String(addon.sizeGb)],
    ["storageClass", addon.storageClass ?? ""],
    ...addon.lines.map((l): [string, string] => ["lines", l]),
  ];
}

const NEW_MODEL: Omit<ServerModel, "sku"> = {
  name: "AX63",
  names: { es: "AX63 (servidor dedicado)" },
  line: "dedicated",
  cpu: "AMD Ryzen 9 9950X (16 cores)",
  vcpu: 32,
  ramGb: 128,
  maxRamGb: 256,
  disks: [{ count: 2, sizeGb: 1920, class: "nvme", raid: "raid1" }],
  diskBays: 4,
  networkGbit: 1,
  includedTrafficTb: null,
  gpuCount: 0,
  gpuModel: null,
  regions: ["eu"],
  sourceUrl: "https://www.hetzner.com/dedicated-rootserver/",
  raidOptions: ["raid1", "raid0", "none"],
  includes: {
    backup: "none",
    osManagement: "patched",
    support: { hours: "business", responseHours: 4 },
    hardwareReplacementHours: 4,
    notIncluded: ["control_panel_licence", "os_licence", "emergency_work"],
  },
};

const auditOf = (db: Database, entityType: string, sku: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, sku)))
    .orderBy(asc(auditLog.id));

const count = async (db: Database, table: typeof serverModels | typeof addons | typeof auditLog) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

/** A fresh lowercase SKU for this run. */
const freshSku = (prefix: string) => `${prefix}-${unique()}`.toLowerCase().replace(/[^a-z0-9-]/g, "-");

describe.each(TEST_DATABASES)("catalog administration on $name", (target) => {
  const database = useTestDatabase(target);

  it("an admin creates a model as a draft, edits it and moves it through its statuses; each change is audited with before and after", async () => {
    const db = database().db;
    const admin = await createStaff(db, "admin");
    const sku = freshSku("ax63");

    const created = await callAction(
      serverAction,
      post("/staff/catalog/servers/new", admin.cookie, serverFields({ ...NEW_MODEL, sku }, "create")),
      { sku: "new" },
    );
    expect(created.status).toBe(302);
    expect(created.location).toBe(`/staff/catalog/servers/${sku}?created=1`);
    const row = (await getServerModel(db, sku))!;
    // The delivered RAID level leads the options (it is the default); the others follow in the form's order.
    expect(row).toMatchObject({ ...NEW_MODEL, sku, status: "draft", raidOptions: ["raid1", "none", "raid0"] });
    const [createdAudit] = await auditOf(db, "server_model", sku);
    expect(createdAudit).toMatchObject({
      action: "server_model_created",
      actor: `staff:${admin.user.id}`,
      fromStatus: null,
      toStatus: "draft",
      data: { before: null, after: { sku, name: "AX63", status: "draft" } },
    });

    // The page reads it back, with the form for an admin.
    const page = await callLoader(serverLoader, req(`/staff/catalog/servers/${sku}?created=1`, admin.cookie), { sku });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ canWrite: true, created: true, isNew: false, model: { sku, status: "draft" } });

    // An edit: more RAM, another exclusion; the SKU is not part of the form.
    const edited = {
      ...NEW_MODEL,
      ramGb: 192,
      includes: { ...NEW_MODEL.includes, notIncluded: ["restore_labour", "os_licence"] },
    } as typeof NEW_MODEL;
    const saved = await callAction(
      serverAction,
      post(`/staff/catalog/servers/${sku}`, admin.cookie, serverFields(edited, "save")),
      {
        sku,
      },
    );
    expect(saved.status).toBe(200);
    expect(saved.data.notice).toBe("Saved.");
    const after = (await getServerModel(db, sku))!;
    expect(after.ramGb).toBe(192);
    // Exclusions are stored in the checklist's order.
    expect(after.includes.notIncluded).toEqual(["os_licence", "restore_labour"]);
    const updates = (await auditOf(db, "server_model", sku)).filter((a) => a.action === "server_model_updated");
    expect(updates).toHaveLength(1);
    expect(updates[0]!.data).toMatchObject({ before: { ramGb: 128 }, after: { ramGb: 192 } });

    // The same form again changes nothing and leaves no audit row.
    const again = await callAction(
      serverAction,
      post(`/staff/catalog/servers/${sku}`, admin.cookie, serverFields(edited, "save")),
      {
        sku,
      },
    );
    expect(again.data.notice).toBe("Nothing changed.");
    expect((await auditOf(db, "server_model", sku)).filter((a) => a.action === "server_model_updated")).toHaveLength(1);

    // draft → active → retired → active; a draft cannot be retired, nothing goes back to draft.
    const status = (to: string) =>
      callAction(
        serverAction,
        post(`/staff/catalog/servers/${sku}`, admin.cookie, [
          ["intent", "status"],
          ["status", to],
        ]),
        {
          sku,
        },
      );
    expect((await status("retired")).status).toBe(409);
    expect((await status("active")).status).toBe(200);
    expect((await status("active")).data.notice).toBe("Already active.");
    const refusedDraft = await status("draft");
    expect(refusedDraft.status).toBe(409);
    expect(refusedDraft.data.errors[0]).toMatchObject({
      path: "status",
      message: expect.stringMatching(/cannot become draft/),
    });
    expect((await status("retired")).status).toBe(200);
    expect((await status("active")).status).toBe(200);
    const changes = (await auditOf(db, "server_model", sku)).filter((a) => a.action === "server_model_status_changed");
    expect(changes.map((a) => [a.fromStatus, a.toStatus])).toEqual([
      ["draft", "active"],
      ["active", "retired"],
      ["retired", "active"],
    ]);
    expect(changes[1]!.data).toMatchObject({ before: { status: "active" }, after: { status: "retired" } });
    expect((await status("sold-out")).status).toBe(400);
  });

  it("an admin creates and edits an add-on; its audit rows carry before and after", async () => {
    const db = database().db;
    const admin = await createStaff(db, "admin");
    const sku = freshSku("ram-64gb");
    const addon: Omit<Addon, "sku"> = {
      name: "RAM +64 GB",
      names: { es: "RAM +64 GB" },
      kind: "ram",
      sizeGb: 64,
      storageClass: null,
      lines: ["dedicated", "high_memory"],
    };
    const created = await callAction(
      addonAction,
      post("/staff/catalog/addons/new", admin.cookie, addonFields({ ...addon, sku }, "create")),
      {
        sku: "new",
      },
    );
    expect(created.location).toBe(`/staff/catalog/addons/${sku}?created=1`);
    const saved = await callAction(
      addonAction,
      post(`/staff/catalog/addons/${sku}`, admin.cookie, addonFields({ ...addon, name: "RAM upgrade +64 GB" }, "save")),
      { sku },
    );
    expect(saved.data.notice).toBe("Saved.");
    const rows = await auditOf(db, "addon", sku);
    expect(rows.map((r) => r.action)).toEqual(["addon_created", "addon_updated"]);
    expect(rows[1]!.data).toMatchObject({ before: { name: "RAM +64 GB" }, after: { name: "RAM upgrade +64 GB" } });
    const page = await callLoader(addonLoader, req(`/staff/catalog/addons/${sku}`, admin.cookie), { sku });
    expect(page.data.addon).toMatchObject({ sku, name: "RAM upgrade +64 GB", status: "draft" });
  });

  it("refusals are 400s with each field's path and message, and write nothing", async () => {
    const db = database().db;
    const admin = await createStaff(db, "admin");
    const before = {
      servers: await count(db, serverModels),
      addons: await count(db, addons),
      audit: await count(db, auditLog),
    };

    const bad = await callAction(
      serverAction,
      post(
        "/staff/catalog/servers/new",
        admin.cookie,
        serverFields(
          {
            ...NEW_MODEL,
            sku: "Bad SKU",
            name: "AX\u000063",
            ramGb: 512,
            diskBays: 1,
            regions: [],
            gpuCount: 1,
            includes: { ...NEW_MODEL.includes, support: { hours: "business", responseHours: 0 } },
          },
          "create",
        ),
      ),
      { sku: "new" },
    );
    expect(bad.status).toBe(400);
    const byPath = Object.fromEntries(bad.data.errors.map((e) => [e.path, e.message]));
    expect(byPath).toMatchObject({
      sku: expect.stringMatching(/lowercase letters/),
      name: "This text contains invisible control characters. Remove them and try again.",
      regions: "Choose at least one region the model is sold in.",
      "includes.support.responseHours": "The support response time must be at least 1 hour.",
    });
    // What was typed comes back for the form.
    expect(bad.data.values).toMatchObject({ sku: "Bad SKU", regions: [] });

    // Once the fields are right, the rules between them: RAM within its maximum, disks in free bays, the GPU named.
    const rules = await callAction(
      serverAction,
      post(
        "/staff/catalog/servers/new",
        admin.cookie,
        serverFields({ ...NEW_MODEL, sku: freshSku("rules"), ramGb: 512, diskBays: 1, gpuCount: 1 }, "create"),
      ),
      { sku: "new" },
    );
    expect(rules.status).toBe(400);
    expect(Object.fromEntries(rules.data.errors.map((e) => [e.path, e.message]))).toEqual({
      ramGb: "RAM cannot exceed the maximum RAM (256 GB).",
      disks: "The disks need free bays: they take 2 bays and the model has 1. Add bays or remove disks.",
      gpuModel: "Name the GPU model, for example NVIDIA RTX 4000 SFF Ada 20 GB.",
    });

    // A disk set's error names the row it was typed in, even after an empty row.
    const typed: Record<string, string> = {
      "disks.0.count": "",
      "disks.0.sizeGb": "",
      "disks.2.count": "3",
      "disks.2.sizeGb": "512",
      "disks.2.class": "ssd",
      "disks.2.raid": "raid6",
    };
    const fields = serverFields({ ...NEW_MODEL, sku: freshSku("rows") }, "create").map(([k, v]): [string, string] => [
      k,
      typed[k] ?? v,
    ]);
    const rows = await callAction(serverAction, post("/staff/catalog/servers/new", admin.cookie, fields), {
      sku: "new",
    });
    expect(rows.status).toBe(400);
    expect(rows.data.errors).toContainEqual({
      path: "disks.2.raid",
      message: "RAID 6 needs at least 4 disks in the set.",
    });

    // Editing: bad values, and a SKU that is not the page's own.
    const edit = await callAction(
      serverAction,
      post("/staff/catalog/servers/ex44", admin.cookie, serverFields({ ...NEW_MODEL, vcpu: "many" as never }, "save")),
      { sku: "ex44" },
    );
    expect(edit.status).toBe(400);
    expect(edit.data.errors).toEqual([{ path: "vcpu", message: "Enter the number of CPU threads as a whole number." }]);
    const renamed = await callAction(
      serverAction,
      post("/staff/catalog/servers/ex44", admin.cookie, [["sku", "ex45"], ...serverFields(NEW_MODEL, "save")]),
      { sku: "ex44" },
    );
    expect(renamed.status).toBe(400);
    expect(renamed.data.errors[0]).toMatchObject({ path: "sku", message: expect.stringMatching(/never changes/) });

    // An add-on whose kind has no size, storage or lines.
    const addon = await callAction(
      addonAction,
      post(
        "/staff/catalog/addons/new",
        admin.cookie,
        addonFields(
          {
            sku: freshSku("ip"),
            name: "IPv4",
            names: {},
            kind: "ipv4",
            sizeGb: 4,
            storageClass: "ssd",
            lines: ["cloud"],
          },
          "create",
        ),
      ),
      { sku: "new" },
    );
    expect(addon.status).toBe(400);
    expect(addon.data.errors.map((e) => e.path).sort()).toEqual(["lines", "sizeGb", "storageClass"]);

    expect({
      servers: await count(db, serverModels),
      addons: await count(db, addons),
      audit: await count(db, auditLog),
    }).toEqual(before);
    expect((await getServerModel(db, "ex44"))!.name).toBe("EX44");
  });

  it("a SKU is unique across servers and add-ons", async () => {
    const db = database().db;
    const admin = await createStaff(db, "admin");
    const before = await count(db, auditLog);
    for (const [sku, kind] of [
      ["ex44", "server model"],
      ["ipv4", "add-on"],
    ] as const) {
      const answer = await callAction(
        serverAction,
        post("/staff/catalog/servers/new", admin.cookie, serverFields({ ...NEW_MODEL, sku }, "create")),
        { sku: "new" },
      );
      expect(answer.status).toBe(409);
      expect(answer.data.errors).toEqual([
        {
          path: "sku",
          message: `The SKU ${sku} is already taken by a ${kind}; SKUs are unique across servers and add-ons. Choose another.`,
        },
      ]);
    }
    const asAddon = await callAction(
      addonAction,
      post(
        "/staff/catalog/addons/new",
        admin.cookie,
        addonFields(
          { sku: "cx23", name: "X", names: {}, kind: "ipv4", sizeGb: null, storageClass: null, lines: [] },
          "create",
        ),
      ),
      { sku: "new" },
    );
    expect(asAddon.status).toBe(409);
    // Two admins creating one SKU at once: one model, one refusal.
    const sku = freshSku("twin");
    const [a, b] = await Promise.all(
      [admin, await createStaff(db, "admin")].map((who) =>
        callAction(
          serverAction,
          post("/staff/catalog/servers/new", who.cookie, serverFields({ ...NEW_MODEL, sku }, "create")),
          {
            sku: "new",
          },
        ),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([302, 409]);
    expect(await count(db, auditLog)).toBe(before + 1);
  });

  it("role matrix: admins write; sales and technicians read and get 403 on writes; anonymous goes to the login", async () => {
    const db = database().db;
    const staff = {
      admin: await createStaff(db, "admin"),
      sales: await createStaff(db, "sales"),
      technician: await createStaff(db, "technician"),
    };
    const before = await count(db, auditLog);
    for (const [role, who] of Object.entries(staff)) {
      const admin = role === "admin";
      const list = await callLoader(listLoader, req("/staff/catalog", who.cookie));
      expect(list.status).toBe(200);
      expect(list.data.canWrite).toBe(admin);
      expect(list.data.servers.length).toBeGreaterThan(10);
      const server = await callLoader(serverLoader, req("/staff/catalog/servers/ex44", who.cookie), { sku: "ex44" });
      expect(server.status).toBe(200);
      expect(server.data.canWrite).toBe(admin);
      const addon = await callLoader(addonLoader, req("/staff/catalog/addons/ipv4", who.cookie), { sku: "ipv4" });
      expect(addon.status).toBe(200);
      const creating = await callLoader(serverLoader, req("/staff/catalog/servers/new", who.cookie), { sku: "new" });
      expect(creating.status).toBe(admin ? 200 : 403);
      if (admin) continue;
      const writes = [
        callAction(
          serverAction,
          post("/staff/catalog/servers/ex44", who.cookie, [
            ["intent", "status"],
            ["status", "retired"],
          ]),
          {
            sku: "ex44",
          },
        ),
        callAction(
          serverAction,
          post("/staff/catalog/servers/ex44", who.cookie, serverFields({ ...NEW_MODEL, name: "Mine" }, "save")),
          {
            sku: "ex44",
          },
        ),
        callAction(
          serverAction,
          post("/staff/catalog/servers/new", who.cookie, serverFields({ ...NEW_MODEL, sku: freshSku("x") }, "create")),
          {
            sku: "new",
          },
        ),
        callAction(
          addonAction,
          post("/staff/catalog/addons/ipv4", who.cookie, [
            ["intent", "status"],
            ["status", "retired"],
          ]),
          {
            sku: "ipv4",
          },
        ),
      ];
      for (const write of await Promise.all(writes)) expect(write.status, role).toBe(403);
    }
    // Signed out: every page sends to the login page, and so does a write.
    const signedOut = [
      await callLoader(listLoader, req("/staff/catalog")),
      await callLoader(serverLoader, req("/staff/catalog/servers/ex44"), { sku: "ex44" }),
      await callLoader(addonLoader, req("/staff/catalog/addons/ipv4"), { sku: "ipv4" }),
    ];
    for (const answer of signedOut) {
      expect(answer.status).toBe(302);
      expect(answer.location).toMatch(/^\/staff\/login\?redirectTo=/);
    }
    const anonymous = await callAction(
      serverAction,
      post("/staff/catalog/servers/ex44", undefined, [
        ["intent", "status"],
        ["status", "retired"],
      ]),
      {
        sku: "ex44",
      },
    );
    expect(anonymous.location).toMatch(/^\/staff\/login/);
    // Unknown and malformed SKUs: 404.
    for (const sku of ["no-such-model", "EX44", "a b", "../x"])
      expect(
        (await callLoader(serverLoader, req(`/staff/catalog/servers/x`, staff.sales.cookie), { sku })).status,
      ).toBe(404);
    expect((await getServerModel(db, "ex44"))!).toMatchObject({ status: "active", name: "EX44" });
    expect(await count(db, auditLog)).toBe(before);
  });

  it("the list searches SKU, name and CPU and filters by line, status and region, with prices from the books in effect", async () => {
    const db = database().db;
    const sales = await createStaff(db, "sales");
    const list = async (query: string) =>
      (await callLoader(listLoader, req(`/staff/catalog?${query}`, sales.cookie))).data;
    const skus = (rows: { sku: string }[]) => rows.map((r) => r.sku);

    const all = await list("");
    expect(all.books.map((b) => b.currency).sort()).toEqual(["EUR", "USD"]);
    const ex44 = all.servers.find((s) => s.sku === "ex44")!;
    const eur = ex44.prices.find((p) => p.currency === "EUR")!;
    expect(eur.price).toEqual({ monthlyMinor: 4900, setupMinor: 9900 });

    expect(skus((await list("q=EPYC")).servers).sort()).toEqual(["ax162-r", "sx295"]);
    expect(skus((await list("q=ccx1")).servers)).toEqual(["ccx13"]);
    // LIKE's wildcards are searched for literally.
    expect((await list("q=%25")).servers).toEqual([]);
    expect((await list("q=_")).servers).toEqual([]);
    const gpu = await list("line=gpu");
    expect(skus(gpu.servers).sort()).toEqual(["gex131", "gex44"]);
    // Add-ons that fit a line, and those that go with any server.
    expect(skus(gpu.addons)).not.toContain("ram-32gb");
    expect(skus(gpu.addons)).toContain("ipv4");
    const us = await list("region=us");
    expect(us.servers.every((s) => s.regions.includes("us"))).toBe(true);
    expect(skus(us.servers)).toContain("cpx31");
    expect(skus(us.servers)).not.toContain("cx23");
    // Values the form does not offer are ignored, control characters dropped: an answer, never an error.
    const odd = await callLoader(
      listLoader,
      req("/staff/catalog?line=rack&status=lost&region=moon&q=%00ex44", sales.cookie),
    );
    expect(odd.status).toBe(200);
    expect(odd.data.filters).toEqual({ q: "ex44", line: "", status: "", region: "" });
    expect(skus(odd.data.servers).sort()).toEqual(["ex44", "gex44"]);

    const retiredBefore = await list("status=retired");
    expect(retiredBefore.servers).toEqual([]);
  });

  it("retiring a model: the engine stops selling it, stored quotes keep their lines, the page names the open quotes and a replacement", async () => {
    const db = database().db;
    const admin = await createStaff(db, "admin");
    const technician = await createStaff(db, "technician");
    const open = await createQuote(db);
    const accepted = await createQuote(db);
    await acceptQuote(db, {
      quoteRequestId: accepted.id,
      version: 1,
      tier: "lean",
      name: "Ana",
      company: "",
      email: "ana@example.com",
      poNumber: "",
      termsVersion: TERMS_VERSION,
      ip: null,
      userAgent: null,
      shareLinkId: null,
    });
    const linesOf = (quoteId: string) =>
      db
        .select({
          id: proposalLines.id,
          sku: proposalLines.sku,
          kind: proposalLines.kind,
          monthlyMinor: proposalLines.monthlyMinor,
        })
        .from(proposalLines)
        .innerJoin(proposals, eq(proposals.id, proposalLines.proposalId))
        .where(eq(proposals.quoteRequestId, quoteId))
        .orderBy(asc(proposalLines.id));
    const before = await linesOf(open.id);
    const sku = before.find((l) => l.kind === "server")!.sku!;
    expect((await loadCatalog(db)).servers.map((s) => s.sku)).toContain(sku);

    const retire = await callAction(
      serverAction,
      post(`/staff/catalog/servers/${sku}`, admin.cookie, [
        ["intent", "status"],
        ["status", "retired"],
      ]),
      { sku },
    );
    expect(retire.status).toBe(200);
    try {
      // The engine no longer sells it, in either currency.
      expect((await loadCatalog(db)).servers.map((s) => s.sku)).not.toContain(sku);
      expect((await loadCatalog(db, new Date(), "USD")).servers.map((s) => s.sku)).not.toContain(sku);
      // The stored versions keep every line as it was.
      expect(await linesOf(open.id)).toEqual(before);
      expect((await linesOf(accepted.id)).length).toBeGreaterThan(0);

      // The open quote carries it; the accepted one is not counted.
      const carrying = await openQuotesCarrying(db, sku);
      expect(carrying.map((q) => q.quoteRequestId)).toContain(open.id);
      expect(carrying.map((q) => q.quoteRequestId)).not.toContain(accepted.id);

      // A technician reads the retired model's page: the quotes and the model to swap to.
      const page = await callLoader(serverLoader, req(`/staff/catalog/servers/${sku}`, technician.cookie), { sku });
      expect(page.status).toBe(200);
      expect(page.data.canWrite).toBe(false);
      expect(page.data.retired!.quotes.map((q) => q.quoteRequestId)).toContain(open.id);
      const replacement = page.data.retired!.replacement!;
      expect(replacement.sku).not.toBe(sku);
      expect((await getServerModel(db, replacement.sku))!.status).toBe("active");
      expect(replacement).toMatchObject({ atLeastAsBig: true, coversRegions: true });
      // Retired models appear in the list under their status.
      const list = await callLoader(listLoader, req("/staff/catalog?status=retired", technician.cookie));
      expect(list.data.servers.map((s) => s.sku)).toEqual([sku]);
    } finally {
      await changeServerModelStatus(db, admin.user, sku, "active");
    }
    expect((await loadCatalog(db)).servers.map((s) => s.sku)).toContain(sku);
  });
});
