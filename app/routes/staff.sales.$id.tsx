import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { StaffNav } from "~/components/staff-nav";
import { latestVersion } from "~/models/proposal-version.server";
import { getQuoteById } from "~/models/quote-request.server";
import { DEFAULT_SHARE_DAYS, createShareLink, listShareLinks, revokeShareLink } from "~/models/share-link.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { publicBaseUrl } from "~/utils/env.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: quote" }];

/** Sales staff only, and a quote that exists; anything else is a 404 that reveals nothing. */
async function requireSalesQuote(request: Request, rawId: string | undefined) {
  const user = await requireStaffPermission(request, "read:sales");
  const parsed = z.uuid().safeParse(rawId);
  if (!parsed.success) throw data(null, { status: 404 });
  const db = getDb();
  const quote = await getQuoteById(db, parsed.data);
  if (!quote) throw data(null, { status: 404 });
  return { user, db, id: parsed.data, quote };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, id, quote } = await requireSalesQuote(request, params.id);
  const [links, latest] = await Promise.all([listShareLinks(db, id), latestVersion(db, id)]);
  return {
    user,
    quote: { id: quote.id, contactName: quote.contactName, company: quote.company, status: quote.status, publishedVersion: quote.publishedVersion },
    latest,
    links: links.map((l) => ({ id: l.id, version: l.proposalVersion, createdAt: l.createdAt, expiresAt: l.expiresAt, revokedAt: l.revokedAt, firstViewedAt: l.firstViewedAt, lastViewedAt: l.lastViewedAt, viewCount: l.viewCount })),
  };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), version: z.coerce.number().int().min(1).max(10_000), days: z.coerce.number().int().min(1).max(365).default(DEFAULT_SHARE_DAYS) }),
  z.object({ intent: z.literal("revoke"), linkId: z.uuid() }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, id } = await requireSalesQuote(request, params.id);
  const parsed = schema.safeParse(Object.fromEntries([...(await request.formData())].filter(([, v]) => v !== "")));
  if (!parsed.success) return data({ errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })), link: null }, { status: 400 });
  if (parsed.data.intent === "revoke") {
    const ok = await revokeShareLink(db, parsed.data.linkId, id, user.id);
    return ok ? { errors: [], link: null } : data({ errors: [{ path: "linkId", message: "No such live link." }], link: null }, { status: 404 });
  }
  if (parsed.data.version > (await latestVersion(db, id))) return data({ errors: [{ path: "version", message: "No such version." }], link: null }, { status: 400 });
  const token = await createShareLink(db, { quoteRequestId: id, version: parsed.data.version, createdBy: user.id, days: parsed.data.days });
  return { errors: [], link: `${publicBaseUrl()}/s/${token}` };
}

const iso = (d: string | Date | null) => (d ? new Date(d).toISOString().replace("T", " ").slice(0, 16) + " UTC" : "—");

export default function SalesQuote() {
  const { user, quote, latest, links } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="staff">
      <StaffNav user={user} />
      <h1>
        {quote.contactName}
        {quote.company ? `, ${quote.company}` : ""}
      </h1>
      <p>
        Status {quote.status} · customer sees version {quote.publishedVersion} · latest version {latest}
      </p>
      {actionData?.link ? (
        <p role="status">
          New link (shown once): <code>{actionData.link}</code>
        </p>
      ) : null}
      {actionData?.errors.length ? (
        <p role="alert" className="field-error">
          {actionData.errors.map((e) => e.message).join(" ")}
        </p>
      ) : null}
      <Form method="post" className="filters">
        <input type="hidden" name="intent" value="create" />
        <label>
          Version <input name="version" type="number" min={1} max={latest} defaultValue={quote.publishedVersion} />
        </label>
        <label>
          Valid for (days) <input name="days" type="number" min={1} max={365} defaultValue={DEFAULT_SHARE_DAYS} />
        </label>
        <button type="submit">Create share link</button>
      </Form>
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
