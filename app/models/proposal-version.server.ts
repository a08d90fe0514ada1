import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Executor, Transaction } from "#db/client.server";
import {
  type VersionChange,
  type VersionOrigin,
  auditLog,
  proposalLines,
  proposalVersions,
  proposals,
  quoteMessages,
  quoteRequests,
  reviewItems,
  serverModels,
  shareLinks,
  users,
} from "#db/schema";
import { quoteValidDays } from "~/utils/env.server";
import { type Catalog, sellablePrices } from "~/domain/catalog";
import type { Currency } from "~/domain/money";
import { nearestReplacement } from "~/domain/replacement";
import { loadCatalog } from "./catalog.server";
import type { RuleTrace } from "~/domain/trace";
import {
  MAX_DISCOUNT_BPS,
  type StoredLine,
  changedLines,
  itemsOf,
  repriceLines,
  salesDiscountBpsOf,
  termDiscountBpsOf,
  withDiscounts,
} from "~/domain/repricing";
import { type ProposalLine, migrationLines, totalsOf } from "~/domain/pricing";
import {
  type MigrationOverride,
  type OverriddenMigrationPlan,
  applyMigrationOverride,
  migrationOverrideSchema,
} from "~/domain/migration-override";
import type { TermMonths } from "~/domain/quote-input";
import { type Adjustment, adjustmentSchema, applyAdjustment } from "~/domain/adjustment";
import { DomainError } from "~/domain/errors";
import {
  type CustomConfiguration,
  buildCustomConfiguration,
  customConfigurationSchema,
  euros,
  searchCatalog,
  tierPosition,
} from "~/domain/custom-configuration";
import { type Actor, accessOf } from "~/utils/permissions";
import { ownedBy } from "./access.server";

export { adjustmentSchema, applyAdjustment, type Adjustment };
export { migrationOverrideSchema, type MigrationOverride };
export { customConfigurationSchema, euros, searchCatalog, type CustomConfiguration };

export type { StoredLine };

export type Tx = Transaction;

export async function latestVersion(db: Executor, quoteRequestId: string): Promise<number> {
  const [row] = await db
    .select({ version: proposals.version })
    .from(proposals)
    .where(eq(proposals.quoteRequestId, quoteRequestId))
    .orderBy(desc(proposals.version))
    .limit(1);
  return row?.version ?? 0;
}

const DAY_MS = 86_400_000;

interface VersionValues {
  quoteRequestId: string;
  version: number;
  origin: VersionOrigin;
  basedOn?: number | null;
  priceBookId?: number | null;
  salesDiscountBps?: number;
  changes?: VersionChange[] | null;
  createdBy?: string | null;
  publish?: boolean;
  validUntil?: Date;
  /** A technician's move plan for this version; absent: the one of the version it is based on. */
  migrationPlan?: OverriddenMigrationPlan | null;
}

/**
 * The version's bookkeeping row; the engine's first version is published at once when no technician
 * must look. A version based on another keeps its move plan (a technician's override outlives the
 * next adjustment, refresh or discount) unless it brings its own.
 */
export async function recordVersion(tx: Executor, values: VersionValues, now = new Date()) {
  const migrationPlan =
    values.migrationPlan !== undefined
      ? values.migrationPlan
      : values.basedOn
        ? ((await getVersion(tx, values.quoteRequestId, values.basedOn))?.migrationPlan ?? null)
        : null;
  await tx.insert(proposalVersions).values({ ...versionRow(values, now), migrationPlan });
}

/** The row recordVersion writes (for a caller that batches it into a larger statement). */
export function versionRow(values: VersionValues, now = new Date()): typeof proposalVersions.$inferInsert {
  return {
    quoteRequestId: values.quoteRequestId,
    version: values.version,
    origin: values.origin,
    basedOn: values.basedOn ?? null,
    priceBookId: values.priceBookId ?? null,
    salesDiscountBps: values.salesDiscountBps ?? 0,
    changes: values.changes ?? null,
    createdBy: values.createdBy ?? null,
    createdAt: now,
    publishedAt: values.publish ? now : null,
    validUntil: values.publish ? (values.validUntil ?? new Date(now.getTime() + quoteValidDays() * DAY_MS)) : null,
  };
}

