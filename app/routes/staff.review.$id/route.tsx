import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import { reviewItemAction } from "./action.server";
import { Assignment } from "./assignment";
import { AuditLog } from "./audit-log";
import { Checklist } from "./checklist";
import { Conversation } from "./conversation";
import { CustomConfiguration } from "./custom-config";
import { InternalNotes } from "./internal-notes";
import { loadReviewPage } from "./load.server";
import { MigrationPlan } from "./migration-plan";
import { ProposalDetails } from "./proposal-details";
import { Resolution } from "./resolution";

/** Prints prices and dates: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: review item" }];

export const loader = ({ request, params }: LoaderFunctionArgs) => loadReviewPage(request, params.id);

export const action = ({ request, params }: ActionFunctionArgs) => reviewItemAction(request, params.id);

const iso = (d: string | Date | null) => (d ? new Date(d).toISOString() : null);

export default function ReviewItemPage() {
  const { user, item, can, quote, proposals, latest, products, staff, messages, notes, audit, custom, migration } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="staff review-detail">
      <StaffNav user={user} />
      <h1>
        Review: {quote.contactName}
        {quote.company ? `, ${quote.company}` : ""}
      </h1>
      <p>
        Status <strong>{item.status}</strong> · priority {item.priority} · assignee {item.assigneeName ?? "nobody"} ·
        first response due {iso(item.firstResponseDueAt) ?? "—"} · resolution due{" "}
        {iso(item.resolutionDueAt) ?? "paused"}
      </p>
      <ActionFeedback
        notice={actionData && "ok" in actionData ? actionData.ok : null}
        errors={actionData && "errors" in actionData ? actionData.errors : null}
      />

      <Checklist reasons={item.reasons} canChange={can.change} />
      <Assignment canUnclaim={can.unclaim} staff={staff} />

      <h2>Workloads</h2>
      <ul>
        {quote.workloads.map((w) => (
          <li key={w.position}>
            <code>{JSON.stringify(w.params)}</code>
          </li>
        ))}
      </ul>
      <p>
        Requirements: <code>{JSON.stringify(quote.requirements)}</code>
      </p>
      {quote.monthlyBudget ? <p>Monthly budget: {quote.monthlyBudget}</p> : null}

      <h2>Proposals (technician view), version {latest}</h2>
      <p>Customer sees version {quote.publishedVersion}.</p>
      {proposals.map((p) => (
        <ProposalDetails
          key={p.id}
          proposal={p}
          latest={latest}
          products={products}
          canChange={can.change}
          currency={quote.currency}
        />
      ))}

      {migration ? (
        <MigrationPlan
          plan={migration}
          canChange={can.change}
          errors={actionData && "errors" in actionData ? actionData.errors : []}
        />
      ) : null}

      {proposals.length === 0 ? <p>No proposal yet: nothing in the catalog fitted the request.</p> : null}
      {can.change ? (
        <CustomConfiguration view={custom} tiers={proposals.map((p) => p.tier)} currency={quote.currency} />
      ) : null}

      {can.resolve ? (
        <Resolution latest={latest} empty={proposals.length === 0 || proposals.some((p) => p.lines.length === 0)} />
      ) : null}
      <Conversation messages={messages} canChange={can.change} />
      <InternalNotes notes={notes} canChange={can.change} />
      <AuditLog entries={audit} />
    </section>
  );
}
