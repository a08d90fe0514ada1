import type postgres from "postgres";

/**
 * The staff operations board at scale (issue 19 item 4), seeded straight into the bench database
 * with bulk SQL (as minimal as the foreign keys allow, as the review-queue row does):
 *   - `services` handed-over services: a quote ('won'), one proposal, its acceptance, a provisioning
 *     item 'done' and a Stripe subscription billing monthly, with six paid invoices each; 20 of them
 *     with a payment overdue (an open invoice), 5 of those flagged for suspension;
 *   - `incidents` resolved incidents over them (three public updates and, every fourth, an internal
 *     note each), spread over the last three years;
 *   - 30 open incidents: every severity and state, some overdue (paged), some customer reports still
 *     waiting for a first response;
 *   - maintenance windows: 300 upcoming, 8 today (2 in progress), 20,000 past (completed, a few
 *     cancelled);
 *   - capacity reviews: two past reviews for each service, every seventh service due for its next;
 *   - a rota of six technicians with two overrides.
 */
export async function seedOperations(sql: postgres.Sql, services: number, incidents: number) {
  const [book] = await sql<{ id: number }[]>`select id from price_books order by version desc limit 1`;
  await sql`
    with q as (
      insert into quote_requests (status, locale, contact_name, contact_email, company, requirements, price_book_id, demand,
                                  review_required, review_reasons, created_at)
      select 'won', 'en', 'Ops Customer ' || g, 'ops-' || g || '@example.com', case when g % 3 = 0 then null else 'Company ' || g end,
             '{"availability":"standard","termMonths":12,"region":"eu"}'::jsonb, ${book!.id}, '{}'::jsonb, false, '[]'::jsonb,
             now() - interval '3 years' + (g || ' minutes')::interval
      from generate_series(1, ${services}) g
      returning id, created_at
    ), p as (
      insert into proposals (quote_request_id, tier, position, availability, currency, term_months, setup_minor, monthly_minor,
                             term_total_minor, servers, capacity, explanation)
      select id, 'balanced', 1, 'standard', 'EUR', 12, 0, 10000, 120000, '[]'::jsonb, '{}'::jsonb, '[]'::jsonb from q
      returning id, quote_request_id
    ), a as (
      insert into acceptances (quote_request_id, version, tier, proposal_id, currency, setup_minor, monthly_minor, term_months,
                               term_total_minor, due_now_minor, terms_version, name, email, accepted_at, paid_at)
      select quote_request_id, 1, 'balanced', id, 'EUR', 0, 10000, 12, 120000, 0, 'bench', 'Ops Customer', 'ops@example.com',
             now() - interval '1 year', now() - interval '1 year'
      from p
      returning id, quote_request_id
    )
    insert into provisioning_items (quote_request_id, acceptance_id, status)
    select quote_request_id, id, 'done' from a`;
  // Billing: every service bills monthly; 20 have a payment overdue (5 of them flagged for a decision).
  await sql`
    insert into billing_subscriptions (acceptance_id, stripe_subscription_id, stripe_customer_id, status, stripe_event_at,
                                       billing_requested_at, billing_started_at, overdue_since, suspension_flagged_at)
    select a.id, 'sub_ops_' || n, 'cus_ops_' || n, case when n <= 20 then 'past_due' else 'active' end, now(),
           now() - interval '6 months', now() - interval '6 months',
           case when n <= 20 then now() - (n || ' days')::interval end,
           case when n <= 5 then now() - interval '1 day' end
    from (select id, row_number() over (order by id) n from acceptances) a`;
  await sql`
    insert into billing_invoices (id, acceptance_id, stripe_subscription_id, status, amount_due_minor, amount_paid_minor, currency,
                                  next_payment_attempt, stripe_created_at, stripe_event_at, paid_at)
    select 'in_ops_' || s.id || '_' || m, s.acceptance_id, s.stripe_subscription_id,
           case when m = 6 and s.overdue_since is not null then 'open' else 'paid' end, 10000,
           case when m = 6 and s.overdue_since is not null then 0 else 10000 end, 'eur',
           case when m = 6 and s.overdue_since is not null and s.suspension_flagged_at is null then now() + interval '2 days' end,
           now() - ((6 - m) || ' months')::interval, now(), now() - ((6 - m) || ' months')::interval
    from billing_subscriptions s, generate_series(1, 6) m`;

  // 100,000 resolved incidents over the services, each with its three public updates (and a note every fourth).
  await sql`
    with s as (select id, row_number() over (order by id) - 1 n from quote_requests where status = 'won'),
    i as (
      insert into incidents (quote_request_id, severity, state, title, reported_by_customer, opened_at, first_response_due_at,
                             first_responded_at, next_update_due_at, downtime_from, downtime_to, resolved_at, summary, updated_at)
      select s.id, (array['P1','P2','P3','P4'])[1 + g % 4], 'resolved', 'Past incident ' || g, g % 5 = 0, t.opened,
             t.opened + interval '15 minutes', t.opened + interval '10 minutes', null,
             case when g % 2 = 0 then t.opened end, case when g % 2 = 0 then t.opened + interval '40 minutes' end,
             t.opened + interval '2 hours', 'Fixed: a failed disk was replaced.', t.opened + interval '2 hours'
      from generate_series(1, ${incidents}) g
      join s on s.n = g % ${services}
      cross join lateral (select now() - interval '3 hours' - ((g * 947) % (3 * 365 * 24 * 60) || ' minutes')::interval opened) t
      returning id, opened_at, number
    )
    insert into incident_updates (incident_id, state, body, internal, next_update_at, author_kind, created_at)
    select i.id, u.state, u.body, u.internal, null, 'staff', i.opened_at + u.after
    from i cross join lateral (values
      ('investigating', 'We are looking into it.', false, interval '10 minutes'),
      ('identified', 'A disk failed; it is being replaced.', false, interval '40 minutes'),
      ('investigating', 'Internal: check the RAID controller logs too.', true, interval '45 minutes'),
      ('resolved', 'Resolved: the array is rebuilt.', false, interval '2 hours')
    ) u(state, body, internal, after)
    where not u.internal or i.number % 4 = 0`;

  // 30 open incidents: the board's rows. Some overdue (and paged), some customer reports with no response yet.
  await sql`
    with s as (select id, row_number() over (order by id) n from quote_requests where status = 'won'),
    i as (
      insert into incidents (quote_request_id, severity, state, title, reported_by_customer, opened_at, first_response_due_at,
                             first_responded_at, next_update_due_at, paged_step, updated_at)
      select s.id, (array['P1','P2','P3','P4'])[1 + g % 4], (array['investigating','identified','monitoring'])[1 + g % 3],
             'Open incident ' || g, g % 6 = 0, now() - (g * 7 || ' minutes')::interval,
             now() - (g * 7 || ' minutes')::interval + interval '15 minutes',
             case when g % 6 = 0 then null else now() - (g * 7 || ' minutes')::interval + interval '5 minutes' end,
             case when g % 4 = 3 and g % 6 <> 0 then null else now() + ((g * 13) % 240 - 60 || ' minutes')::interval end,
             case when (g * 13) % 240 < 60 then 1 else 0 end, now()
      from generate_series(1, 30) g join s on s.n = g * 97
      returning id, opened_at, reported_by_customer
    )
    insert into incident_updates (incident_id, state, body, internal, author_kind, created_at)
    select id, 'investigating', 'Something is wrong; we are on it.', false, case when reported_by_customer then 'customer' else 'staff' end,
           opened_at
    from i`;

  // Maintenance: 300 upcoming, 8 today (2 running now), 20,000 past (completed, every fiftieth cancelled).
  await sql`
    with s as (select id, row_number() over (order by id) n from quote_requests where status = 'won')
    insert into maintenance_windows (quote_request_id, kind, title, expected_downtime_minutes, starts_at, ends_at, time_zone,
                                     state, affects_service, created_at)
    select s.id, w.kind, w.title, w.downtime, w.starts, w.starts + interval '1 hour', 'Europe/Madrid', w.state, w.downtime > 0,
           w.starts - interval '14 days'
    from generate_series(1, 20308) g
    join s on s.n = 1 + (g * 31) % ${services}
    cross join lateral (select
      case when g % 3 = 0 then 'disruptive' else 'routine' end kind,
      'Maintenance ' || g title,
      case when g % 3 = 0 then 30 else 0 end downtime,
      case
        when g <= 300 then now() + (g * 4 || ' hours')::interval
        when g <= 302 then now() - interval '20 minutes'
        when g <= 308 then date_trunc('hour', now()) + ((g - 302) || ' hours')::interval
        else now() - ((g - 308) * 47 || ' minutes')::interval - interval '2 hours'
      end starts,
      case
        when g <= 300 then 'scheduled'
        when g <= 302 then 'in_progress'
        when g <= 308 then 'scheduled'
        when g % 50 = 0 then 'cancelled'
        else 'completed'
      end state) w`;

  // Capacity reviews: two past ones per service (the last a month ago; every 7th service's 100 days ago, so due).
  await sql`
    insert into capacity_reviews (quote_request_id, recorded_at, source, usage, capacity, findings)
    select q.id, now() - ((r * 90 - 60 + (n % 7 = 0)::int * 70) || ' days')::interval, 'technician',
           '{"cpuPercent":35,"ramGb":20,"diskGb":400,"trafficTb":2}'::jsonb, '{"cpuPercent":100,"ramGb":64,"diskGb":2000,"trafficTb":20}'::jsonb,
           '{}'::jsonb
    from (select id, row_number() over (order by id) n from quote_requests where status = 'won') q, generate_series(1, 2) r`;
  // Each running service's next review, as the app stores it (models/capacity-review.server.ts): the last review plus three months.
  await sql`
    update provisioning_items p set capacity_review_due_at = r.last_at + interval '3 months'
    from (select quote_request_id, max(recorded_at) last_at from capacity_reviews group by quote_request_id) r
    where r.quote_request_id = p.quote_request_id and p.status = 'done'`;

  // The rota: six technicians in turn from a Monday, two overrides ahead.
  const technicians = await sql<{ id: string }[]>`
    insert into users (email, name, role, password_hash)
    select 'ops-tech-' || g || '@example.com', 'Ops Technician ' || g, 'technician', 'not-a-login' from generate_series(1, 6) g
    returning id`;
  await sql`insert into oncall_members ${sql(technicians.map((t, position) => ({ user_id: t.id, position })))}`;
  await sql`insert into oncall_settings (id, starts_on, handover_weekday, handover_time) values (1, '2026-01-05', 1, '09:00')`;
  await sql`
    insert into oncall_overrides (user_id, starts_at, ends_at)
    values (${technicians[0]!.id}, now() + interval '2 days', now() + interval '3 days'),
           (${technicians[1]!.id}, now() - interval '1 hour', now() + interval '5 hours')`;
  await sql`analyze`;
}

