import { execFileSync } from "node:child_process";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { deliveredServers, outboxMessages, proposalLines, provisioningItems, quoteMessages } from "#db/schema";
import { action as handoverAction, loader as handoverLoader } from "~/routes/account.services.$id/route";
import { deliveryItem } from "~/models/delivery.server";
import { salesOverview } from "~/models/sales.server";
import { action, loader } from "~/routes/staff.provisioning.$id/route";
import { action as listAction } from "~/routes/staff.provisioning._index/route";
import { formatDate } from "~/utils/format";
import { acceptFirstProposal, createQuote, createStaff, customerCookie, handedOverService, unique } from "../factories";
import { req, settle } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Issue 18 items 2-3: the checklist from the accepted version, deliveries and acceptance tests. */

const SCRIPT = path.resolve("public/tools/specdesk-check.sh");

async function paidItem(db: Database) {
  const email = `del-${unique()}@example.com`;
  const quote = await createQuote(db, {
    contact: { name: "Del Ivery", email },
    requirements: { availability: "high", termMonths: 12, region: "eu" },
    workloads: [
      { kind: "web_app", visitsPerDay: 20_000 },
      { kind: "database", dataGb: 200 },
    ],
  });
  const { proposal, acceptance } = await acceptFirstProposal(db, quote.id, { name: "Del", email, paid: true });
  const [item] = await db
    .insert(provisioningItems)
    .values({ quoteRequestId: quote.id, acceptanceId: acceptance.id })
    .returning();
  return { item: item!, proposal, email };
}

/** The customer's service page (the hand-over page), in English or Spanish. */
const servicePage = (quoteId: string, cookie: string, lng: "en" | "es" = "en") =>
  settle(() =>
    handoverLoader({
      request: req(`/account/services/${quoteId}?lng=${lng}`, cookie),
      params: { id: quoteId },
      context: {},
    }),
  );

const form = (id: string, cookie: string, values: Record<string, string>) =>
  settle(() => action({ request: req(`/staff/provisioning/${id}`, cookie, values), params: { id }, context: {} }));

function upload(id: string, cookie: string, serverKey: string, body: string | Uint8Array) {
  const data = new FormData();
  data.set("intent", "check");
  data.set("serverKey", serverKey);
  data.set("factsFile", new File([typeof body === "string" ? body : new Uint8Array(body)], "facts.json"));
  return settle(() =>
    action({
      request: new Request(`http://localhost/staff/provisioning/${id}`, {
        method: "POST",
        headers: { Cookie: cookie },
        body: data,
      }),
      params: { id },
      context: {},
    }),
  );
}

