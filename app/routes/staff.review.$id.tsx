import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { StaffNav } from "~/components/staff-nav";
import { RULE_FORMULAS } from "~/domain/formulas";
import { getQuoteById } from "~/models/quote-request.server";
import { addInternalNote, getReviewItem, reassignReviewItem, sendCustomerMessage, setReasonChecked, unclaimReviewItem } from "~/models/review-item.server";
import { listStaff } from "~/models/user.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { businessCalendar } from "~/utils/env.server";
import { explain } from "~/utils/explain";
import { formatMoney } from "~/utils/format";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: review item" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:review_queue");
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw data(null, { status: 404 });
  const db = getDb();
  const review = await getReviewItem(db, id.data);
  if (!review) throw data(null, { status: 404 });
  const [quote, staff] = await Promise.all([getQuoteById(db, review.quote.id), can(user.role, "assign:review_item") ? listStaff(db) : Promise.resolve([])]);
  return { user, review, quote: quote!, staff: staff.filter((s) => s.role !== "sales" && !s.disabledAt) };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("unclaim") }),
  z.object({ intent: z.literal("reassign"), userId: z.uuid() }),
  z.object({ intent: z.literal("note"), body: z.string().trim().min(1).max(10_000) }),
  z.object({ intent: z.literal("message"), body: z.string().trim().min(1).max(10_000), waitOnCustomer: z.literal("on").optional() }),
  z.object({ intent: z.literal("check"), code: z.string().min(1).max(60), checked: z.enum(["true", "false"]) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "write:review_item");
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw data(null, { status: 404 });
  const db = getDb();
  const review = await getReviewItem(db, id.data);
  if (!review) throw data(null, { status: 404 });
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) }, { status: 400 });
  const isAdmin = user.role === "admin";
  // Changing an item is for whoever has claimed it (or an admin); reading is for every technician.
  const owns = review.item.assigneeId === user.id;
  const input = parsed.data;
  if (input.intent === "reassign") {
    if (!can(user.role, "assign:review_item")) throw data(null, { status: 403 });
    const done = await reassignReviewItem(db, id.data, input.userId, user.id);
    return done ? { ok: "Reassigned." } : data({ errors: [{ path: "userId", message: "That person cannot take review items." }] }, { status: 400 });
  }
  if (!owns && !isAdmin) return data({ errors: [{ path: "", message: "Claim this item first." }] }, { status: 403 });
  switch (input.intent) {
    case "unclaim":
      await unclaimReviewItem(db, id.data, user.id, isAdmin);
      return { ok: "Back in the queue." };
    case "note":
      await addInternalNote(db, id.data, user.id, input.body);
      return { ok: "Note saved." };
    case "message": {
      const sent = await sendCustomerMessage(db, id.data, user.id, input.body, input.waitOnCustomer === "on", businessCalendar());
      return sent ? { ok: "Message sent to the customer." } : data({ errors: [{ path: "", message: "This item is closed." }] }, { status: 409 });
    }
    case "check":
      await setReasonChecked(db, id.data, input.code, input.checked === "true");
      return { ok: "Updated." };
  }
}

export default function ReviewItemPage() {
  const { user, review, quote, staff } = useLoaderData<typeof loader>();
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

      <h2>Proposals (technician view)</h2>
      {quote.proposals.map((p) => (
        <details key={p.id}>
          <summary>
            {p.tier} v1 · {p.availability} · {formatMoney(p.monthlyMinor, "EUR", "en")}/month
          </summary>
          <table className="lines">
            <tbody>
              {p.lines.map((l, i) => (
                <tr key={i}>
                  <td>
                    {l.kind} {l.sku} × {l.quantity}
                  </td>
                  <td className="num">{formatMoney(l.monthlyMinor, "EUR", "en")}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
            {new Date(a.createdAt).toISOString()} · {a.actor} · {a.action}
            {a.fromStatus || a.toStatus ? ` (${a.fromStatus ?? "—"} → ${a.toStatus ?? "—"})` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}
