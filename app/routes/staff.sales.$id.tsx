import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { staffMultiLine } from "~/utils/text.server";
import { getDb } from "#db/client.server";
import { quoteRequests, users } from "#db/schema";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import { isDomainError } from "~/domain/errors";
import { staffErrorMessage } from "~/utils/domain-error.server";
import { latestVersion, listVersions, refreshVersion } from "~/models/proposal-version.server";
import { getAcceptance, paymentsFor } from "~/models/acceptance.server";
import { loadCatalog } from "~/models/catalog.server";
import { giveDiscount, listDiscountRequests } from "~/models/discount.server";
import { MAX_DISCOUNT_BPS } from "~/domain/repricing";
import { can } from "~/utils/permissions";
import { formatMoney, formatUtc as iso } from "~/utils/format";
import { DEFAULT_SHARE_DAYS, createShareLink, listShareLinks, revokeShareLink } from "~/models/share-link.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { publicBaseUrl } from "~/utils/env.server";

/** Prints prices and dates: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: quote" }];

/** Staff with the permission, and a quote that exists; anything else is a 404 that reveals nothing. */
async function requireSalesQuote(request: Request, rawId: string | undefined, permission: "read:sales" | "write:sales:own") {
  const user = await requireStaffPermission(request, permission);
  const parsed = z.uuid().safeParse(rawId);
  if (!parsed.success) throw data(null, { status: 404 });
  const db = getDb();
  const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, parsed.data)).limit(1);
  if (!quote) throw data(null, { status: 404 });
  return { user, db, id: parsed.data, quote };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, id, quote } = await requireSalesQuote(request, params.id, "read:sales");
  const [links, latest, versions, discounts, acceptance] = await Promise.all([listShareLinks(db, id), latestVersion(db, id), listVersions(db, id), listDiscountRequests(db, { quoteRequestId: id }), getAcceptance(db, id)]);
  const paymentRows = acceptance ? await paymentsFor(db, acceptance.id) : [];
  return {
    user,
    // Only to show or hide the forms: the models check ownership again under the quote's lock.
    canWrite: can(user.role, "write:sales:own") && (!quote.ownerId || quote.ownerId === user.id || user.role === "admin"),
    ownerName: quote.ownerId ? ((await db.select({ name: users.name }).from(users).where(eq(users.id, quote.ownerId)).limit(1))[0]?.name ?? "another rep") : null,
    quote: { id: quote.id, contactName: quote.contactName, company: quote.company, status: quote.status, publishedVersion: quote.publishedVersion },
    latest,
    versions: versions.map((v) => ({ version: v.version, origin: v.origin, basedOn: v.basedOn, salesDiscountBps: v.salesDiscountBps, publishedAt: v.publishedAt, validUntil: v.validUntil, changes: v.changes })),
    discounts,
    acceptance: acceptance ? { tier: acceptance.tier, version: acceptance.version, dueNowMinor: acceptance.dueNowMinor, monthlyMinor: acceptance.monthlyMinor, termsVersion: acceptance.termsVersion, name: acceptance.name, email: acceptance.email, company: acceptance.company, poNumber: acceptance.poNumber, ip: acceptance.ip, userAgent: acceptance.userAgent, acceptedAt: acceptance.acceptedAt, paidAt: acceptance.paidAt } : null,
    payments: paymentRows.map((p) => ({ attempt: p.attempt, status: p.status, amountMinor: p.amountMinor, createdAt: p.createdAt, updatedAt: p.updatedAt })),
    links: links.map((l) => ({ id: l.id, version: l.proposalVersion, createdAt: l.createdAt, expiresAt: l.expiresAt, revokedAt: l.revokedAt, firstViewedAt: l.firstViewedAt, lastViewedAt: l.lastViewedAt, viewCount: l.viewCount })),
  };
}

/**
 * A percentage exactly as a person types it ("5", "7.5", "12.25"), in basis points. Not
 * z.coerce.number(): Number() also reads "0x10" as 16, "1e1" as 10 and " 5 " as 5.
 */
