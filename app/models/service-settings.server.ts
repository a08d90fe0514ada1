import { eq } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { auditLog, serviceSettings, users } from "#db/schema";
import type { ContractTargets } from "~/domain/incidents";
import type { CreditPolicy } from "~/domain/service-credits";
import { readContractTargets, readCreditPolicy } from "~/domain/service-settings";

/**
 * A service's contract settings (issue 19): incident targets over the defaults and the credit
 * policy, in service_settings (no row: the defaults). Only these two columns are written here; the
 * review cadence and time zone in the same row belong to maintenance and capacity reviews.
 */
export interface ContractSettings {
  targets: ContractTargets;
  creditPolicy: CreditPolicy;
  /** Whether a policy of its own is stored (else the default). */
  ownCreditPolicy: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** The contract's incident targets (what it changes over the defaults); {} without a row. */
export async function contractTargets(db: Executor, quoteRequestId: string): Promise<ContractTargets> {
  const [row] = await db
    .select({ targets: serviceSettings.incidentTargets })
    .from(serviceSettings)
    .where(eq(serviceSettings.quoteRequestId, quoteRequestId))
    .limit(1);
  return readContractTargets(row?.targets);
}

export async function contractSettings(db: Executor, quoteRequestId: string): Promise<ContractSettings> {
  const [row] = await db
    .select({
      targets: serviceSettings.incidentTargets,
      creditPolicy: serviceSettings.creditPolicy,
      updatedAt: serviceSettings.updatedAt,
      updatedBy: users.name,
    })
    .from(serviceSettings)
    .leftJoin(users, eq(users.id, serviceSettings.updatedBy))
    .where(eq(serviceSettings.quoteRequestId, quoteRequestId))
    .limit(1);
  return {
    targets: readContractTargets(row?.targets),
    creditPolicy: readCreditPolicy(row?.creditPolicy),
    ownCreditPolicy: Boolean(row?.creditPolicy),
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

/**
 * Stores a service's targets and credit policy (upsert of those columns only, with who and when),
 * and an audit entry, in one transaction.
 */
export async function saveContractSettings(
  db: Executor,
  actor: { id: string },
  quoteRequestId: string,
  settings: { targets: ContractTargets; creditPolicy: CreditPolicy | null },
  now = new Date(),
) {
  await db.transaction(async (tx) => {
    const values = {
      incidentTargets: settings.targets,
      creditPolicy: settings.creditPolicy,
      updatedBy: actor.id,
      updatedAt: now,
    };
    await tx
      .insert(serviceSettings)
      .values({ quoteRequestId, ...values })
      .onConflictDoUpdate({ target: serviceSettings.quoteRequestId, set: values });
    await tx.insert(auditLog).values({
      entityType: "service",
      entityId: quoteRequestId,
      action: "contract_settings_set",
      actor: `staff:${actor.id}`,
      data: { incidentTargets: settings.targets, creditPolicy: settings.creditPolicy },
    });
  });
}