/** Marks a version published: the customer sees it, and its prices hold until valid-until. */
export async function markVersionPublished(tx: Executor, quoteRequestId: string, version: number, now = new Date()) {
  await tx
    .update(proposalVersions)
    .set({ publishedAt: now, validUntil: new Date(now.getTime() + quoteValidDays() * DAY_MS) })
    .where(and(eq(proposalVersions.quoteRequestId, quoteRequestId), eq(proposalVersions.version, version)));
}

export async function getVersion(db: Executor, quoteRequestId: string, version: number) {
  const [row] = await db
    .select()
    .from(proposalVersions)
    .where(and(eq(proposalVersions.quoteRequestId, quoteRequestId), eq(proposalVersions.version, version)))
    .limit(1);
  return row ?? null;
}

export async function listVersions(db: Executor, quoteRequestId: string) {
  return db
    .select()
    .from(proposalVersions)
    .where(eq(proposalVersions.quoteRequestId, quoteRequestId))
    .orderBy(desc(proposalVersions.version));
}

type ProposalRow = typeof proposals.$inferSelect;

/** A proposal's new lines and, for a tier a technician rebuilt, the columns that describe it. */
interface NextProposal {
  lines: StoredLine[];
  explanation?: RuleTrace[];
  replace?: Pick<ProposalRow, "availability" | "servers" | "capacity" | "failure" | "runsOutFirst">;
}

/** A proposal the next version adds (a tier built from scratch); its totals come from its lines. */
type AddedProposal = NextProposal &
  Required<Pick<NextProposal, "replace" | "explanation">> & { tier: ProposalRow["tier"]; position: number };

/**
 * What a refresh that hit products no longer sold tells staff: the products, and for each retired
 * server model the nearest one the catalog sells now (app/domain/replacement.ts), so the technician
 * who replaces it starts from a suggestion.
 */
async function noLongerSoldParams(tx: Tx, skus: string[], catalog: Catalog) {
  const models = await tx.select().from(serverModels).where(inArray(serverModels.sku, skus));
  const suggestions = models.flatMap((m) => {
    const next = nearestReplacement(m, catalog.servers);
    return next ? [`${m.name} → ${next.model.name}`] : [];
  });
  return {
    skus: skus.join(", "),
    count: skus.length,
    replacements: suggestions.length ? suggestions.join(", ") : "—",
  };
}

/**
 * Prices for a quote come from a book of its own currency: a caller's catalog in another currency is
 * replaced by the quote's (read in the same transaction), so nothing is ever converted.
 */
async function inQuoteCurrency(tx: Tx, given: Catalog, currency: Currency, now = new Date()) {
  return given.priceBook.currency === currency ? given : loadCatalog(tx, now, currency);
}

/**
 * Writes version `base + 1` of every proposal of a quote: `transform` gives each proposal's new
 * lines (and explanation, and for a rebuilt tier the columns that describe it); `added` are tiers
 * the new version adds. Earlier versions are never touched.
 */