/**
 * The board's queries written out (as the models send them: incident.server.ts, billing.server.ts,
 * maintenance.server.ts, capacity-review.server.ts), for EXPLAIN: each should read an index, not scan
 * a table of the seeded size.
 */
export const BOARD_QUERIES: { name: string; text: string }[] = [
  {
    name: "open incidents (openIncidents)",
    text: `select i.id, i.number, i.severity, i.state, i.title, i.next_update_due_at, i.paged_step, q.contact_name, q.company
      from incidents i inner join quote_requests q on q.id = i.quote_request_id
      where i.state <> 'resolved' order by i.next_update_due_at asc nulls last, i.opened_at asc limit 200`,
  },
  {
    name: "overdue payments (overdueServices)",
    text: `select s.id, q.id, q.contact_name,
        (select p.id from provisioning_items p where p.acceptance_id = a.id limit 1),
        coalesce((select sum(i.amount_due_minor - i.amount_paid_minor)::int from billing_invoices i
          where i.stripe_subscription_id = s.stripe_subscription_id and i.status = 'open'), 0),
        (select min(i.next_payment_attempt) from billing_invoices i
          where i.stripe_subscription_id = s.stripe_subscription_id and i.status = 'open')
      from billing_subscriptions s inner join acceptances a on a.id = s.acceptance_id
      inner join quote_requests q on q.id = a.quote_request_id
      where s.overdue_since is not null or s.suspension_flagged_at is not null
      order by s.overdue_since asc limit 200`,
  },
  {
    name: "rota overrides ahead (rotaView)",
    text: `select o.id, o.user_id, u.name, o.starts_at, o.ends_at, o.made_at from oncall_overrides o inner join users u on u.id = o.user_id
      where o.ends_at > now() order by o.starts_at asc limit 200`,
  },
  {
    name: "escalation worker, every 2 s (dueEscalationCandidates)",
    text: `select * from incidents where state <> 'resolved' and next_update_due_at is not null
      and next_update_due_at <= now() and paged_step < 2 order by next_update_due_at asc limit 50`,
  },
  {
    name: "maintenance today and ahead (open windows by start)",
    text: `select w.id, w.starts_at, w.state, q.contact_name from maintenance_windows w inner join quote_requests q on q.id = w.quote_request_id
      where w.state in ('scheduled', 'in_progress', 'extended') and w.starts_at <= now() + interval '14 days'
      order by w.starts_at asc limit 100`,
  },
  {
    name: "capacity reviews due (dueCapacityReviews)",
    text: `select q.id, q.contact_name, q.company,
        (select max(r.recorded_at) from capacity_reviews r where r.quote_request_id = p.quote_request_id), p.capacity_review_due_at
      from provisioning_items p inner join quote_requests q on q.id = p.quote_request_id
      where p.status = 'done' and p.capacity_review_due_at <= now()
      order by p.capacity_review_due_at asc limit 20`,
  },
];
