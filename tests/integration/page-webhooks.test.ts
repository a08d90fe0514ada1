import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { auditLog, devMailbox, incidents, outboxMessages, users } from "#db/schema";
import { setRota } from "~/models/incident.server";
import { enqueueWebhook } from "~/models/outbox.server";
import { setPageWebhook } from "~/models/page-webhook.server";
import { action as serviceAction } from "~/routes/account.services.$id/route";
import { action as accountAction, loader as accountLoader } from "~/routes/staff.account/route";
import { devMailboxTransport, sendPendingEmails } from "~/services/email.server";
import { escalateOverdueIncidents } from "~/services/incidents.server";
import { sendPendingWebhooks } from "~/services/page-webhooks.server";
import { verifyPageSignature } from "~/utils/page-webhook-signature.server";
import { createStaff, handedOverService } from "../factories";
import { callAction, callLoader, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Issue 19 item 3: pages POSTed, signed, to a technician's own webhook. */

// Page webhooks are on for this file (the environment is read once, on first use).
const SECRET = "page-webhook-secret-for-the-tests-0123456789";
process.env.PAGE_WEBHOOK_SECRET = SECRET;

const MIN = 60_000;

/**
 * The worker's clock for a run straight after rows were queued: a second on. PostgreSQL stamps a
 * queued row's first attempt to the microsecond and a JavaScript Date has milliseconds, so "now"
 * taken in the same millisecond is earlier than the row, which is then not due yet.
 */
const soon = () => new Date(Date.now() + 1_000);

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local receiver: records every POST; answers 500 while `failing` > 0 (counting down), else 204. */
function receiver() {
  const received: Received[] = [];
  const state = { failing: 0, hang: false };
  const server: Server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      if (state.hang) return; // never answers: the sender's timeout must give up
      if (state.failing > 0) {
        state.failing--;
        response.writeHead(500).end("boom");
      } else response.writeHead(204).end();
    });
  });
  return { server, received, state };
}

const handedOver = (db: Database, label: string) => handedOverService(db, label);

const webhookRows = (db: Database, url: string) =>
  db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.channel, "webhook"), eq(outboxMessages.toAddress, url)));