async function writeNextVersion(
  tx: Tx,
  quoteRequestId: string,
  base: number,
  termMonths: TermMonths,
  transform: (p: ProposalRow, lines: StoredLine[]) => NextProposal,
  added: AddedProposal[] = [],
  positionOf: (p: ProposalRow) => number = (p) => p.position,
) {
  const current = await tx
    .select()
    .from(proposals)
    .where(and(eq(proposals.quoteRequestId, quoteRequestId), eq(proposals.version, base)))
    .orderBy(asc(proposals.position));
  const lineRows = current.length
    ? await tx
        .select()
        .from(proposalLines)
        .where(
          inArray(
            proposalLines.proposalId,
            current.map((p) => p.id),
          ),
        )
        .orderBy(asc(proposalLines.position))
    : [];
  const written: {
    tier: string;
    before: StoredLine[];
    after: StoredLine[];
    old: ProposalRow;
    totals: ReturnType<typeof totalsOf>;
  }[] = [];
  for (const p of current) {
    const lines: StoredLine[] = lineRows
      .filter((l) => l.proposalId === p.id)
      .map(({ id: _i, proposalId: _p, position: _pos, ...l }) => l);
    const next = transform(p, lines);
    const totals = totalsOf(next.lines as ProposalLine[], termMonths, p.currency);
    const { id: _id, createdAt: _c, ...rest } = p;
    const [row] = await tx
      .insert(proposals)
      .values({
        ...rest,
        version: base + 1,
        position: positionOf(p),
        setupMinor: totals.setupMinor,
        monthlyMinor: totals.monthlyMinor,
        termTotalMinor: totals.termTotalMinor,
        explanation: next.explanation ?? p.explanation,
        ...next.replace,
      })
      .returning({ id: proposals.id });
    if (next.lines.length)
      await tx.insert(proposalLines).values(next.lines.map((l, i) => ({ ...l, proposalId: row!.id, position: i })));
    written.push({ tier: p.tier, before: lines, after: next.lines, old: p, totals });
  }
  const [{ currency } = { currency: "EUR" as const }] = added.length
    ? await tx
        .select({ currency: quoteRequests.currency })
        .from(quoteRequests)
        .where(eq(quoteRequests.id, quoteRequestId))
    : [];
  for (const a of added) {
    const totals = totalsOf(a.lines as ProposalLine[], termMonths, currency);
    const [row] = await tx
      .insert(proposals)
      .values({
        quoteRequestId,
        version: base + 1,
        tier: a.tier,
        position: a.position,
        currency: totals.currency,
        termMonths,
        setupMinor: totals.setupMinor,
        monthlyMinor: totals.monthlyMinor,
        termTotalMinor: totals.termTotalMinor,
        explanation: a.explanation,
        ...a.replace,
      })
      .returning({ id: proposals.id });
    if (a.lines.length)
      await tx.insert(proposalLines).values(a.lines.map((l, i) => ({ ...l, proposalId: row!.id, position: i })));
  }
  return written;
}

/**
 * A version the customer can accept has at least one proposal and every proposal at least one line:
 * DomainError "empty_version" (nothing built yet, e.g. a request nothing in the catalog fits) or
 * "empty_tier" (a tier whose lines were all removed) otherwise, in words the technician can act on.
 */
export async function assertPublishable(db: Executor, quoteRequestId: string, version: number) {
  const rows = await db
    .select({ id: proposals.id, tier: proposals.tier })
    .from(proposals)
    .where(and(eq(proposals.quoteRequestId, quoteRequestId), eq(proposals.version, version)))
    .orderBy(asc(proposals.position));
  if (rows.length === 0) throw new DomainError("empty_version", { version }, "version");
  const withLines = await db
    .selectDistinct({ proposalId: proposalLines.proposalId })
    .from(proposalLines)
    .where(
      inArray(
        proposalLines.proposalId,
        rows.map((r) => r.id),
      ),
    );
  const empty = rows.find((r) => !withLines.some((l) => l.proposalId === r.id));
  if (empty) throw new DomainError("empty_tier", { tier: empty.tier, version }, "version");
}

/**
 * Technicians change the quotes whose review item they hold (`write:review_item:own`), admins any
 * quote (`:any`); DomainError "not_assignee" otherwise. The item's row stays share-locked until the
 * transaction ends, so it cannot be unclaimed or reassigned while the change is written.
 */
async function assertHoldsReview(tx: Tx, quoteRequestId: string, actor: Actor) {
  if (accessOf(actor.role, "write:review_item") === "any") return;
  const [held] = await tx
    .select({ id: reviewItems.id })
    .from(reviewItems)
    .where(
      and(eq(reviewItems.quoteRequestId, quoteRequestId), ownedBy(actor, "write:review_item", reviewItems.assigneeId)),
    )
    .for("share")
    .limit(1);
  if (!held) throw new DomainError("not_assignee");
}

/**
 * The start of every technician's new version: the quote locked, held by the actor (assertHoldsReview),
 * not accepted, and room for one more version. The engine records version 1 even when it proposed
 * nothing, so the next one is at least version 2.
 */