describe.each(TEST_DATABASES)("delivery and acceptance tests on $name", (target) => {
  const database = useTestDatabase(target);

  it("lists every server and every line of the accepted version; deliveries, tests and the hand-over gate", async () => {
    const { db } = database();
    const { item, proposal, email } = await paidItem(db);
    const tech = await createStaff(db, "technician");
    const other = await createStaff(db, "technician");
    const admin = await createStaff(db, "admin");
    // An admin gives the item to a technician (a technician cannot).
    expect((await form(item.id, other.cookie, { intent: "assign", assigneeId: tech.user.id })).status).toBe(403);
    expect(
      (await form(item.id, admin.cookie, { intent: "assign", assigneeId: "00000000-0000-4000-8000-000000000000" }))
        .status,
    ).toBe(400);
    expect((await form(item.id, admin.cookie, { intent: "assign", assigneeId: tech.user.id })).status).toBe(200);

    const page = await settle(() =>
      loader({ request: req(`/staff/provisioning/${item.id}`, tech.cookie), params: { id: item.id }, context: {} }),
    );
    expect(page.status).toBe(200);
    const lines = await db.select().from(proposalLines).where(eq(proposalLines.proposalId, proposal.id));
    const servers = proposal.servers as { quantity: number }[];
    expect(page.data.item.servers).toHaveLength(servers.reduce((n, s) => n + s.quantity, 0));
    const services = lines.filter((l) => !["server", "discount", "ram", "storage"].includes(l.kind));
    expect(page.data.item.services).toEqual(services.map((l) => `${l.quantity} × ${l.name} (${l.kind})`));
    expect(page.data.canWrite).toBe(true);

    const key = page.data.item.servers[0]!.key;
    const facts = JSON.parse(execFileSync("sh", [SCRIPT], { encoding: "utf8" })) as { hostname: string };

    // Not the assignee: refused, nothing written.
    expect(
      (
        await form(item.id, other.cookie, {
          intent: "deliver",
          serverKey: key,
          hostname: "h",
          ipAddresses: "192.0.2.1",
          dataCentre: "FSN1",
          serial: "S1",
        })
      ).status,
    ).toBe(403);
    // Bad input: field errors.
    const bad = await form(item.id, tech.cookie, {
      intent: "deliver",
      serverKey: key,
      hostname: "bad host!",
      ipAddresses: "999.1.1.1",
      dataCentre: "",
      serial: "",
    });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.map((e) => e.path).sort()).toEqual(["dataCentre", "hostname", "ipAddresses.0", "serial"]);
    expect(await db.select().from(deliveredServers).where(eq(deliveredServers.provisioningItemId, item.id))).toEqual(
      [],
    );
    // Testing before delivery is refused.
    expect((await upload(item.id, tech.cookie, key, JSON.stringify(facts))).status).toBe(409);

    const ok = await form(item.id, tech.cookie, {
      intent: "deliver",
      serverKey: key,
      hostname: facts.hostname,
      ipAddresses: "192.0.2.10, 2001:db8::10",
      dataCentre: "FSN1-DC14",
      serial: "SN-123",
    });
    expect(ok.status).toBe(200);

    // Bad uploads change nothing.
    expect((await upload(item.id, tech.cookie, key, "not json")).status).toBe(400);
    expect((await upload(item.id, tech.cookie, key, JSON.stringify({ hostname: facts.hostname }))).status).toBe(400);
    expect(
      (await upload(item.id, tech.cookie, key, JSON.stringify({ ...facts, hostname: "other-server" }))).status,
    ).toBe(400);
    expect((await upload(item.id, tech.cookie, key, new Uint8Array(200 * 1024).fill(32))).status).toBe(413);
    const [untested] = await db.select().from(deliveredServers).where(eq(deliveredServers.provisioningItemId, item.id));
    expect(untested!.results).toBeNull();

    // This machine's real output is far smaller than a dedicated server: the test fails item by item.
    const tested = await upload(item.id, tech.cookie, key, JSON.stringify(facts));
    expect(tested.status).toBe(200);
    const after = (await deliveryItem(db, item.id))!;
    const record = after.delivered.get(key)!;
    expect(record.passed).toBe(false);
    expect(record.results!.map((r) => r.key)).toEqual(expect.arrayContaining(["threads", "ram", "storage", "uplink"]));
    expect(record.results!.find((r) => r.key === "ram")!.pass).toBe(false);

    // Hand-over is refused while a server is untested or failing; a technician cannot override.
    expect((await form(item.id, tech.cookie, { intent: "handOver" })).status).toBe(409);
    expect(
      (await form(item.id, tech.cookie, { intent: "override", serverKey: key, reason: "Customer agreed in writing." }))
        .status,
    ).toBe(403);

    // A passing test for every server (crafted to the spec), and an admin override for the failed one.
    for (const s of page.data.item.servers.slice(1)) {
      await form(item.id, tech.cookie, {
        intent: "deliver",
        serverKey: s.key,
        hostname: `${s.key}.example`,
        ipAddresses: "192.0.2.11",
        dataCentre: "FSN1",
        serial: s.key,
      });
      const spec = after.checklist.servers.find((x) => x.key === s.key)!.expected;
      const good = {
        hostname: `${s.key}.example`,
        kernel: "6.1.0",
        cpu: { model: "AMD", threads: spec.threads },
        memory: { totalGb: spec.ramGb },
        disks: [],
        raid: spec.raidLevels.map((level, i) => ({ name: `md${i}`, level, state: "clean" })),
        filesystems: [{ mount: "/", sizeGb: spec.usableStorageGb, freeGb: spec.usableStorageGb }],
        nic: { name: "eth0", speedMbit: spec.uplinkGbit * 1000 },
        fio: null,
      };
      expect((await upload(item.id, tech.cookie, s.key, JSON.stringify(good))).status).toBe(200);
    }
    expect((await form(item.id, tech.cookie, { intent: "handOver" })).status).toBe(409);
    expect((await form(item.id, admin.cookie, { intent: "override", serverKey: key, reason: "short" })).status).toBe(
      400,
    );
    expect(
      (
        await form(item.id, admin.cookie, {
          intent: "override",
          serverKey: key,
          reason: "Customer accepted the smaller test VM in writing.",
        })
      ).status,
    ).toBe(200);

    // Before the hand-over the customer (no SSH keys on the account) is asked to add keys; nothing is handed over yet.
    const customer = await customerCookie(db, email);
    const waiting = await servicePage(item.quoteRequestId, customer);
    expect(waiting.data).toMatchObject({ handedOver: false, servers: [] });
    // Servers are recorded but nothing was reported: still being prepared, not "you reported a problem".
    expect(waiting.data.status).toMatch(/^Your servers are still being prepared/);
    expect(waiting.data.handoverNote).toBe(
      "Add your SSH public keys on your account before we hand the servers over: we install them, never a password.",
    );
    expect((await servicePage(item.quoteRequestId, customer, "es")).data.handoverNote).toBe(
      "Añada sus claves SSH públicas en su cuenta antes de la entrega: instalamos esas claves, nunca una contraseña.",
    );

    expect((await form(item.id, tech.cookie, { intent: "handOver" })).status).toBe(200);
    const [done] = await db.select().from(provisioningItems).where(eq(provisioningItems.id, item.id));
    expect(done!.status).toBe("done");
    // Sales reps follow delivery on their dashboard.
    expect((await salesOverview(db)).find((q) => q.id === item.quoteRequestId)!.delivery).toBe("done");

    // The customer is told, sees the servers and their tests on their account, and answers.
    const [mail] = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.template, "handed_over"), eq(outboxMessages.toAddress, email)));
    expect(mail!.textBody).toContain("/account");
    const handover = await servicePage(item.quoteRequestId, customer);
    expect(handover.status).toBe(200);
    expect(handover.data.servers).toHaveLength(page.data.item.servers.length);
    expect(handover.data.servers.find((s) => s.key === key)!.access).toBe("Log in with: ssh root@192.0.2.10");
    // Handed over: the page says when (the hand-over on the timeline), no longer "before we hand the servers over".
    const [handedOver] = await db
      .select()
      .from(quoteMessages)
      .where(and(eq(quoteMessages.quoteRequestId, item.quoteRequestId), eq(quoteMessages.event, "handed_over")));
    expect(handover.data.handoverNote).toBe(`Handed over on ${formatDate(handedOver!.createdAt, "en")}.`);
    expect(handover.data.handoverNote).toMatch(/^Handed over on [A-Z][a-z]+ \d{1,2}, \d{4}\.$/);
    const spanish = await servicePage(item.quoteRequestId, customer, "es");
    expect(spanish.data.handoverNote).toBe(`Entregado el ${formatDate(handedOver!.createdAt, "es")}.`);
    expect(spanish.data.handoverNote).toMatch(/^Entregado el \d{1,2} de [a-z]+ de \d{4}\.$/);
    expect(JSON.stringify([handover.data, spanish.data])).not.toMatch(/before we hand|antes de la entrega/);
    // Not signed off yet: the page offers the sign-off and the "not as agreed" report.
    expect(handover.data.awaitingSignOff).toBe(true);
    expect(handover.data.labels.problemLabel).toMatch(/Not as agreed/);
    // Every server was tested: each shows its table, none the "no results" sentence.
    for (const s of handover.data.servers) {
      expect(s.results.length, s.key).toBeGreaterThan(0);
      expect(s.noResults, s.key).toBeNull();
      expect(s.verdict, s.key).toMatch(/^Test (passed|not passed)/);
    }
    const strangerEmail = `s-${unique()}@example.com`;
    await createQuote(db, { contact: { name: "S", email: strangerEmail } });
    const stranger = await customerCookie(db, strangerEmail);
    expect(
      (
        await settle(() =>
          handoverLoader({
            request: req(`/account/services/${item.quoteRequestId}`, stranger),
            params: { id: item.quoteRequestId },
            context: {},
          }),
        )
      ).status,
    ).toBe(404);
    const problem = await settle(() =>
      handoverAction({
        request: req(`/account/services/${item.quoteRequestId}`, customer, {
          intent: "problem",
          body: "The second server does not boot.",
        }),
        params: { id: item.quoteRequestId },
        context: {},
      }),
    );
    expect(problem.status).toBe(200);
    const [reopened] = await db.select().from(provisioningItems).where(eq(provisioningItems.id, item.id));
    expect(reopened!.status).toBe("claimed");
    expect((await servicePage(item.quoteRequestId, customer)).data.status).toBe(
      "You reported a problem: our technician is on it.",
    );

    // E-mails at each step: started (once, at the admin's assignment), handed over, the problem
    // acknowledged to the customer and sent to the assigned technician; then, handed over again, signed off.
    const mails = async (template: string, to = email) =>
      db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.template, template), eq(outboxMessages.toAddress, to)));
    const started = await mails("provisioning_started");
    expect(started).toHaveLength(1);
    expect(started[0]!.textBody).toMatch(/we aim to be done by \w+ \d{1,2}, \d{4}\./);
    expect(started[0]!.textBody).toContain("/account");
    const ack = await mails("problem_reported");
    expect(ack).toHaveLength(1);
    expect(ack[0]!.textBody).toContain("The second server does not boot.");
    expect(await mails("staff_delivery_problem", tech.user.email)).toHaveLength(1);
    expect((await form(item.id, tech.cookie, { intent: "handOver" })).status).toBe(200);
    const signOff = await settle(() =>
      handoverAction({
        request: req(`/account/services/${item.quoteRequestId}`, customer, { intent: "signOff" }),
        params: { id: item.quoteRequestId },
        context: {},
      }),
    );
    expect(signOff.status).toBe(200);
    expect(await mails("signed_off")).toHaveLength(1);
    // Signed off: no second sign-off and no "reopen the delivery" form; the page says when, in both languages.
    const [signedOff] = await db
      .select()
      .from(quoteMessages)
      .where(and(eq(quoteMessages.quoteRequestId, item.quoteRequestId), eq(quoteMessages.event, "signed_off")));
    const signedOffPage = await servicePage(item.quoteRequestId, customer);
    expect(signedOffPage.data.awaitingSignOff).toBe(false);
    // A stale tab or a repeated post after the sign-off: 409, nothing written, nothing reopened, no e-mail.
    const answers: Record<string, string>[] = [
      { intent: "signOff" },
      { intent: "problem", body: "Posted from an old tab." },
    ];
    for (const answer of answers) {
      const again = await settle(() =>
        handoverAction({
          request: req(`/account/services/${item.quoteRequestId}`, customer, answer),
          params: { id: item.quoteRequestId },
          context: {},
        }),
      );
      expect(again.status, answer.intent).toBe(409);
      expect(JSON.stringify(again.data)).toContain("You have already signed off this delivery");
    }
    const [stillDone] = await db.select().from(provisioningItems).where(eq(provisioningItems.id, item.id));
    expect(stillDone!.status).toBe("done");
    expect(await mails("signed_off")).toHaveLength(1);
    expect(
      await db
        .select()
        .from(quoteMessages)
        .where(and(eq(quoteMessages.quoteRequestId, item.quoteRequestId), eq(quoteMessages.event, "signed_off"))),
    ).toHaveLength(1);
    expect(signedOffPage.data.handoverNote).toMatch(
      new RegExp(`^Handed over on .+\\. You signed it off on ${formatDate(signedOff!.createdAt, "en")}\\.$`),
    );
    expect((await servicePage(item.quoteRequestId, customer, "es")).data.handoverNote).toMatch(
      new RegExp(`Usted dio su conformidad el ${formatDate(signedOff!.createdAt, "es")}\\.$`),
    );
  });

  it("tells the customer once that their servers are being built, whoever takes the item first", async () => {
    const { db } = database();
    const { item, email } = await paidItem(db);
    const tech = await createStaff(db, "technician");
    const admin = await createStaff(db, "admin");
    const claim = (cookie: string) =>
      settle(() =>
        listAction({
          request: req("/staff/provisioning", cookie, { intent: "claim", itemId: item.id }),
          params: {},
          context: {},
        }),
      );
    expect((await claim(tech.cookie)).status).toBe(200);
    expect((await claim(admin.cookie)).status).toBe(409);
    // Reassigning does not tell the customer again.
    expect((await form(item.id, admin.cookie, { intent: "assign", assigneeId: admin.user.id })).status).toBe(200);
    const started = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.template, "provisioning_started"), eq(outboxMessages.toAddress, email)));
    expect(started).toHaveLength(1);
    // The list no longer hands over behind the acceptance tests' back.
    const done = await settle(() =>
      listAction({
        request: req("/staff/provisioning", admin.cookie, { intent: "done", itemId: item.id }),
        params: {},
        context: {},
      }),
    );
    expect(done.status).toBe(400);
  });

  it("the service page shows a sentence, not an empty table, for a handed-over server with no test recorded (EN and ES)", async () => {
    const { db } = database();
    const service = await handedOverService(db, "nofacts");
    const [item] = await db
      .select()
      .from(provisioningItems)
      .where(eq(provisioningItems.quoteRequestId, service.quoteId));
    const server = { ipAddresses: ["192.0.2.20"], dataCentre: "FSN1", installedKeys: [] };
    await db.insert(deliveredServers).values([
      {
        provisioningItemId: item!.id,
        serverKey: "a-tested",
        hostname: "tested.example",
        serial: "SN-A",
        ...server,
        results: [{ key: "ram", pass: true, expected: "64 GB", measured: "64 GB" }],
        passed: true,
      },
      // Delivered without the check script's facts: no results, no verdict.
      {
        provisioningItemId: item!.id,
        serverKey: "b-untested",
        hostname: "untested.example",
        serial: "SN-B",
        ...server,
      },
    ]);

    const english = await servicePage(service.quoteId, service.cookie);
    expect(english.status).toBe(200);
    const [tested, untested] = english.data.servers;
    expect(tested).toMatchObject({ key: "a-tested", verdict: "Test passed", noResults: null });
    expect(tested!.results).toHaveLength(1);
    expect(untested).toMatchObject({
      key: "b-untested",
      verdict: null,
      noResults: "No test results recorded for this server.",
      results: [],
    });
    // No hand-over on this item's timeline: the date it became done stands in; handed over, so no keys reminder.
    expect(english.data.handoverNote).toBe(`Handed over on ${formatDate(item!.updatedAt, "en")}.`);

    const spanish = await servicePage(service.quoteId, service.cookie, "es");
    expect(spanish.data.servers[1]).toMatchObject({
      verdict: null,
      noResults: "No hay resultados de pruebas registrados para este servidor.",
      results: [],
    });
    expect(spanish.data.servers[0]).toMatchObject({ verdict: "Prueba superada", noResults: null });
    expect(spanish.data.handoverNote).toBe(`Entregado el ${formatDate(item!.updatedAt, "es")}.`);
  });
});
