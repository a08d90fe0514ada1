import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import staffStyles from "~/styles/staff.css";
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
import { PAGE_TEXTS } from "~/locales/texts";
import { textsFirst } from "~/utils/texts";

/** Prints prices and dates: load the Intl data early (root.tsx). */
export const handle = { intl: true, texts: PAGE_TEXTS.staff };
export const clientLoader = textsFirst(handle.texts);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: review item" }];

export const loader = ({ request, params }: LoaderFunctionArgs) => loadReviewPage(request, params.id);

export const action = ({ request, params }: ActionFunctionArgs) => reviewItemAction(request, params.id);

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
        first response due {item.firstResponseDue} · resolution due {item.resolutionDue}
      </p>
      <ActionFeedback
        notice={actionData && "ok" in actionData ? actionData.ok : null}
        errors={actionData && "errors" in actionData ? actionData.errors : null}
      />

      <Checklist reasons={item.reasons} canChange={can.change} />
      <Assignment
        holder={item.assigneeName}
        heldByMe={item.heldByMe}
        canClaim={can.claim}
        canUnclaim={can.unclaim}
        staff={staff}
      />

      <h2>Workloads</h2>
      <ol className="workload-facts">
        {quote.workloads.map((w) => (
          <li key={w.position}>
            <h3>
              {w.position + 1}. {w.kind}
              {w.name ? `: ${w.name}` : ""}
            </h3>
            {w.facts.length ? (
              <dl className="facts">
                {w.facts.map((f) => (
                  <Fact key={f.label} label={f.label} value={f.value} />
                ))}
              </dl>
            ) : (
              <p className="muted">No figures given.</p>
            )}
          </li>
        ))}
      </ol>
      <h2>Requirements</h2>
      <dl className="facts requirements">
        {quote.requirements.map((f) => (
          <Fact key={f.label} label={f.label} value={f.value} />
        ))}
      </dl>

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

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