async function openNextVersion(tx: Tx, quoteRequestId: string, actor: Actor) {
  const quote = await lockQuote(tx, quoteRequestId);
  if (!quote) throw new DomainError("not_found");
  await assertHoldsReview(tx, quoteRequestId, actor);
  if (quote.status === "accepted" || quote.status === "won") throw new DomainError("quote_accepted");
  const version = (await latestVersion(tx, quoteRequestId)) || 1;
  if (version >= MAX_VERSIONS) throw new DomainError("too_many_versions", { max: MAX_VERSIONS });
  return { quote, version };
}

/**
 * Saves the change as a new version of every proposal of the quote (the changed one differs), for
 * whoever holds the quote's review item or an admin (assertHoldsReview).
 */
export async function adjustProposal(
  db: Executor,
  quoteRequestId: string,
  proposalId: string,
  adjustment: Adjustment,
  reason: string,
  actor: Actor,
  given: Catalog,
) {
  const staffId = actor.id;
  return db.transaction(async (tx) => {
    const { quote, version } = await openNextVersion(tx, quoteRequestId, actor);
    const catalog = await inQuoteCurrency(tx, given, quote.currency);
    const [target] = await tx
      .select()
      .from(proposals)
      .where(
        and(eq(proposals.id, proposalId), eq(proposals.quoteRequestId, quoteRequestId), eq(proposals.version, version)),
      )
      .limit(1);
    if (!target) throw new DomainError("not_latest_version", {}, "proposalId");
    const termMonths = quote.requirements.termMonths;
    const trace: RuleTrace = { ruleId: "adjust.technician", inputs: { op: adjustment.op }, params: { reason } };
    await writeNextVersion(tx, quoteRequestId, version, termMonths, (p, lines) =>
      p.id === proposalId
        ? {
            lines: applyAdjustment(lines, adjustment, reason, catalog, termMonths),
            explanation: [...p.explanation, trace],
          }
        : { lines },
    );
    const base = await getVersion(tx, quoteRequestId, version);
    return closeTechnicianVersion(tx, {
      quoteRequestId,
      basedOn: version,
      priceBookId: catalog.priceBook.id,
      salesDiscountBps: base?.salesDiscountBps ?? 0,
      staffId,
      action: "proposal_adjusted",
      data: { tier: target.tier, adjustment, reason },
    });
  });
}

/**
 * A technician's change to the move (method, downtime, hours, window) with the reason the customer
 * reads, saved as a new version of every proposal: each proposal's migration lines are repriced from
 * the rate card of the quote's current price book, its discounts worked out again. For whoever holds
 * the quote's review item or an admin (assertHoldsReview); DomainError "no_migration_plan" for a
 * quote that is not moving.
 */
export async function overrideMigration(
  db: Executor,
  quoteRequestId: string,
  override: MigrationOverride,
  actor: Actor,
  given: Catalog,
) {
  return db.transaction(async (tx) => {
    const { quote, version } = await openNextVersion(tx, quoteRequestId, actor);
    const base = await getVersion(tx, quoteRequestId, version);
    const current = base?.migrationPlan ?? quote.migrationPlan;
    if (!current) throw new DomainError("no_migration_plan", {}, "method");
    const catalog = await inQuoteCurrency(tx, given, quote.currency);
    const plan = applyMigrationOverride(current, override);
    const priced: StoredLine[] = migrationLines(plan, catalog);
    const termMonths = quote.requirements.termMonths;
    await writeNextVersion(tx, quoteRequestId, version, termMonths, (_p, lines) => {
      const items = itemsOf(lines);
      const at = items.findIndex((l) => l.kind === "migration");
      const others = items.filter((l) => l.kind !== "migration");
      const withMove = [...others];
      withMove.splice(at === -1 ? others.length : at, 0, ...priced.map((l) => ({ ...l })));
      return {
        lines: withDiscounts(withMove, termMonths, termDiscountBpsOf(lines), salesDiscountBpsOf(lines)),
      };
    });
    return closeTechnicianVersion(tx, {
      quoteRequestId,
      basedOn: version,
      priceBookId: catalog.priceBook.id,
      salesDiscountBps: base?.salesDiscountBps ?? 0,
      staffId: actor.id,
      action: "migration_overridden",
      data: { override },
      migrationPlan: plan,
    });
  });
}

/**
 * The end of every technician change: the new version's record (a draft until published) and the
 * audit row saying who changed what, in the caller's transaction.
 */