const PERCENT_PATTERN = /^\d{1,2}(\.\d{1,2})?$/;
// A function, like the schema below: a module-level zod schema would put zod in every page's bundle.
const percentToBps = () =>
  z
  .string()
  .regex(PERCENT_PATTERN, "Enter a percentage as a plain number, like 5 or 7.5.")
  .transform((text) => {
    const [whole = "", fraction = ""] = text.split(".");
    return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  })
  .refine((bps) => bps <= MAX_DISCOUNT_BPS, `Discounts go up to ${MAX_DISCOUNT_BPS / 100} %.`);

const schema = () =>
  z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), version: z.coerce.number().int().min(1).max(10_000), days: z.coerce.number().int().min(1).max(365).default(DEFAULT_SHARE_DAYS) }),
  z.object({ intent: z.literal("revoke"), linkId: z.uuid() }),
  z.object({
    intent: z.literal("discount"),
    percent: percentToBps(),
    reason: z.string().trim().min(3).max(500).check(staffMultiLine()),
  }),
  z.object({ intent: z.literal("refresh") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, id } = await requireSalesQuote(request, params.id, "write:sales:own");
  const parsed = schema().safeParse(Object.fromEntries([...(await request.formData())].filter(([, v]) => v !== "")));
  if (!parsed.success) return data({ errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })), link: null, notice: null }, { status: 400 });
  const fail = (status: number, path: string, message: string) => data({ errors: [{ path, message }], link: null, notice: null }, { status });
  const input = parsed.data;
  // Ownership, publication and the quote's state are checked by the models under the quote's row lock.
  try {
    switch (input.intent) {
      case "refresh": {
        const { version } = await refreshVersion(db, id, `staff:${user.id}`, await loadCatalog(db));
        return { errors: [], link: null, notice: `Refreshed at current prices as version ${version}.` };
      }
      case "discount": {
        const outcome = await giveDiscount(db, { quoteRequestId: id, bps: input.percent, reason: input.reason, user });
        return { errors: [], link: null, notice: outcome.applied ? `Discount applied: the customer now sees version ${outcome.version}.` : "Above 10 %: the discount is waiting for an admin's approval." };
      }
      case "revoke": {
        const ok = await revokeShareLink(db, input.linkId, id, user.id);
        return ok ? { errors: [], link: null, notice: "Link revoked." } : fail(404, "linkId", "No such live link.");
      }
      case "create": {
        const token = await createShareLink(db, { quoteRequestId: id, version: input.version, createdBy: user.id, days: input.days });
        return { errors: [], link: `${publicBaseUrl()}/s/${token}`, notice: null };
      }
    }
  } catch (error) {
    if (isDomainError(error)) return fail(error.status, input.intent === "create" ? "version" : input.intent, await staffErrorMessage(error));
    throw error;
  }
}


