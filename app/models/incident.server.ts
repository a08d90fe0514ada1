import { and, asc, desc, eq, inArray, isNotNull, lte, ne, sql } from "drizzle-orm";
import type { Executor, Transaction } from "#db/client.server";
import {
  auditLog,
  incidentUpdates,
  incidents,
  oncallMembers,
  oncallOverrides,
  oncallSettings,
  provisioningItems,
  quoteRequests,
  serviceSettings,
  users,
} from "#db/schema";
import { DomainError } from "~/domain/errors";
import {
  type IncidentState,
  type Rota,
  type Severity,
  dueEscalations,
  firstResponseDue,
  nextUpdateDue,
  onCallAt,
  promiseProblem,
} from "~/domain/incidents";
import { readContractTargets } from "~/domain/service-settings";
import type { BusinessCalendar } from "~/domain/sla";
import { type CustomerAccount, ownedBy } from "./customer-account.server";
import { contractTargets } from "./service-settings.server";

/**
 * Incidents on running services and who is on call (issue 19). Every change to an incident locks
 * its row first, so two technicians posting at once take turns; the escalation worker pages each
 * step once per due time with one conditional update (safe with several instances).
 */
export type Incident = typeof incidents.$inferSelect;
export type IncidentUpdate = typeof incidentUpdates.$inferSelect;

export const incidentRef = (incident: { number: number }) => `INC-${incident.number}`;

/** A handed-over service by its reference (the quote id's first 8 characters) or id; null when none or ambiguous. */
export async function handedOverService(db: Executor, reference: string) {
  const ref = reference.trim().toLowerCase();
  if (!/^[0-9a-f]{8}(-[0-9a-f-]{27})?$/.test(ref)) return null;
  const rows = await db
    .select({ id: quoteRequests.id, contactName: quoteRequests.contactName, company: quoteRequests.company })
    .from(quoteRequests)
    .innerJoin(provisioningItems, eq(provisioningItems.quoteRequestId, quoteRequests.id))
    .where(and(sql`${quoteRequests.id}::text like ${`${ref}%`}`, eq(provisioningItems.status, "done")))
    .limit(2);
  return rows.length === 1 ? rows[0]! : null;
}

/**
 * Opens an incident in the caller's transaction. A technician's opening text is its first public
 * update (the first response is then made, and the next update falls due by the cadence); a
 * customer's report waits for that first response (due by the severity's target). The targets are
 * the service's contract's (service_settings over the defaults), read in the same transaction.
 */
export async function openIncident(
  tx: Transaction,
  input: {
    quoteRequestId: string;
    severity: Severity;
    title: string;
    body: string;
    by: { kind: "staff"; id: string } | { kind: "customer" };
    downtimeFrom?: Date | null;
  },
  cal: BusinessCalendar,
  now: Date,
): Promise<Incident> {
  const staff = input.by.kind === "staff";
  const contract = await contractTargets(tx, input.quoteRequestId);
  const firstDue = firstResponseDue(cal, input.severity, now, contract);
  const next = staff ? nextUpdateDue(cal, input.severity, now, null, contract) : firstDue;
  const [incident] = await tx
    .insert(incidents)
    .values({
      quoteRequestId: input.quoteRequestId,
      severity: input.severity,
      title: input.title,
      reportedByCustomer: !staff,
      openedBy: input.by.kind === "staff" ? input.by.id : null,
      openedAt: now,
      firstResponseDueAt: firstDue,
      firstRespondedAt: staff ? now : null,
      nextUpdateDueAt: next,
      downtimeFrom: input.downtimeFrom ?? null,
      updatedAt: now,
    })
    .returning();
  await tx.insert(incidentUpdates).values({
    incidentId: incident!.id,
    state: "investigating",
    body: input.body,
    internal: false,
    nextUpdateAt: staff ? next : null,
    authorKind: input.by.kind,
    authorId: input.by.kind === "staff" ? input.by.id : null,
    createdAt: now,
  });
  await tx.insert(auditLog).values({
    entityType: "incident",
    entityId: incident!.id,
    action: staff ? "incident_opened" : "incident_reported",
    actor: input.by.kind === "staff" ? `staff:${input.by.id}` : "customer",
    toStatus: "investigating",
    data: { severity: input.severity, quoteRequestId: input.quoteRequestId },
  });
  return incident!;
}