async function closeTechnicianVersion(
  tx: Tx,
  v: {
    quoteRequestId: string;
    basedOn: number;
    priceBookId: number;
    salesDiscountBps: number;
    staffId: string;
    action: "proposal_adjusted" | "custom_configuration" | "migration_overridden";
    data: Record<string, unknown>;
    migrationPlan?: OverriddenMigrationPlan;
  },
) {
  const version = v.basedOn + 1;
  await recordVersion(tx, {
    quoteRequestId: v.quoteRequestId,
    version,
    origin: "adjustment",
    basedOn: v.basedOn,
    priceBookId: v.priceBookId,
    salesDiscountBps: v.salesDiscountBps,
    createdBy: v.staffId,
    ...(v.migrationPlan ? { migrationPlan: v.migrationPlan } : {}),
  });
  await tx.insert(auditLog).values({
    entityType: "quote_request",
    entityId: v.quoteRequestId,
    action: v.action,
    actor: `staff:${v.staffId}`,
    data: { version, ...v.data },
  });
  return { version };
}

/**
 * A tier a technician built from scratch (servers and add-ons from the current catalog, custom
 * priced lines), saved as a new version of every proposal of the quote: the tier is added, or
 * replaces the one the latest version has. For whoever holds the quote's review item or an admin
 * (assertHoldsReview). Works on a quote the engine could not propose anything for (a request
 * nothing in the catalog fits), whose first version has no proposals.
 */
export async function buildCustomTier(
  db: Executor,
  quoteRequestId: string,
  config: CustomConfiguration,
  reason: string,
  actor: Actor,
  given: Catalog,
) {
  const staffId = actor.id;
  return db.transaction(async (tx) => {
    const { quote, version } = await openNextVersion(tx, quoteRequestId, actor);
    const catalog = await inQuoteCurrency(tx, given, quote.currency);
    const base = await getVersion(tx, quoteRequestId, version);
    const salesDiscountBps = base?.salesDiscountBps ?? 0;
    const termMonths = quote.requirements.termMonths;
    const demand = quote.demand;
    const built = buildCustomConfiguration(
      config,
      catalog,
      termMonths,
      {
        vcpu: demand.vcpu,
        ramGb: demand.ramGb,
        storageGb: demand.storageGb,
        gpu: demand.gpu ?? 0,
        roles: (demand.roles ?? []).map((r) => r.role),
        region: quote.requirements.region,
      },
      reason,
      salesDiscountBps,
    );
    const replace = {
      availability: config.availability,
      servers: built.servers,
      capacity: built.capacity,
      failure: null,
      runsOutFirst: null,
    };
    const [existing] = await tx
      .select({ id: proposals.id })
      .from(proposals)
      .where(
        and(
          eq(proposals.quoteRequestId, quoteRequestId),
          eq(proposals.version, version),
          eq(proposals.tier, config.tier),
        ),
      )
      .limit(1);
    const replaced = Boolean(existing);
    const added = replaced
      ? []
      : [
          {
            tier: config.tier,
            position: tierPosition(config.tier),
            lines: built.lines,
            explanation: built.explanation,
            replace,
          },
        ];
    await writeNextVersion(
      tx,
      quoteRequestId,
      version,
      termMonths,
      (p, lines) =>
        p.tier === config.tier ? { lines: built.lines, explanation: built.explanation, replace } : { lines },
      added,
      // Lean, balanced, resilient in this order, whichever tiers the engine had proposed.
      (p) => tierPosition(p.tier),
    );
    const closed = await closeTechnicianVersion(tx, {
      quoteRequestId,
      basedOn: version,
      priceBookId: catalog.priceBook.id,
      salesDiscountBps,
      staffId,
      action: "custom_configuration",
      data: { tier: config.tier, replaced, items: config.items, custom: config.custom, reason },
    });
    return { ...closed, replaced, check: built.check };
  });
}

/**
 * Versions one quote may accumulate (engine, adjustments, refreshes, discounts together): enough for
 * any real negotiation, and a bound on what a looping script or an impatient rep can pile up.
 */
export const MAX_VERSIONS = 50;

