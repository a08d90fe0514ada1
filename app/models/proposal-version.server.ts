import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "#db/client.server";
import { auditLog, proposalLines, proposals, quoteRequests } from "#db/schema";
import type { Catalog } from "~/domain/catalog";
import type { RuleTrace } from "~/domain/demand";
import { basisPointsOf, multiplyMinor, sumMinor } from "~/domain/money";
import { type ProposalLine, totalsOf } from "~/domain/pricing";
import type { TermMonths } from "~/domain/quote-input";

const position = z.coerce.number().int().min(0).max(500);
const quantity = z.coerce.number().int().min(1).max(1000);
const minor = z.coerce.number().int().min(0).max(100_000_000);

/** One change a technician makes to a proposal; each saves a new version, older ones stay. */
export const adjustmentSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("quantity"), position, quantity }),
  z.object({ op: z.literal("remove"), position }),
  z.object({ op: z.literal("swap"), position, sku: z.string().min(1).max(60) }),
  z.object({ op: z.literal("add"), sku: z.string().min(1).max(60), quantity }),
  z.object({ op: z.literal("custom"), description: z.string().trim().min(1).max(200), quantity, monthlyMinor: minor, setupMinor: minor }),
]);
export type Adjustment = z.infer<typeof adjustmentSchema>;

type StoredLine = Omit<ProposalLine, "kind"> & { kind: string };

export class AdjustmentError extends Error {}

function priced(catalog: Catalog, kind: string, sku: string, name: string, qty: number, why: RuleTrace[]): StoredLine {
  const p = catalog.priceBook.prices[sku];
  if (!p) throw new AdjustmentError(`${sku} is not in the current price book`);
  return { kind, sku, name, quantity: qty, unitMonthlyMinor: p.monthlyMinor, unitSetupMinor: p.setupMinor, monthlyMinor: multiplyMinor(p.monthlyMinor, qty), setupMinor: multiplyMinor(p.setupMinor, qty), why };
}

/** Applies one change to a proposal's lines; lines already there keep the price they were quoted at. */
export function applyAdjustment(lines: readonly StoredLine[], adjustment: Adjustment, reason: string, catalog: Catalog, termMonths: TermMonths): StoredLine[] {
  const why: RuleTrace[] = [{ ruleId: "adjust.technician", inputs: { op: adjustment.op }, params: { reason } }];
  const items = lines.filter((l) => l.kind !== "discount").map((l) => ({ ...l }));
  const at = (pos: number) => {
    const line = items[pos];
    if (!line) throw new AdjustmentError("There is no such line.");
    return line;
  };
  switch (adjustment.op) {
    case "quantity": {
      const line = at(adjustment.position);
      line.quantity = adjustment.quantity;
      line.monthlyMinor = multiplyMinor(line.unitMonthlyMinor, line.quantity);
      line.setupMinor = multiplyMinor(line.unitSetupMinor, line.quantity);
      line.why = [...line.why, ...why];
      break;
    }
    case "remove":
      at(adjustment.position);
      items.splice(adjustment.position, 1);
      break;
    case "swap": {
      const line = at(adjustment.position);
      const model = catalog.servers.find((s) => s.sku === adjustment.sku);
      if (line.kind !== "server" || !model) throw new AdjustmentError("Only a server can be swapped, for another server model.");
      items[adjustment.position] = priced(catalog, "server", model.sku, model.name, line.quantity, why);
      break;
    }
    case "add": {
      const addon = catalog.addons.find((a) => a.sku === adjustment.sku);
      const model = catalog.servers.find((s) => s.sku === adjustment.sku);
      if (!addon && !model) throw new AdjustmentError("Unknown product.");
      const kind = model ? "server" : addon!.kind === "disk" || addon!.kind === "volume" ? "storage" : addon!.kind;
      items.push(priced(catalog, kind, adjustment.sku, (model ?? addon)!.name, adjustment.quantity, why));
      break;
    }
    case "custom":
      items.push({
        kind: "custom",
        sku: null,
        name: adjustment.description,
        quantity: adjustment.quantity,
        unitMonthlyMinor: adjustment.monthlyMinor,
        unitSetupMinor: adjustment.setupMinor,
        monthlyMinor: multiplyMinor(adjustment.monthlyMinor, adjustment.quantity),
        setupMinor: multiplyMinor(adjustment.setupMinor, adjustment.quantity),
        why,
      });
      break;
  }
  const bps = catalog.priceBook.termDiscountBps[termMonths] ?? 0;
  const discount = basisPointsOf(sumMinor(items.map((l) => l.monthlyMinor)), bps);
  if (discount > 0) {
    items.push({ kind: "discount", sku: null, name: `term-${termMonths}`, quantity: 1, unitMonthlyMinor: -discount, unitSetupMinor: 0, monthlyMinor: -discount, setupMinor: 0, why: [{ ruleId: "price.term_discount", inputs: { termMonths, bps }, params: { months: termMonths, percent: bps / 100 } }] });
  }
  return items;
}