export interface UpdateInput {
  /** An internal note changes nothing the customer sees and promises nothing. */
  internal: boolean;
  body: string;
  state: IncidentState;
  severity: Severity;
  /** A sooner next update than the cadence (never later). */
  promisedAt: Date | null;
  downtimeFrom: Date | null;
  downtimeTo: Date | null;
  /** Required when resolving: the post-incident summary. */
  summary: string | null;
}

/**
 * A technician's update or internal note. Refusals (DomainError): not_found, incident_resolved (a
 * resolved incident is final), summary_required, promise_later_than_cadence, promise_in_the_past.
 * A public update sets the next one due (none once resolved) by the service's contract targets (read
 * in the same transaction, after the incident's lock) and starts escalation over.
 */
export async function postIncidentUpdate(
  db: Executor,
  actor: { id: string },
  id: string,
  input: UpdateInput,
  cal: BusinessCalendar,
  now: Date,
  then: (tx: Executor, result: { incident: Incident; update: IncidentUpdate }) => Promise<void> = async () => {},
): Promise<{ incident: Incident; update: IncidentUpdate }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(incidents).where(eq(incidents.id, id)).for("update").limit(1);
    if (!current) throw new DomainError("not_found");
    if (current.state === "resolved") throw new DomainError("incident_resolved");
    if (input.internal) {
      const [update] = await tx
        .insert(incidentUpdates)
        .values({
          incidentId: id,
          state: current.state,
          body: input.body,
          internal: true,
          authorKind: "staff",
          authorId: actor.id,
          createdAt: now,
        })
        .returning();
      return { incident: current, update: update! };
    }
    const resolving = input.state === "resolved";
    if (resolving && !input.summary?.trim()) throw new DomainError("summary_required", {}, "summary");
    const contract = await contractTargets(tx, current.quoteRequestId);
    if (input.promisedAt && !resolving) {
      const problem = promiseProblem(cal, input.severity, now, input.promisedAt, contract);
      if (problem) throw new DomainError(`promise_${problem}`, {}, "promisedAt");
    }
    const next = resolving ? null : nextUpdateDue(cal, input.severity, now, input.promisedAt, contract);
    const [incident] = await tx
      .update(incidents)
      .set({
        state: input.state,
        severity: input.severity,
        nextUpdateDueAt: next,
        pagedStep: 0,
        firstRespondedAt: current.firstRespondedAt ?? now,
        downtimeFrom: input.downtimeFrom ?? current.downtimeFrom,
        downtimeTo: input.downtimeTo ?? (resolving && current.downtimeFrom ? now : current.downtimeTo),
        resolvedAt: resolving ? now : null,
        summary: resolving ? input.summary!.trim() : current.summary,
        updatedAt: now,
      })
      .where(eq(incidents.id, id))
      .returning();
    const [update] = await tx
      .insert(incidentUpdates)
      .values({
        incidentId: id,
        state: input.state,
        body: input.body,
        internal: false,
        nextUpdateAt: next,
        authorKind: "staff",
        authorId: actor.id,
        createdAt: now,
      })
      .returning();
    await tx.insert(auditLog).values({
      entityType: "incident",
      entityId: id,
      action: resolving ? "incident_resolved" : "incident_updated",
      actor: `staff:${actor.id}`,
      fromStatus: current.state,
      toStatus: input.state,
      data: { severity: input.severity, nextUpdateDueAt: next?.toISOString() ?? null },
    });
    const result = { incident: incident!, update: update! };
    await then(tx, result);
    return result;
  });
}

/**
 * Open incidents whose next update is overdue and not fully escalated yet, with the steps due now
 * by their service's contract targets (the escalation worker reads them again when it claims).
 */