/**
 * Who may change a quote on the sales side, as a condition on quote_requests: anyone while nobody
 * owns it, then its owner, and any admin (read from the users table, not from the caller).
 */
export function salesMayChange(staffId: string) {
  return or(
    isNull(quoteRequests.ownerId),
    eq(quoteRequests.ownerId, staffId),
    sql`exists (select 1 from ${users} where ${users.id} = ${staffId} and ${users.role} = 'admin' and ${users.disabledAt} is null)`,
  )!;
}

/**
 * Every change to a quote's status or versions (accept, publish, decline, adjust, discount,
 * refresh) takes this row lock in its transaction and decides on what it reads after it: two racing
 * changes then run one after the other and the second sees the first. With `salesActor` the quote
 * must also be theirs to change (salesMayChange), else DomainError "not_owner". Null: no such quote.
 */
export async function lockQuote(tx: Tx, quoteRequestId: string, salesActor?: string) {
  const [quote] = await tx
    .select()
    .from(quoteRequests)
    .where(and(eq(quoteRequests.id, quoteRequestId), salesActor ? salesMayChange(salesActor) : undefined))
    // NO KEY UPDATE: conflicts with every other status change, but not with the key-share locks that
    // inserts referencing the quote (messages, audit, outbox) take, so those never wait or deadlock on it.
    .for("no key update")
    .limit(1);
  if (quote) return quote;
  if (salesActor) {
    const [owned] = await tx
      .select({ ownerName: users.name })
      .from(quoteRequests)
      .leftJoin(users, eq(users.id, quoteRequests.ownerId))
      .where(eq(quoteRequests.id, quoteRequestId))
      .limit(1);
    if (owned) throw new DomainError("not_owner", { owner: owned.ownerName ?? "Another rep" });
  }
  return null;
}

/** A discount must change something and leave room for its version. */
export function assertDiscountable(version: { version: number; salesDiscountBps: number }, bps: number) {
  if (bps === version.salesDiscountBps)
    throw new DomainError("unchanged", { percent: bps / 100, version: version.version });
  if (version.version >= MAX_VERSIONS) throw new DomainError("too_many_versions", { max: MAX_VERSIONS });
}

/** The quote and its customer-visible version, locked for the change about to be made to them. */
export async function lockPublished(tx: Tx, quoteRequestId: string, salesActor?: string) {
  const quote = await lockQuote(tx, quoteRequestId, salesActor);
  if (!quote) throw new DomainError("not_found");
  if (quote.status === "accepted" || quote.status === "won") throw new DomainError("quote_accepted");
  if (quote.status !== "proposed" && quote.status !== "published") throw new DomainError("not_published");
  if ((await latestVersion(tx, quoteRequestId)) !== quote.publishedVersion) throw new DomainError("draft_pending");
  const version = await getVersion(tx, quoteRequestId, quote.publishedVersion);
  if (!version) throw new DomainError("not_found");
  return { quote, version };
}

/** Publishes a price-only change (refresh, discount) as the new version the customer sees. */
async function publishPriceChange(
  tx: Tx,
  quoteRequestId: string,
  newVersion: number,
  share: { from: number },
  now: Date,
) {
  await tx
    .update(quoteRequests)
    .set({ publishedVersion: newVersion, updatedAt: now })
    .where(eq(quoteRequests.id, quoteRequestId));
  // Links to the replaced version follow it, so the customer's link keeps working.
  await tx
    .update(shareLinks)
    .set({ proposalVersion: newVersion })
    .where(and(eq(shareLinks.quoteRequestId, quoteRequestId), eq(shareLinks.proposalVersion, share.from)));
}

/**
 * An expired version comes back at today's prices as a new version, valid again, with what
 * changed per tier and line. The old version stays as it was.
 */
