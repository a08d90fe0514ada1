import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { staffMultiLine, staffSingleLine } from "~/utils/text.server";
import { getDb } from "#db/client.server";
import { StaffNav } from "~/components/staff-nav";
import { RULE_FORMULAS } from "~/domain/formulas";
import { loadCatalog } from "~/models/catalog.server";
import { isDomainError } from "~/domain/errors";
import { staffErrorMessage } from "~/utils/domain-error.server";
import { adjustProposal, adjustmentSchema, latestVersion } from "~/models/proposal-version.server";
import { getQuoteById } from "~/models/quote-request.server";
import { type ResolveRefusal, addInternalNote, declineQuote, getReviewItem, publishVersion, reassignReviewItem, sendCustomerMessage, setReasonChecked, unclaimReviewItem } from "~/models/review-item.server";
import { listStaff } from "~/models/user.server";
import { notifyCustomer } from "~/services/notifications.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { businessCalendar } from "~/utils/env.server";
import { explain } from "~/utils/explain";
import { formatMoney } from "~/utils/format";
import { can } from "~/utils/permissions";

/** Prints prices and dates: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: review item" }];

/** The review item of the URL, or a 404 for malformed and unknown ids alike. */
async function requireReviewItem(rawId: string | undefined) {
  const parsed = z.uuid().safeParse(rawId);
  if (!parsed.success) throw data(null, { status: 404 });
  const db = getDb();
  const review = await getReviewItem(db, parsed.data);
  if (!review) throw data(null, { status: 404 });
  return { db, id: parsed.data, review };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:review_queue");
  const { db, review } = await requireReviewItem(params.id);
  const latest = await latestVersion(db, review.quote.id);
  const [quote, staff, catalog] = await Promise.all([getQuoteById(db, review.quote.id, latest), can(user.role, "assign:review_item") ? listStaff(db) : Promise.resolve([]), loadCatalog(db)]);
  const products = [...catalog.servers.map((m) => ({ sku: m.sku, name: `${m.name} (server)` })), ...catalog.addons.map((a) => ({ sku: a.sku, name: a.name }))];
  return { user, review, quote: quote!, latest, products, staff: staff.filter((s) => s.role !== "sales" && !s.disabledAt) };
}

const actionSchema = () =>
  z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("unclaim") }),
  z.object({ intent: z.literal("reassign"), userId: z.uuid() }),
  z.object({ intent: z.literal("note"), body: z.string().trim().min(1).max(10_000).check(staffMultiLine()) }),
  z.object({ intent: z.literal("message"), body: z.string().trim().min(1).max(10_000).check(staffMultiLine()), waitOnCustomer: z.literal("on").optional() }),
  z.object({ intent: z.literal("check"), code: z.string().min(1).max(60).check(staffSingleLine()), checked: z.enum(["true", "false"]) }),
  z.object({ intent: z.literal("adjust"), proposalId: z.uuid(), reason: z.string().trim().min(1).max(1000).check(staffMultiLine()), adjustment: adjustmentSchema }),
  z.object({ intent: z.literal("publish"), version: z.coerce.number().int().min(1).max(10_000) }),
  z.object({ intent: z.literal("decline"), reason: z.string().trim().min(1).max(2000).check(staffMultiLine()) }),
]);

/** Form fields "adjustment.op", "adjustment.sku"… into the nested shape the schema expects (empty ones dropped). */
function formToObject(form: FormData) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form) {
    if (value === "") continue;
    const [head, tail] = key.split(".", 2) as [string, string | undefined];
    if (tail) out[head] = { ...((out[head] as Record<string, unknown>) ?? {}), [tail]: value };
    else out[head] = value;
  }
  return out;
}