export async function dueEscalationCandidates(db: Executor, now: Date, limit = 50) {
  const due = await db
    .select({ incident: incidents, targets: serviceSettings.incidentTargets })
    .from(incidents)
    .leftJoin(serviceSettings, eq(serviceSettings.quoteRequestId, incidents.quoteRequestId))
    .where(
      and(
        ne(incidents.state, "resolved"),
        isNotNull(incidents.nextUpdateDueAt),
        lte(incidents.nextUpdateDueAt, now),
        sql`${incidents.pagedStep} < 2`,
      ),
    )
    .orderBy(asc(incidents.nextUpdateDueAt))
    .limit(limit);
  return due
    .map(({ incident, targets }) => ({
      incident,
      steps: dueEscalations(
        incident.severity,
        incident.nextUpdateDueAt!,
        incident.pagedStep,
        now,
        readContractTargets(targets),
      ),
    }))
    .filter((c) => c.steps.length > 0);
}

/**
 * Claims escalation up to `step` for the due time read, in the caller's transaction (with the pages
 * it queues): one conditional update, so with several instances only one claims each step. False
 * when another instance did, or a new update moved the due time meanwhile.
 */
export async function claimEscalation(tx: Executor, incident: Incident, step: number) {
  const [won] = await tx
    .update(incidents)
    .set({ pagedStep: step })
    .where(
      and(
        eq(incidents.id, incident.id),
        eq(incidents.pagedStep, incident.pagedStep),
        eq(incidents.nextUpdateDueAt, incident.nextUpdateDueAt!),
      ),
    )
    .returning({ id: incidents.id });
  return Boolean(won);
}

/** One incident with its whole timeline (staff), or null. */
export async function staffIncident(db: Executor, id: string) {
  const [row] = await db
    .select({ incident: incidents, contactName: quoteRequests.contactName, company: quoteRequests.company })
    .from(incidents)
    .innerJoin(quoteRequests, eq(quoteRequests.id, incidents.quoteRequestId))
    .where(eq(incidents.id, id))
    .limit(1);
  if (!row) return null;
  const updates = await db
    .select({ update: incidentUpdates, author: users.name })
    .from(incidentUpdates)
    .leftJoin(users, eq(users.id, incidentUpdates.authorId))
    .where(eq(incidentUpdates.incidentId, id))
    .orderBy(asc(incidentUpdates.createdAt));
  return { ...row, updates };
}

/** Open incidents for the operations board, the next update due first (none due last). */
export async function openIncidents(db: Executor, limit = 200) {
  return db
    .select({
      id: incidents.id,
      number: incidents.number,
      severity: incidents.severity,
      state: incidents.state,
      title: incidents.title,
      nextUpdateDueAt: incidents.nextUpdateDueAt,
      pagedStep: incidents.pagedStep,
      reportedByCustomer: incidents.reportedByCustomer,
      firstRespondedAt: incidents.firstRespondedAt,
      quoteRequestId: incidents.quoteRequestId,
      contactName: quoteRequests.contactName,
      company: quoteRequests.company,
    })
    .from(incidents)
    .innerJoin(quoteRequests, eq(quoteRequests.id, incidents.quoteRequestId))
    .where(ne(incidents.state, "resolved"))
    .orderBy(sql`${incidents.nextUpdateDueAt} asc nulls last`, asc(incidents.openedAt))
    .limit(limit);
}

/**
 * The account's incidents (open ones, and those resolved in the last 30 days), newest first, each
 * with its public updates only: internal notes never leave this query, and only the account's own
 * services are read (ownedBy, in the query).
 */