export async function refreshVersion(
  db: Executor,
  quoteRequestId: string,
  actor: string,
  given: Catalog,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    // Staff refresh as sales (owner or admin); the customer may always refresh their own quote.
    const { quote, version } = await lockPublished(
      tx,
      quoteRequestId,
      actor.startsWith("staff:") ? actor.slice(6) : undefined,
    );
    if (!version.validUntil || version.validUntil > now) throw new DomainError("not_expired");
    const catalog = await inQuoteCurrency(tx, given, quote.currency, now);
    if (version.version >= MAX_VERSIONS) throw new DomainError("too_many_versions", { max: MAX_VERSIONS });
    const termMonths = quote.requirements.termMonths;
    const sellable = sellablePrices(catalog);
    const missing = new Set<string>();
    const written = await writeNextVersion(tx, quoteRequestId, version.version, termMonths, (_p, lines) => {
      const repriced = repriceLines(lines, sellable, termMonths, catalog.priceBook.termDiscountBps[termMonths] ?? 0);
      repriced.unavailable.forEach((sku) => missing.add(sku));
      return { lines: repriced.lines };
    });
    if (missing.size) throw new DomainError("no_longer_sold", await noLongerSoldParams(tx, [...missing], catalog));
    const changes: VersionChange[] = written.map((w) => ({
      tier: w.tier,
      oldSetupMinor: w.old.setupMinor,
      newSetupMinor: w.totals.setupMinor,
      oldMonthlyMinor: w.old.monthlyMinor,
      newMonthlyMinor: w.totals.monthlyMinor,
      lines: changedLines(w.before, w.after),
    }));
    const next = version.version + 1;
    await recordVersion(
      tx,
      {
        quoteRequestId,
        version: next,
        origin: "refresh",
        basedOn: version.version,
        priceBookId: catalog.priceBook.id,
        salesDiscountBps: version.salesDiscountBps,
        changes,
        createdBy: actor.startsWith("staff:") ? actor.slice(6) : null,
        publish: true,
      },
      now,
    );
    await publishPriceChange(tx, quoteRequestId, next, { from: version.version }, now);
    await tx.insert(quoteMessages).values({ quoteRequestId, authorType: "system", event: "refreshed", createdAt: now });
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: quoteRequestId,
      action: "version_refreshed",
      actor,
      data: { from: version.version, version: next, priceBookVersion: catalog.priceBook.version },
    });
    return { version: next, changes };
  });
}

/**
 * A sales discount as a new published version of the customer-visible one (replacing any earlier
 * sales discount rather than stacking on it). Only whoever may change the quote as sales
 * (salesMayChange); callers check who may give how much.
 */
export async function applySalesDiscount(
  tx: Tx,
  quoteRequestId: string,
  bps: number,
  actorId: string,
  reason: string,
  expectedBase: number | null,
  now = new Date(),
) {
  if (!Number.isInteger(bps) || bps < 0 || bps > MAX_DISCOUNT_BPS)
    throw new DomainError("discount_too_large", { max: MAX_DISCOUNT_BPS / 100 }, "bps");
  const { quote, version } = await lockPublished(tx, quoteRequestId, actorId);
  if (expectedBase !== null && version.version !== expectedBase) throw new DomainError("discount_stale");
  if (!version.validUntil || version.validUntil <= now) throw new DomainError("expired");
  assertDiscountable(version, bps);
  const termMonths = quote.requirements.termMonths;
  const trace: RuleTrace = { ruleId: "price.sales_discount", inputs: { bps }, params: { percent: bps / 100 } };
  await writeNextVersion(tx, quoteRequestId, version.version, termMonths, (p, lines) => {
    return {
      lines: withDiscounts(lines, termMonths, termDiscountBpsOf(lines), bps),
      explanation: [...p.explanation.filter((e) => e.ruleId !== "price.sales_discount"), ...(bps > 0 ? [trace] : [])],
    };
  });
  const next = version.version + 1;
  await recordVersion(
    tx,
    {
      quoteRequestId,
      version: next,
      origin: "discount",
      basedOn: version.version,
      priceBookId: version.priceBookId,
      salesDiscountBps: bps,
      createdBy: actorId,
      publish: true,
      validUntil: version.validUntil,
    },
    now,
  );
  await publishPriceChange(tx, quoteRequestId, next, { from: version.version }, now);
  await tx.insert(auditLog).values({
    entityType: "quote_request",
    entityId: quoteRequestId,
    action: "discount_applied",
    actor: `staff:${actorId}`,
    data: { from: version.version, version: next, bps, reason },
  });
  return { version: next };
}