const RESOLVE_REFUSED: Record<ResolveRefusal, string> = {
  accepted: "The customer accepted this quote meanwhile; it can no longer be published or declined. Reload to see the acceptance.",
  closed: "This item is closed.",
  no_such_version: "Nothing to publish.",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "write:review_item:own");
  const { db, id, review } = await requireReviewItem(params.id);
  const parsed = actionSchema().safeParse(formToObject(await request.formData()));
  if (!parsed.success) return data({ errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) }, { status: 400 });
  const isAdmin = user.role === "admin";
  // Changing an item is for whoever has claimed it (or an admin); reading is for every technician.
  const owns = review.item.assigneeId === user.id;
  const input = parsed.data;
  if (input.intent === "reassign") {
    if (!can(user.role, "assign:review_item")) throw data(null, { status: 403 });
    const done = await reassignReviewItem(db, id, input.userId, user.id);
    return done ? { ok: "Reassigned." } : data({ errors: [{ path: "userId", message: "That person cannot take review items." }] }, { status: 400 });
  }
  if (!owns && !isAdmin) return data({ errors: [{ path: "", message: "Claim this item first." }] }, { status: 403 });
  switch (input.intent) {
    case "unclaim":
      await unclaimReviewItem(db, id, user.id, isAdmin);
      return { ok: "Back in the queue." };
    case "note":
      await addInternalNote(db, id, user.id, input.body);
      return { ok: "Note saved." };
    case "message": {
      const sent = await sendCustomerMessage(db, id, user.id, input.body, input.waitOnCustomer === "on", businessCalendar(), new Date(), (tx, quoteId) => notifyCustomer(tx, quoteId, "staff_message", { message: input.body }));
      return sent ? { ok: "Message sent to the customer." } : data({ errors: [{ path: "", message: "This item is closed." }] }, { status: 409 });
    }
    case "check":
      await setReasonChecked(db, id, input.code, input.checked === "true");
      return { ok: "Updated." };
    case "adjust":
      try {
        const { version } = await adjustProposal(db, review.quote.id, input.proposalId, input.adjustment, input.reason, user.id, await loadCatalog(db));
        return { ok: `Saved as version ${version}.` };
      } catch (error) {
        if (isDomainError(error)) return data({ errors: [{ path: error.field || "adjustment", message: await staffErrorMessage(error) }] }, { status: error.status });
        throw error;
      }
    case "publish": {
      const done = await publishVersion(db, id, user.id, input.version, new Date(), (tx, quoteId) => notifyCustomer(tx, quoteId, "published"));
      return done.ok ? { ok: `Version ${input.version} published to the customer.` } : data({ errors: [{ path: "version", message: RESOLVE_REFUSED[done.reason] }] }, { status: 409 });
    }
    case "decline": {
      const done = await declineQuote(db, id, user.id, input.reason, new Date(), (tx, quoteId) => notifyCustomer(tx, quoteId, "declined", { message: input.reason }));
      return done.ok ? { ok: "Declined; the customer sees your reason." } : data({ errors: [{ path: "", message: RESOLVE_REFUSED[done.reason] }] }, { status: 409 });
    }
  }
}