export async function accountIncidents(db: Executor, account: CustomerAccount, quoteRequestId?: string) {
  const rows = await db
    .select({ incident: incidents })
    .from(incidents)
    .innerJoin(quoteRequests, eq(quoteRequests.id, incidents.quoteRequestId))
    .where(
      and(
        ownedBy(account.email),
        quoteRequestId ? eq(incidents.quoteRequestId, quoteRequestId) : undefined,
        sql`(${incidents.state} <> 'resolved' or ${incidents.resolvedAt} > now() - interval '30 days')`,
      ),
    )
    .orderBy(desc(incidents.openedAt))
    .limit(20);
  const ids = rows.map((r) => r.incident.id);
  const updates = ids.length
    ? await db
        .select()
        .from(incidentUpdates)
        .where(and(inArray(incidentUpdates.incidentId, ids), eq(incidentUpdates.internal, false)))
        .orderBy(asc(incidentUpdates.createdAt))
    : [];
  return rows.map(({ incident }) => ({
    incident,
    updates: updates.filter((u) => u.incidentId === incident.id),
  }));
}

/** Whose contact to tell about an incident: the service's quote. */
export async function incidentQuote(db: Executor, id: string) {
  const [row] = await db
    .select({ quoteRequestId: incidents.quoteRequestId })
    .from(incidents)
    .where(eq(incidents.id, id))
    .limit(1);
  return row?.quoteRequestId ?? null;
}

/** The rota as the domain reads it (members in order, settings, overrides still running or ahead). */
export async function loadRota(db: Executor, timeZone: string, now: Date): Promise<Rota> {
  const [members, [settings], overrides] = await Promise.all([
    db
      .select({ userId: oncallMembers.userId })
      .from(oncallMembers)
      .innerJoin(users, eq(users.id, oncallMembers.userId))
      .where(sql`${users.disabledAt} is null`)
      .orderBy(asc(oncallMembers.position)),
    db.select().from(oncallSettings).where(eq(oncallSettings.id, 1)).limit(1),
    db
      .select()
      .from(oncallOverrides)
      .where(sql`${oncallOverrides.endsAt} > ${now.toISOString()}::timestamptz`)
      .orderBy(asc(oncallOverrides.startsAt))
      .limit(200),
  ]);
  return rotaOf(
    members.map((m) => m.userId),
    settings,
    overrides,
    timeZone,
  );
}

function rotaOf(
  people: string[],
  settings: typeof oncallSettings.$inferSelect | undefined,
  overrides: { userId: string; startsAt: Date; endsAt: Date; madeAt: Date }[],
  timeZone: string,
): Rota {
  return {
    people,
    startsOn: settings?.startsOn ?? "2026-01-05",
    handoverWeekday: settings?.handoverWeekday ?? 1,
    handoverTime: settings?.handoverTime ?? "09:00",
    timeZone,
    overrides: overrides.map((o) => ({ person: o.userId, from: o.startsAt, to: o.endsAt, madeAt: o.madeAt })),
  };
}

/**
 * Who gets paged at `now`: the person on call (active staff), or with nobody on the rota every
 * active technician, so a page never goes nowhere. With `admins`, every active admin as well.
 */
export async function pageRecipients(db: Executor, timeZone: string, now: Date, admins: boolean) {
  const onCall = onCallAt(await loadRota(db, timeZone, now), now);
  const active = sql`${users.disabledAt} is null`;
  const people = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      webhookUrl: users.pageWebhookUrl,
    })
    .from(users)
    .where(
      and(
        active,
        onCall
          ? admins
            ? sql`(${users.id} = ${onCall} or ${users.role} = 'admin')`
            : eq(users.id, onCall)
          : admins
            ? inArray(users.role, ["technician", "admin"])
            : eq(users.role, "technician"),
      ),
    );
  return { onCall, people };
}

/** A service's incidents for its staff page: open ones first (next update due first), then the latest resolved. */
export async function serviceIncidents(db: Executor, quoteRequestId: string, limit = 20) {
  return db
    .select({
      id: incidents.id,
      number: incidents.number,
      severity: incidents.severity,
      state: incidents.state,
      title: incidents.title,
      openedAt: incidents.openedAt,
      resolvedAt: incidents.resolvedAt,
      nextUpdateDueAt: incidents.nextUpdateDueAt,
      downtimeFrom: incidents.downtimeFrom,
      downtimeTo: incidents.downtimeTo,
    })
    .from(incidents)
    .where(eq(incidents.quoteRequestId, quoteRequestId))
    .orderBy(
      sql`(${incidents.state} = 'resolved') asc`,
      sql`${incidents.nextUpdateDueAt} asc nulls last`,
      desc(incidents.openedAt),
    )
    .limit(limit);
}

