import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import {
  auditLog,
  outboxMessages,
  proposalVersions,
  proposals,
  quoteMessages,
  reviewItems,
  reviewNotes,
} from "#db/schema";
import { loadCatalog } from "~/models/catalog.server";
import { adjustProposal } from "~/models/proposal-version.server";
import {
  addInternalNote,
  claimReviewItem,
  declineQuote,
  publishVersion,
  sendCustomerMessage,
  setReasonChecked,
  unclaimReviewItem,
} from "~/models/review-item.server";
import { action as itemAction } from "~/routes/staff.review.$id/route";
import { businessCalendar } from "~/utils/env.server";
import { createQuote, createStaff } from "../factories";
import { callAction, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Issue 13, item 3: whose review item it is is decided in the models' SQL, not by the route. */

/** A quote a technician must review, for two reasons (critical availability, special requirements). */
const reviewed = { requirements: { availability: "critical" as const, specialRequirements: "Our own IP range." } };

async function claimedItem(db: Database) {
  const quote = await createQuote(db, reviewed);
  const [owner, other, admin] = await Promise.all([
    createStaff(db, "technician"),
    createStaff(db, "technician"),
    createStaff(db, "admin"),
  ]);
  await claimReviewItem(db, quote.reviewItemId!, owner.user.id);
  const [lean] = await db
    .select({ id: proposals.id })
    .from(proposals)
    .where(and(eq(proposals.quoteRequestId, quote.id), eq(proposals.version, 1), eq(proposals.tier, "lean")));
  return { quoteId: quote.id, id: quote.reviewItemId!, leanId: lean!.id, owner, other, admin };
}

/** Everything a review action can write, for one item and its quote. */
async function written(db: Database, quoteId: string, id: string) {
  const n = async (rows: Promise<{ n: number }[]>) => (await rows)[0]!.n;
  const [item] = await db.select().from(reviewItems).where(eq(reviewItems.id, id));
  return {
    item,
    notes: await n(db.select({ n: count() }).from(reviewNotes).where(eq(reviewNotes.reviewItemId, id))),
    messages: await n(db.select({ n: count() }).from(quoteMessages).where(eq(quoteMessages.quoteRequestId, quoteId))),
    versions: await n(
      db.select({ n: count() }).from(proposalVersions).where(eq(proposalVersions.quoteRequestId, quoteId)),
    ),
    audit: await n(db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityId, quoteId))),
    outbox: await n(db.select({ n: count() }).from(outboxMessages)),
  };
}