export default function ReviewItemPage() {
  const { user, review, quote, staff, latest, products } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { item } = review;
  const owns = item.assigneeId === user.id || user.role === "admin";
  return (
    <section className="staff review-detail">
      <StaffNav user={user} />
      <h1>
        Review: {quote.contactName}
        {quote.company ? `, ${quote.company}` : ""}
      </h1>
      <p>
        Status <strong>{item.status}</strong> · priority {item.priority} · assignee {review.assigneeName ?? "nobody"} · first response due{" "}
        {item.firstResponseDueAt ? new Date(item.firstResponseDueAt).toISOString() : "—"} · resolution due {item.resolutionDueAt ? new Date(item.resolutionDueAt).toISOString() : "paused"}
      </p>
      {actionData && "ok" in actionData ? <p role="status">{actionData.ok}</p> : null}
      {actionData && "errors" in actionData ? (
        <p role="alert" className="field-error">
          {actionData.errors.map((e) => e.message).join(" ")}
        </p>
      ) : null}

      <h2>Reasons</h2>
      <ul className="checklist">
        {item.reasons.map((r) => {
          const checked = item.checked.includes(r.code);
          return (
            <li key={r.code}>
              <Form method="post">
                <input type="hidden" name="intent" value="check" />
                <input type="hidden" name="code" value={r.code} />
                <input type="hidden" name="checked" value={String(!checked)} />
                <button type="submit" className="link" disabled={!owns} aria-pressed={checked}>
                  {checked ? "☑" : "☐"} {r.code}
                </button>{" "}
                {t(`quote.reviewReasons.${r.code}`)}
              </Form>
            </li>
          );
        })}
      </ul>

      {owns && item.status !== "published" && item.status !== "declined" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="unclaim" />
          <button type="submit" className="secondary">
            Unclaim
          </button>
        </Form>
      ) : null}
      {staff.length > 0 ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="reassign" />
          <label>
            Reassign to{" "}
            <select name="userId">
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="submit">Reassign</button>
        </Form>
      ) : null}

      <h2>Workloads</h2>
      <ul>
        {quote.workloads.map((w) => (
          <li key={w.position}>
            <code>{JSON.stringify(w.params)}</code>
          </li>
        ))}
      </ul>
      <p>Requirements: <code>{JSON.stringify(quote.requirements)}</code></p>

      <h2>Proposals (technician view), version {latest}</h2>
      <p>Customer sees version {quote.publishedVersion}.</p>
      {quote.proposals.map((p) => (
        <details key={p.id} open>
          <summary>
            {p.tier} v{latest} · {p.availability} · {formatMoney(p.monthlyMinor, "EUR", "en")}/month · setup {formatMoney(p.setupMinor, "EUR", "en")}
          </summary>
          <table className="lines">
            <tbody>
              {p.lines.map((l, i) => (
                <tr key={i}>
                  <td>
                    #{i} {l.kind} {l.sku ?? l.name} × {l.quantity}
                  </td>
                  <td className="num">{formatMoney(l.monthlyMinor, "EUR", "en")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {owns ? (
            <Form method="post" className="adjust">
              <input type="hidden" name="intent" value="adjust" />
              <input type="hidden" name="proposalId" value={p.id} />
              <fieldset>
                <legend>Adjust {p.tier}</legend>
                <label>
                  Change{" "}
                  <select name="adjustment.op" defaultValue="custom">
                    <option value="quantity">set quantity of line #</option>
                    <option value="remove">remove line #</option>
                    <option value="swap">swap server on line # for</option>
                    <option value="add">add product</option>
                    <option value="custom">add custom line</option>
                  </select>
                </label>{" "}
                <label>
                  Line # <input name="adjustment.position" type="number" min={0} step={1} />
                </label>{" "}
                <label>
                  Product{" "}
                  <select name="adjustment.sku" defaultValue="">
                    <option value="">—</option>
                    {products.map((pr) => (
                      <option key={pr.sku} value={pr.sku}>
                        {pr.name}
                      </option>
                    ))}
                  </select>
                </label>{" "}
                <label>
                  Quantity <input name="adjustment.quantity" type="number" min={1} step={1} defaultValue={1} />
                </label>{" "}
                <label>
                  Custom description <input name="adjustment.description" />
                </label>{" "}
                <label>
                  Monthly (cents) <input name="adjustment.monthlyMinor" type="number" min={0} step={1} />
                </label>{" "}
                <label>
                  Setup (cents) <input name="adjustment.setupMinor" type="number" min={0} step={1} />
                </label>{" "}
                <label>
                  Reason (the customer sees it) <input name="reason" required />
                </label>{" "}
                <button type="submit">Save as new version</button>
              </fieldset>
            </Form>
          ) : null}
          <h3>Rule trace</h3>
          <ul className="trace">
            {p.explanation.map((e, i) => (
              <li key={i}>
                <code>{e.ruleId}</code> {RULE_FORMULAS[e.ruleId] ? <em>{RULE_FORMULAS[e.ruleId]}</em> : null} <code>{JSON.stringify(e.inputs)}</code> — {explain(e, t, "en")}
              </li>
            ))}
          </ul>
        </details>
      ))}

      {owns && (item.status === "open" || item.status === "claimed" || item.status === "waiting_customer") ? (
        <div className="decide">
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <input type="hidden" name="version" value={latest} />
            <button type="submit">Approve and publish version {latest}</button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="decline" />
            <label htmlFor="decline-reason">Decline with a reason the customer sees</label>
            <input id="decline-reason" name="reason" required />
            <button type="submit" className="secondary">
              Decline
            </button>
          </Form>
        </div>
      ) : null}

      <h2>Conversation with the customer</h2>
      <ol className="timeline">
        {review.messages.map((m) => (
          <li key={m.id}>
            <strong>{m.authorType}</strong> {m.event ? `[${m.event}]` : ""} {m.body} <span className="muted">{new Date(m.createdAt).toISOString()}</span>
          </li>
        ))}
      </ol>
      {owns ? (
        <Form method="post">
          <input type="hidden" name="intent" value="message" />
          <label htmlFor="message-body">Message to the customer (they see this)</label>
          <textarea id="message-body" name="body" rows={3} required />
          <div className="field-check">
            <input type="checkbox" id="waitOnCustomer" name="waitOnCustomer" />
            <label htmlFor="waitOnCustomer">Wait for the customer&rsquo;s answer (pauses the SLA)</label>
          </div>
          <button type="submit">Send to customer</button>
        </Form>
      ) : null}

      <h2>Internal notes</h2>
      <ul>
        {review.notes.map((n) => (
          <li key={n.id}>
            <strong>{n.author}</strong>: {n.body}
          </li>
        ))}
      </ul>
      {owns ? (
        <Form method="post">
          <input type="hidden" name="intent" value="note" />
          <label htmlFor="note-body">Internal note (never shown to the customer)</label>
          <textarea id="note-body" name="body" rows={3} required />
          <button type="submit">Add note</button>
        </Form>
      ) : null}

      <h2>Audit log</h2>
      <ol className="audit">
        {review.audit.map((a) => (
          <li key={a.id}>
            {new Date(a.createdAt).toISOString()} · {a.actorName} · {a.action}
            {a.fromStatus || a.toStatus ? ` (${a.fromStatus ?? "—"} → ${a.toStatus ?? "—"})` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}
