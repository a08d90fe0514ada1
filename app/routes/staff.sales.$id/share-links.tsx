import { Form } from "@remix-run/react";
import type { StaffSalesQuote } from "~/presenters/staff-sales";
import { formatUtc as iso } from "~/utils/format";

/** A new share link to a published version, valid for `days` unless changed. */
export function ShareLinkForm({
  latest,
  publishedVersion,
  days,
}: {
  latest: number;
  publishedVersion: number;
  days: number;
}) {
  return (
    <>
      <h2>Create a share link</h2>
      <Form method="post" className="filters">
        <input type="hidden" name="intent" value="create" />
        <label>
          Published version <input name="version" type="number" min={1} max={latest} defaultValue={publishedVersion} />
        </label>
        <label>
          Valid for (days) <input name="days" type="number" min={1} max={365} defaultValue={days} />
        </label>
        <button type="submit">Create share link</button>
      </Form>
    </>
  );
}

/** The quote's share links with their views; live ones can be revoked by whoever may change the quote. */
export function ShareLinksTable({ links, canWrite }: { links: StaffSalesQuote["links"]; canWrite: boolean }) {
  return (
    <>
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
    </>
  );
}
