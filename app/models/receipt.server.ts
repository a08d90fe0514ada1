import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { acceptances, payments } from "#db/schema";

/** What a paid acceptance's receipt shows: who paid what, when, and Stripe's reference for it. */
export interface ReceiptFacts {
  quoteRequestId: string;
  number: string;
  version: number;
  tier: "lean" | "balanced" | "resilient";
  currency: "EUR" | "USD";
  setupMinor: number;
  monthlyMinor: number;
  termMonths: number;
  termTotalMinor: number;
  paidMinor: number;
  name: string;
  company: string | null;
  email: string;
  poNumber: string | null;
  paidAt: string;
  /** The PaymentIntent (pi_…) where Stripe gave one, else the Checkout Session (cs_…). */
  paymentReference: string;
}

/** The receipt of a quote, or null while it is not paid. Access is the caller's (a live quote or share link). */
export async function receiptForQuote(db: Executor, quoteRequestId: string): Promise<ReceiptFacts | null> {
  const [row] = await db
    .select({ acceptance: acceptances, payment: payments })
    .from(acceptances)
    .innerJoin(payments, and(eq(payments.acceptanceId, acceptances.id), eq(payments.status, "paid")))
    .where(and(eq(acceptances.quoteRequestId, quoteRequestId), isNotNull(acceptances.paidAt)))
    .orderBy(desc(payments.attempt))
    .limit(1);
  if (!row) return null;
  const { acceptance: a, payment: p } = row;
  return {
    quoteRequestId,
    number: `R-${quoteRequestId.slice(0, 8).toUpperCase()}-${p.attempt}`,
    version: a.version,
    tier: a.tier,
    currency: a.currency,
    setupMinor: a.setupMinor,
    monthlyMinor: a.monthlyMinor,
    termMonths: a.termMonths,
    termTotalMinor: a.termTotalMinor,
    paidMinor: p.amountMinor,
    name: a.name,
    company: a.company,
    email: a.email,
    poNumber: a.poNumber,
    paidAt: a.paidAt!.toISOString(),
    paymentReference: p.paymentIntentId ?? p.checkoutSessionId,
  };
}