export default function SalesQuote() {
  const { user, quote, latest, links, versions, discounts, acceptance, payments, canWrite, ownerName } = useLoaderData<typeof loader>();
  const money = (minor: number) => formatMoney(minor, "EUR", "en");
  const actionData = useActionData<typeof action>();
  return (
    <section className="staff">
      <StaffNav user={user} />
      <h1>
        {quote.contactName}
        {quote.company ? `, ${quote.company}` : ""}
      </h1>
      <p>
        Status {quote.status} · customer sees version {quote.publishedVersion} · latest version {latest} · owner {ownerName ?? "nobody"}
      </p>
      {!canWrite && ownerName ? <p className="muted">{ownerName} owns this quote: only they or an admin can discount it, refresh it or manage its links.</p> : null}
      {actionData?.link ? (
        <p role="status">
          New link (shown once): <code>{actionData.link}</code>
        </p>
      ) : null}
      <ActionFeedback notice={actionData?.notice} errors={actionData?.errors} />
      {acceptance ? (
        <section aria-labelledby="acceptance-title">
          <h2 id="acceptance-title">Acceptance</h2>
          <p>
            {acceptance.name}
            {acceptance.company ? `, ${acceptance.company}` : ""} ({acceptance.email}) accepted <strong>{acceptance.tier}</strong> of version {acceptance.version} on {iso(acceptance.acceptedAt)} under terms {acceptance.termsVersion}
            {acceptance.poNumber ? `, PO ${acceptance.poNumber}` : ""}. Due now {money(acceptance.dueNowMinor)}, then {money(acceptance.monthlyMinor)} a month. {acceptance.paidAt ? `Paid ${iso(acceptance.paidAt)}.` : "Not paid yet."}
          </p>
          <p className="muted">
            From {acceptance.ip ?? "unknown IP"} · {acceptance.userAgent ?? "unknown browser"}
          </p>
          {payments.length ? (
            <ul>
              {payments.map((p) => (
                <li key={p.attempt}>
                  Checkout attempt {p.attempt}: {p.status}, {money(p.amountMinor)}, last change {iso(p.updatedAt)}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      <h2>Versions</h2>
      <table className="queue">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Origin</th>
            <th scope="col">Published</th>
            <th scope="col">Valid until</th>
            <th scope="col">Discount</th>
            <th scope="col">Price changes</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} className={v.validUntil && new Date(v.validUntil) < new Date() ? "overdue" : undefined}>
              <td>
                {v.version}
                {v.version === quote.publishedVersion ? " (customer sees)" : ""}
              </td>
              <td>
                {v.origin}
                {v.basedOn ? ` of v${v.basedOn}` : ""}
              </td>
              <td>{iso(v.publishedAt)}</td>
              <td>{iso(v.validUntil)}</td>
              <td>{v.salesDiscountBps ? `${v.salesDiscountBps / 100} %` : "—"}</td>
              <td>
                {v.changes
                  ? v.changes.map((c) => (
                      <div key={c.tier}>
                        {c.tier}: monthly {money(c.oldMonthlyMinor)} → {money(c.newMonthlyMinor)}, setup {money(c.oldSetupMinor)} → {money(c.newSetupMinor)}
                        {c.lines.map((l, i) => (
                          <div key={i} className="muted">
                            {l.name}: {money(l.oldUnitMonthlyMinor)} → {money(l.newUnitMonthlyMinor)} /month each
                          </div>
                        ))}
                      </div>
                    ))
                  : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canWrite && !acceptance ? (
        <div className="filters">
          <Form method="post">
            <input type="hidden" name="intent" value="refresh" />
            <button type="submit" className="secondary">
              Refresh expired version at current prices
            </button>
          </Form>
          <Form method="post" className="filters">
            <input type="hidden" name="intent" value="discount" />
            <label>
              Discount (%) <input name="percent" inputMode="decimal" pattern={PERCENT_PATTERN.source.slice(1, -1)} title="A plain number like 5 or 7.5" required />
            </label>
            <label>
              Reason <input name="reason" required minLength={3} maxLength={500} />
            </label>
            <button type="submit">Give discount</button>
          </Form>
          <p className="muted">Up to 10 % applies at once as a new version; more waits for an admin&apos;s approval.</p>
        </div>
      ) : null}
      {discounts.length ? (
        <>
          <h2>Discount requests</h2>
          <ul>
            {discounts.map((d) => (
              <li key={d.id}>
                {d.bps / 100} % by {d.requesterName} ({d.reason}): {d.status}
                {d.deciderName ? ` by ${d.deciderName}` : ""}
                {d.decisionReason ? ` — ${d.decisionReason}` : ""}
                {d.resultingVersion ? ` → version ${d.resultingVersion}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canWrite ? (
        <>
          <h2>Create a share link</h2>
          <Form method="post" className="filters">
            <input type="hidden" name="intent" value="create" />
            <label>
              Published version <input name="version" type="number" min={1} max={latest} defaultValue={quote.publishedVersion} />
            </label>
            <label>
              Valid for (days) <input name="days" type="number" min={1} max={365} defaultValue={DEFAULT_SHARE_DAYS} />
            </label>
            <button type="submit">Create share link</button>
          </Form>
        </>
      ) : null}
      <h2>Share links</h2>
      <table className="queue">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Views</th>
            <th scope="col">First view</th>
            <th scope="col">Last view</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {links.map((l) => (
            <tr key={l.id}>
              <td>{l.version}</td>
              <td>{iso(l.createdAt)}</td>
              <td>{iso(l.expiresAt)}</td>
              <td>{l.viewCount}</td>
              <td>{iso(l.firstViewedAt)}</td>
              <td>{iso(l.lastViewedAt)}</td>
              <td>
                {l.revokedAt ? (
                  "revoked"
                ) : !canWrite ? (
                  "live"
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="linkId" value={l.id} />
                    <button type="submit" className="secondary">
                      Revoke
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