export async function latestVersion(db: Database, quoteRequestId: string): Promise<number> {
  const [row] = await db.select({ version: proposals.version }).from(proposals).where(eq(proposals.quoteRequestId, quoteRequestId)).orderBy(desc(proposals.version)).limit(1);
  return row?.version ?? 0;
}

/** Saves the change as a new version of every proposal of the quote (the changed one differs). */
export async function adjustProposal(db: Database, quoteRequestId: string, proposalId: string, adjustment: Adjustment, reason: string, staffId: string, catalog: Catalog) {
  return db.transaction(async (tx) => {
    const [quote] = await tx.select().from(quoteRequests).where(eq(quoteRequests.id, quoteRequestId)).limit(1);
    if (!quote) throw new AdjustmentError("Unknown quote.");
    const [latest] = await tx.select({ version: proposals.version }).from(proposals).where(eq(proposals.quoteRequestId, quoteRequestId)).orderBy(desc(proposals.version)).limit(1);
    const version = latest?.version ?? 1;
    const current = await tx.select().from(proposals).where(and(eq(proposals.quoteRequestId, quoteRequestId), eq(proposals.version, version))).orderBy(asc(proposals.position));
    const target = current.find((p) => p.id === proposalId);
    if (!target) throw new AdjustmentError("Adjust the latest version of a proposal.");
    const lineRows = await tx.select().from(proposalLines).where(inArray(proposalLines.proposalId, current.map((p) => p.id))).orderBy(asc(proposalLines.position));
    const termMonths = quote.requirements.termMonths;
    for (const p of current) {
      const lines: StoredLine[] = lineRows.filter((l) => l.proposalId === p.id).map(({ id: _i, proposalId: _p, position: _pos, ...l }) => l);
      const next = p.id === proposalId ? applyAdjustment(lines, adjustment, reason, catalog, termMonths) : lines;
      const totals = totalsOf(next as ProposalLine[], termMonths);
      const { id: _id, createdAt: _c, ...rest } = p;
      const [row] = await tx
        .insert(proposals)
        .values({ ...rest, version: version + 1, setupMinor: totals.setupMinor, monthlyMinor: totals.monthlyMinor, termTotalMinor: totals.termTotalMinor, explanation: p.id === proposalId ? [...p.explanation, { ruleId: "adjust.technician", inputs: { op: adjustment.op }, params: { reason } }] : p.explanation })
        .returning({ id: proposals.id });
      if (next.length) await tx.insert(proposalLines).values(next.map((l, i) => ({ ...l, proposalId: row!.id, position: i })));
    }
    await tx.insert(auditLog).values({ entityType: "quote_request", entityId: quoteRequestId, action: "proposal_adjusted", actor: `staff:${staffId}`, data: { version: version + 1, tier: target.tier, adjustment, reason } });
    return { version: version + 1 };
  });
}
