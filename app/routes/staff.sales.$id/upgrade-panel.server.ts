import type { Executor } from "#db/client.server";
import { billingChangeForQuote, upgradeTargets } from "~/models/billing-change.server";
import type { StaffTime } from "~/utils/staff-time";
import type { UpgradePanel } from "./upgrade-section";

/** The sales page's "upgrade of a running service": the customer's running services and, once handed over, the change. */
export async function upgradePanel(
  db: Executor,
  quoteRequestId: string,
  current: string | null,
  time: StaffTime,
): Promise<UpgradePanel> {
  const [targets, change] = await Promise.all([
    upgradeTargets(db, quoteRequestId),
    billingChangeForQuote(db, quoteRequestId),
  ]);
  return {
    current,
    targets: targets.map((t) => ({
      acceptanceId: t.acceptanceId,
      reference: t.reference,
      tier: t.tier,
      monthlyMinor: t.monthlyMinor,
      termEndsAt: t.termEndsAt ? time(t.termEndsAt) : null,
    })),
    change: change
      ? {
          fromMonthlyMinor: change.fromMonthlyMinor,
          toMonthlyMinor: change.toMonthlyMinor,
          setupMinor: change.setupMinor,
          requestedAt: time(change.requestedAt),
          appliedAt: change.appliedAt ? time(change.appliedAt) : null,
          proratedMinor: change.proratedMinor,
          lastError: change.lastError,
        }
      : null,
  };
}
