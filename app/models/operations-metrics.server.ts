import { sql } from "drizzle-orm";
import { type Executor, rowsOf } from "#db/client.server";

/** The operator's own figures from the database, read once per scrape of /metrics (server/metrics.ts). */
export interface OperationsFigures {
  /** E-mails waiting in the outbox, and those already due (their next attempt has come). */
  outboxPending: number;
  outboxDue: number;
  /** How long the oldest due e-mail has waited since it became due, in seconds (0: none due). */
  outboxOldestDueSeconds: number;
  /** Review items open, claimed or waiting whose first-response or resolution deadline has passed. */
  reviewItemsPastSla: number;
  /** Running services with a monthly payment overdue (Stripe retrying or retries over). */
  billingOverdue: number;
  /** Upgrades handed over whose billing change Stripe has not made yet. */
  billingChangesWaiting: number;
  /** Open incidents whose next public update (or first response) is due and not given. */
  incidentUpdatesOverdue: number;
  /** Connections to this database by state (every instance's; PostgreSQL only, empty on the embedded one). */
  connections: Record<string, number>;
}

export async function operationsFigures(db: Executor, postgres: boolean): Promise<OperationsFigures> {
  const [row] = rowsOf<{
    outbox_pending: number;
    outbox_due: number;
    outbox_oldest_due_seconds: number | string | null;
    review_past_sla: number;
    billing_overdue: number;
    billing_changes_waiting: number;
    incident_updates_overdue: number;
  }>(
    await db.execute(sql`select
      (select count(*)::int from outbox_messages where status = 'pending') as outbox_pending,
      (select count(*)::int from outbox_messages where status = 'pending' and next_attempt_at <= now()) as outbox_due,
      (select extract(epoch from now() - min(next_attempt_at))::float8 from outbox_messages
        where status = 'pending' and next_attempt_at <= now()) as outbox_oldest_due_seconds,
      (select count(*)::int from review_items where status in ('open', 'claimed', 'waiting_customer')
        and (first_response_due_at < now() or resolution_due_at < now())) as review_past_sla,
      (select count(*)::int from billing_subscriptions where overdue_since is not null or suspension_flagged_at is not null) as billing_overdue,
      (select count(*)::int from billing_changes where applied_at is null) as billing_changes_waiting,
      (select count(*)::int from incidents where state <> 'resolved' and next_update_due_at <= now()) as incident_updates_overdue`),
  );
  const connections: Record<string, number> = {};
  if (postgres) {
    const states = rowsOf<{ state: string | null; n: number }>(
      await db.execute(
        sql`select state, count(*)::int as n from pg_stat_activity where datname = current_database() and backend_type = 'client backend' group by state`,
      ),
    );
    for (const s of states) connections[s.state ?? "unknown"] = Number(s.n);
  }
  return {
    outboxPending: Number(row?.outbox_pending ?? 0),
    outboxDue: Number(row?.outbox_due ?? 0),
    outboxOldestDueSeconds: Math.max(0, Number(row?.outbox_oldest_due_seconds ?? 0)),
    reviewItemsPastSla: Number(row?.review_past_sla ?? 0),
    billingOverdue: Number(row?.billing_overdue ?? 0),
    billingChangesWaiting: Number(row?.billing_changes_waiting ?? 0),
    incidentUpdatesOverdue: Number(row?.incident_updates_overdue ?? 0),
    connections,
  };
}