/**
 * The rota for the board: members in order with names, settings, overrides still to run, the staff
 * who may take turns, and the rota as the domain reads it (loadRota's, from the same four reads).
 */
export async function rotaView(db: Executor, timeZone: string, now: Date) {
  const [members, [settings], overrides, technicians] = await Promise.all([
    db
      .select({
        userId: oncallMembers.userId,
        name: users.name,
        position: oncallMembers.position,
        active: sql<boolean>`${users.disabledAt} is null`,
      })
      .from(oncallMembers)
      .innerJoin(users, eq(users.id, oncallMembers.userId))
      .orderBy(asc(oncallMembers.position)),
    db.select().from(oncallSettings).where(eq(oncallSettings.id, 1)).limit(1),
    db
      .select({
        id: oncallOverrides.id,
        userId: oncallOverrides.userId,
        name: users.name,
        startsAt: oncallOverrides.startsAt,
        endsAt: oncallOverrides.endsAt,
        madeAt: oncallOverrides.madeAt,
      })
      .from(oncallOverrides)
      .innerJoin(users, eq(users.id, oncallOverrides.userId))
      .where(sql`${oncallOverrides.endsAt} > ${now.toISOString()}::timestamptz`)
      .orderBy(asc(oncallOverrides.startsAt))
      .limit(200),
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(inArray(users.role, ["technician", "admin"]), sql`${users.disabledAt} is null`))
      .orderBy(asc(users.name)),
  ]);
  return {
    members: members.map(({ userId, name, position }) => ({ userId, name, position })),
    settings: settings ?? null,
    overrides: overrides.slice(0, 50).map(({ id, name, startsAt, endsAt }) => ({ id, name, startsAt, endsAt })),
    technicians,
    rota: rotaOf(
      members.filter((m) => m.active).map((m) => m.userId),
      settings,
      overrides,
      timeZone,
    ),
  };
}

/** An admin sets the rotation: who, in which order, from when, handing over when. */
export async function setRota(
  db: Executor,
  admin: { id: string },
  rota: { members: string[]; startsOn: string; handoverWeekday: number; handoverTime: string },
) {
  return db.transaction(async (tx) => {
    if (rota.members.length) {
      const found = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            inArray(users.id, rota.members),
            inArray(users.role, ["technician", "admin"]),
            sql`${users.disabledAt} is null`,
          ),
        );
      if (found.length !== new Set(rota.members).size) throw new DomainError("not_found", {}, "members");
    }
    await tx.delete(oncallMembers);
    if (rota.members.length)
      await tx
        .insert(oncallMembers)
        .values([...new Set(rota.members)].map((userId, position) => ({ userId, position })));
    const settings = {
      startsOn: rota.startsOn,
      handoverWeekday: rota.handoverWeekday,
      handoverTime: rota.handoverTime,
      updatedAt: new Date(),
    };
    await tx
      .insert(oncallSettings)
      .values({ id: 1, ...settings })
      .onConflictDoUpdate({ target: oncallSettings.id, set: settings });
    await tx.insert(auditLog).values({
      entityType: "oncall",
      entityId: "rota",
      action: "rota_set",
      actor: `staff:${admin.id}`,
      data: rota,
    });
  });
}

/** Someone else on call for a period. */
export async function addOverride(
  db: Executor,
  admin: { id: string },
  override: { userId: string; startsAt: Date; endsAt: Date },
) {
  const [person] = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, override.userId),
        inArray(users.role, ["technician", "admin"]),
        sql`${users.disabledAt} is null`,
      ),
    )
    .limit(1);
  if (!person) throw new DomainError("not_found", {}, "userId");
  await db.insert(oncallOverrides).values({ ...override, madeBy: admin.id });
}