describe.each(TEST_DATABASES)("review item ownership on $name", (target) => {
  // Races need two transactions at once; PGlite runs one at a time, so they are defined on PostgreSQL only.
  const race = target.name === "postgres" ? it : ((() => {}) as unknown as typeof it);
  const database = useTestDatabase(target);

  it("a technician cannot unclaim, note, check, message, adjust, publish or decline an item another technician claimed (403, nothing written); an admin can", async () => {
    const db = database().db;
    const { quoteId, id, leanId, other, admin } = await claimedItem(db);
    const post = (cookie: string, form: Record<string, string>) =>
      callAction(itemAction, req(`/staff/review/${id}`, cookie, form), { id });
    const forms: Record<string, Record<string, string>> = {
      unclaim: { intent: "unclaim" },
      note: { intent: "note", body: "Not mine to note." },
      check: { intent: "check", code: "special_requirements", checked: "true" },
      message: { intent: "message", body: "Not mine to send.", waitOnCustomer: "on" },
      adjust: {
        intent: "adjust",
        proposalId: leanId,
        reason: "Not mine",
        "adjustment.op": "custom",
        "adjustment.description": "Extra",
        "adjustment.quantity": "1",
        "adjustment.monthlyMinor": "100",
        "adjustment.setupMinor": "0",
      },
      publish: { intent: "publish", version: "1" },
      decline: { intent: "decline", reason: "Not mine to decline." },
    };

    const before = await written(db, quoteId, id);
    for (const [intent, form] of Object.entries(forms)) {
      const answer = await post(other.cookie, form);
      expect({ intent, status: answer.status, errors: answer.data }).toEqual({
        intent,
        status: 403,
        errors: { errors: [{ path: "", message: "Claim this item first." }] },
      });
    }
    expect(await written(db, quoteId, id)).toEqual(before);

    // The models refuse on their own, whatever the caller checked.
    const actor = other.user;
    await expect(addInternalNote(db, id, actor, "direct")).rejects.toMatchObject({ code: "not_assignee", status: 403 });
    await expect(setReasonChecked(db, id, actor, "special_requirements", true)).rejects.toMatchObject({
      code: "not_assignee",
    });
    await expect(unclaimReviewItem(db, id, actor)).rejects.toMatchObject({ code: "not_assignee" });
    await expect(sendCustomerMessage(db, id, actor, "direct", false, businessCalendar())).rejects.toMatchObject({
      code: "not_assignee",
    });
    await expect(
      adjustProposal(
        db,
        quoteId,
        leanId,
        { op: "quantity", position: 0, quantity: 2 },
        "direct",
        actor,
        await loadCatalog(db),
      ),
    ).rejects.toMatchObject({ code: "not_assignee" });
    await expect(publishVersion(db, id, actor, 1)).rejects.toMatchObject({ code: "not_assignee" });
    await expect(declineQuote(db, id, actor, "direct")).rejects.toMatchObject({ code: "not_assignee" });
    expect(await written(db, quoteId, id)).toEqual(before);

    // An admin may do all of it on an item somebody else holds.
    const asAdmin: Record<string, Record<string, string>> = {
      ...forms,
      message: { intent: "message", body: "From an admin." },
    };
    for (const intent of ["note", "check", "message", "adjust", "unclaim"]) {
      expect({ intent, status: (await post(admin.cookie, asAdmin[intent]!)).status }).toEqual({ intent, status: 200 });
    }
    const after = await written(db, quoteId, id);
    expect(after.notes).toBe(before.notes + 1);
    expect(after.messages).toBe(before.messages + 1);
    expect(after.versions).toBe(before.versions + 1);
    expect(after.item).toMatchObject({ status: "open", assigneeId: null, checked: ["special_requirements"] });
    // Back in the queue; an admin may still publish it.
    expect((await post(admin.cookie, { intent: "publish", version: "2" })).status).toBe(200);
    const [done] = await db.select().from(reviewItems).where(eq(reviewItems.id, id));
    expect(done!.status).toBe("published");
  });

  race("ticking reasons at the same moment: every tick persists (one UPDATE each, no read-then-write)", async () => {
    const db = database().db;
    const { id, owner, admin } = await claimedItem(db);
    const checkedNow = async () =>
      (await db.select({ checked: reviewItems.checked }).from(reviewItems).where(eq(reviewItems.id, id)))[0]!.checked;
    for (let round = 0; round < 10; round++) {
      await Promise.all([
        setReasonChecked(db, id, owner.user, "critical_availability", true),
        setReasonChecked(db, id, admin.user, "special_requirements", true),
      ]);
      expect((await checkedNow()).sort()).toEqual(["critical_availability", "special_requirements"]);
      await Promise.all([
        setReasonChecked(db, id, owner.user, "critical_availability", false),
        setReasonChecked(db, id, admin.user, "special_requirements", false),
      ]);
      expect(await checkedNow()).toEqual([]);
    }
    // Ten requests at once, each ticking its own code.
    const codes = Array.from({ length: 10 }, (_, i) => `code_${i}`);
    await Promise.all(codes.map((code, i) => setReasonChecked(db, id, i % 2 ? admin.user : owner.user, code, true)));
    expect((await checkedNow()).sort()).toEqual(codes);
  });
});