describe.each(TEST_DATABASES)("page webhooks on $name", (target) => {
  const database = useTestDatabase(target);
  const hook = receiver();
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => hook.server.listen(0, "127.0.0.1", () => resolve()));
    url = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}/pages`;
  });
  afterAll(async () => {
    hook.server.closeAllConnections();
    await new Promise<void>((resolve) => hook.server.close(() => resolve()));
  });

  async function onCallTechnician(db: Database) {
    const tech = await createStaff(db, "technician");
    const admin = await createStaff(db, "admin");
    await setRota(db, admin.user, {
      members: [tech.user.id],
      startsOn: new Date().toISOString().slice(0, 10),
      handoverWeekday: ((new Date().getUTCDay() + 6) % 7) + 1,
      handoverTime: "00:00",
    });
    return { tech, admin };
  }

  const setHook = (cookie: string, form: Record<string, string>) =>
    callAction(accountAction, req("/staff/account", cookie, form));

  it("a page is delivered signed with the technician's key, retried after a 500, and a rotated key stops verifying", async () => {
    const db = database().db;
    const { tech } = await onCallTechnician(db);

    // Bad URLs are refused by field; nothing is stored.
    for (const bad of ["http://example.com/pages", "ftp://127.0.0.1/x", "https://u:p@example.com/", "nope", ""]) {
      const refused = await setHook(tech.cookie, { intent: "set", url: bad });
      expect(refused.status, bad).toBe(400);
      expect(refused.data.errors[0]!.path).toBe("url");
      expect(refused.data.key).toBeNull();
    }
    expect((await setHook(tech.cookie, { intent: "rotate" })).status).toBe(400);
    const [untouched] = await db.select().from(users).where(eq(users.id, tech.user.id));
    expect(untouched).toMatchObject({ pageWebhookUrl: null, pageWebhookKeyVersion: 0 });
    // Sales reps have no pages.
    const rep = await createStaff(db, "sales");
    expect((await setHook(rep.cookie, { intent: "set", url })).status).toBe(403);

    const set = await setHook(tech.cookie, { intent: "set", url });
    expect(set.status).toBe(200);
    expect(set.headers.get("Cache-Control")).toContain("no-store");
    const key1 = set.data.key!;
    expect(key1).toMatch(/^[0-9a-f]{64}$/);
    // The page shows the URL, never the key again; the key is stored nowhere.
    const page = await callLoader(accountLoader, req("/staff/account", tech.cookie));
    expect(page.data).toMatchObject({ enabled: true, url, version: 1 });
    expect(JSON.stringify(page.data)).not.toContain(key1);
    const [stored] = await db.select().from(users).where(eq(users.id, tech.user.id));
    expect(JSON.stringify(stored)).not.toContain(key1);

    // A customer's report pages the technician: an e-mail and a webhook row, in the same transaction.
    const service = await handedOver(db, "hook");
    const reported = await callAction(
      serviceAction,
      req(`/account/services/${service.quoteId}`, service.cookie, {
        intent: "report",
        kind: "down",
        body: "The shop answers 502.",
      }),
      { id: service.quoteId },
    );
    expect(reported.status).toBe(200);
    const [incident] = await db.select().from(incidents).where(eq(incidents.quoteRequestId, service.quoteId));
    const rows = await webhookRows(db, url);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ signerId: tech.user.id, template: "incident_page_webhook", status: "pending" });
    expect(rows[0]!.dedupeKey).toBe(`incident-report:${incident!.id}:${tech.user.id}:webhook`);
    const payload = JSON.parse(rows[0]!.textBody);
    expect(payload).toMatchObject({
      event: "incident.reported",
      incident: { id: incident!.id, reference: `INC-${incident!.number}`, severity: "P1" },
      due: incident!.firstResponseDueAt.toISOString(),
    });
    expect(payload.link).toMatch(new RegExp(`/staff/incidents/${incident!.id}$`));
    const mailPages = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.template, "incident_page"), eq(outboxMessages.toAddress, tech.user.email)));
    expect(mailPages).toHaveLength(1);

    // The e-mail sender sends the e-mails only: the webhook row stays pending, nothing reaches the mailbox for the URL.
    await sendPendingEmails(db, devMailboxTransport(db), "x@y.z", 200);
    expect((await webhookRows(db, url))[0]!.status).toBe("pending");
    expect(await db.select().from(devMailbox).where(eq(devMailbox.toAddress, url))).toEqual([]);
    expect(hook.received).toHaveLength(0);

    // The receiver fails once: retried with the e-mails' backoff, then delivered with the same idempotency id.
    hook.state.failing = 1;
    const now = soon();
    expect(await sendPendingWebhooks(db, SECRET, { now })).toBe(0);
    const [failed] = await webhookRows(db, url);
    expect(failed).toMatchObject({ status: "pending", attempts: 1 });
    expect(failed!.lastError).toContain("500");
    expect(failed!.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime() + 20_000);
    expect(await sendPendingWebhooks(db, SECRET, { now })).toBe(0); // not due yet
    expect(await sendPendingWebhooks(db, SECRET, { now: new Date(now.getTime() + 31_000) })).toBe(1);
    const [sent] = await webhookRows(db, url);
    expect(sent).toMatchObject({ status: "sent", attempts: 2 });
    expect(hook.received).toHaveLength(2);
    const [first, second] = hook.received;
    expect(second!.headers["content-type"]).toBe("application/json");
    expect(second!.headers["idempotency-key"]).toBe(sent!.id);
    expect(first!.headers["idempotency-key"]).toBe(sent!.id);
    expect(second!.body).toBe(rows[0]!.textBody);
    const signature = second!.headers["specdesk-signature"] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyPageSignature(key1, signature, second!.body)).toBe(true);
    expect(verifyPageSignature(key1, signature, second!.body.replace("P1", "P2"))).toBe(false);
    // No e-mail was ever POSTed.
    expect(hook.received.every((r) => JSON.parse(r.body).event)).toBe(true);

    // Rotating gives a new key; the next page (an overdue first response) verifies with it only.
    const rotated = await setHook(tech.cookie, { intent: "rotate" });
    expect(rotated.status).toBe(200);
    const key2 = rotated.data.key!;
    expect(key2).not.toBe(key1);
    expect(await escalateOverdueIncidents(db, new Date(incident!.firstResponseDueAt.getTime() + MIN))).toBe(1);
    const overdue = (await webhookRows(db, url)).find((r) => r.status === "pending")!;
    expect(JSON.parse(overdue.textBody).event).toBe("incident.overdue");
    expect(await sendPendingWebhooks(db, SECRET, { now: soon() })).toBe(1);
    const third = hook.received[2]!;
    const signature3 = third.headers["specdesk-signature"] as string;
    expect(verifyPageSignature(key2, signature3, third.body)).toBe(true);
    expect(verifyPageSignature(key1, signature3, third.body)).toBe(false);
  });

  it("a page to a webhook removed before it left is cancelled; one that hangs times out and is retried", async () => {
    const db = database().db;
    const { tech } = await onCallTechnician(db);
    // Only this technician is paged here: the other's webhook (first test) is on a rota no longer current.
    expect((await setHook(tech.cookie, { intent: "set", url: `${url}?who=${tech.user.id}` })).status).toBe(200);
    const mine = `${url}?who=${tech.user.id}`;
    const service = await handedOver(db, "gone");
    const report = () =>
      callAction(
        serviceAction,
        req(`/account/services/${service.quoteId}`, service.cookie, {
          intent: "report",
          kind: "degraded",
          body: "Pages load slowly.",
        }),
        { id: service.quoteId },
      );
    expect((await report()).status).toBe(200);
    expect(await webhookRows(db, mine)).toHaveLength(1);
    const before = hook.received.length;
    expect((await setHook(tech.cookie, { intent: "remove" })).status).toBe(200);
    expect(await sendPendingWebhooks(db, SECRET, { now: soon() })).toBe(0);
    expect((await webhookRows(db, mine))[0]!.status).toBe("cancelled");
    expect(hook.received).toHaveLength(before);
    // Without a webhook, a page is e-mail only.
    expect((await report()).status).toBe(200);
    expect(await webhookRows(db, mine)).toHaveLength(1);

    // A receiver that never answers: the short timeout fails the attempt, which is retried later.
    expect((await setHook(tech.cookie, { intent: "set", url: mine })).status).toBe(200);
    expect((await report()).status).toBe(200);
    const hungAt = soon();
    const reached = hook.received.length;
    hook.state.hang = true;
    try {
      // The run returns (a hang would fail the test by its own timeout) with nothing delivered.
      expect(await sendPendingWebhooks(db, SECRET, { timeoutMs: 300, now: hungAt })).toBe(0);
    } finally {
      hook.state.hang = false;
    }
    // One request reached the receiver and was abandoned: no second try within the run.
    expect(hook.received).toHaveLength(reached + 1);
    const pending = (await webhookRows(db, mine)).find((r) => r.status === "pending")!;
    expect(pending).toMatchObject({ status: "pending", attempts: 1 });
    expect(pending.lastError).toMatch(/timeout/i);
    expect(pending.lastError).not.toContain(SECRET);
    expect(pending.nextAttemptAt.getTime()).toBeGreaterThan(hungAt.getTime());
    // Not due again straight away; once its retry is due, the answering receiver gets it (same idempotency id).
    expect(await sendPendingWebhooks(db, SECRET, { now: hungAt })).toBe(0);
    expect(hook.received).toHaveLength(reached + 1);
    expect(await sendPendingWebhooks(db, SECRET, { now: new Date(hungAt.getTime() + 31_000) })).toBe(1);
    expect(hook.received).toHaveLength(reached + 2);
    const [retried] = (await webhookRows(db, mine)).filter((r) => r.id === pending.id);
    expect(retried).toMatchObject({ status: "sent", attempts: 2 });
    expect(hook.received[reached]!.headers["idempotency-key"]).toBe(pending.id);
    expect(hook.received[reached + 1]!.headers["idempotency-key"]).toBe(pending.id);
  });
  it("a batch is sent concurrently (a dead URL costs one timeout), inward addresses are refused in production, and the audit keeps only the origin", async () => {
    const db = database().db;
    // A receiver that accepts the connection and never answers; it counts the requests waiting on it at once.
    const waiting = { now: 0, most: 0 };
    const dead = createServer((request) => {
      waiting.now += 1;
      waiting.most = Math.max(waiting.most, waiting.now);
      request.socket.on("close", () => (waiting.now -= 1));
    });
    await new Promise<void>((resolve) => dead.listen(0, "127.0.0.1", () => resolve()));
    const deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/pages`;
    try {
      const techs = await Promise.all([1, 2, 3, 4].map(() => createStaff(db, "technician")));
      const urls = techs.map((t, i) => `${i < 3 ? deadUrl : url}?who=${t.user.id}`);
      for (const [i, t] of techs.entries()) {
        expect((await setHook(t.cookie, { intent: "set", url: urls[i]! })).status).toBe(200);
        await enqueueWebhook(db, {
          url: urls[i]!,
          subject: "page",
          body: JSON.stringify({ event: "incident.reported", n: i }),
          template: "incident_page_webhook",
          signerId: t.user.id,
        });
      }
      const before = hook.received.length;
      expect(await sendPendingWebhooks(db, SECRET, { timeoutMs: 2_000, now: soon() })).toBe(1);
      // Sent together: the three dead URLs' requests were all waiting at once (one after another, never more than one).
      expect(waiting.most).toBe(3);
      expect(hook.received.length).toBe(before + 1);
      for (const deadOne of urls.slice(0, 3)) {
        const [row] = await webhookRows(db, deadOne);
        expect(row).toMatchObject({ status: "pending", attempts: 1 });
        expect(row!.lastError).toBeTruthy();
      }
      expect((await webhookRows(db, urls[3]!))[0]!.status).toBe("sent");
    } finally {
      dead.closeAllConnections();
      await new Promise<void>((resolve) => dead.close(() => resolve()));
    }

    // The audit log keeps the webhook's origin, never its path or query (which can be a secret).
    const secretish = await createStaff(db, "technician");
    const secretUrl = `${url}/T000/B000/XXXXsecretXXXX?token=s3cret`;
    expect((await setHook(secretish.cookie, { intent: "set", url: secretUrl })).status).toBe(200);
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, secretish.user.id));
    expect(audits.map((a) => a.action)).toContain("page_webhook_set");
    expect(JSON.stringify(audits)).not.toContain("XXXXsecretXXXX");
    expect(JSON.stringify(audits)).not.toContain("s3cret");
    expect(audits.find((a) => a.action === "page_webhook_set")!.data).toMatchObject({ origin: new URL(url).origin });

    // Production: a host resolving to a private address (any of its addresses) or a metadata address
    // written in the URL fails the attempt with the reason; no request is made.
    const inward = await createStaff(db, "technician");
    const lookups: string[] = [];
    const lookup = async (host: string) => {
      lookups.push(host);
      return [
        { address: "93.184.215.14", family: 4 },
        { address: "10.1.2.3", family: 4 },
      ];
    };
    for (const target of ["https://hooks.internal.invalid/pages", "https://169.254.169.254/latest/meta-data"]) {
      await setPageWebhook(db, inward.user.id, target);
      await enqueueWebhook(db, {
        url: target,
        subject: "page",
        body: "{}",
        template: "incident_page_webhook",
        signerId: inward.user.id,
      });
      const received = hook.received.length;
      expect(await sendPendingWebhooks(db, SECRET, { production: true, lookup, now: soon() })).toBe(0);
      const [row] = await webhookRows(db, target);
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row!.lastError).toMatch(/^refused, not sent: /);
      expect(row!.lastError).toContain(target.includes("169.254") ? "169.254.169.254" : "10.1.2.3");
      expect(hook.received.length).toBe(received);
    }
    expect(lookups).toEqual(["hooks.internal.invalid"]);

    // DNS rebinding: the name resolves to a public address for the check before sending, then to this
    // machine when the connection resolves it. The connection is refused; nothing reaches the port.
    let connections = 0;
    const listener = createNetServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    try {
      const port = (listener.address() as AddressInfo).port;
      const rebinding = `https://rebinding.example:${port}/pages`;
      const resolved: string[] = [];
      const rebind: typeof lookup = async () => {
        const address = resolved.length === 0 ? "93.184.215.14" : "127.0.0.1";
        resolved.push(address);
        return [{ address, family: 4 }];
      };
      await setPageWebhook(db, inward.user.id, rebinding);
      await enqueueWebhook(db, {
        url: rebinding,
        subject: "page",
        body: "{}",
        template: "incident_page_webhook",
        signerId: inward.user.id,
      });
      expect(await sendPendingWebhooks(db, SECRET, { production: true, lookup: rebind, now: soon() })).toBe(0);
      const [row] = await webhookRows(db, rebinding);
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row!.lastError).toBe(
        "refused, not sent: rebinding.example resolves to 127.0.0.1, a private, loopback or link-local address: webhooks must go to a public host.",
      );
      // Checked before sending (public), then resolved again by the connection itself (inward).
      expect(resolved).toEqual(["93.184.215.14", "127.0.0.1"]);
      expect(connections).toBe(0);
    } finally {
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    }
  });

  it("with PAGE_WEBHOOK_SECRET unset, the worker cancels due webhook rows instead of leaving them pending", async () => {
    const db = database().db;
    const tech = await createStaff(db, "technician");
    const mine = `${url}?off=${tech.user.id}`;
    expect((await setHook(tech.cookie, { intent: "set", url: mine })).status).toBe(200);
    const hookRow = (dedupeKey: string) =>
      enqueueWebhook(db, {
        url: mine,
        subject: "page",
        body: "{}",
        template: "incident_page_webhook",
        signerId: tech.user.id,
        dedupeKey,
      });
    await hookRow(`off-due:${tech.user.id}`);
    await hookRow(`off-later:${tech.user.id}`);
    // One is held by another instance's lease (its next attempt in the future): left to it.
    await db
      .update(outboxMessages)
      .set({ nextAttemptAt: new Date(Date.now() + 5 * MIN) })
      .where(eq(outboxMessages.dedupeKey, `off-later:${tech.user.id}`));
    const received = hook.received.length;
    expect(await sendPendingWebhooks(db, undefined, { now: soon() })).toBe(0);
    const rows = await webhookRows(db, mine);
    const byKey = new Map(rows.map((r) => [r.dedupeKey, r]));
    expect(byKey.get(`off-due:${tech.user.id}`)).toMatchObject({ status: "cancelled" });
    expect(byKey.get(`off-due:${tech.user.id}`)!.lastError).toContain("PAGE_WEBHOOK_SECRET");
    expect(byKey.get(`off-later:${tech.user.id}`)).toMatchObject({ status: "pending" });
    expect(hook.received.length).toBe(received);
    // Its time comes with the feature still off: cancelled then.
    expect(await sendPendingWebhooks(db, undefined, { now: new Date(Date.now() + 6 * MIN) })).toBe(0);
    expect((await webhookRows(db, mine)).every((r) => r.status === "cancelled")).toBe(true);
  });
});
