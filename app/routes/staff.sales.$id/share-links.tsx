import { Form } from "@remix-run/react";
import type { StaffSalesQuote } from "~/presenters/staff-sales";
import { CopyButton } from "~/components/copy-button";

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
      <div className="table-scroll">
        <table className="queue stack-on-phone">
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
                <td data-label="Version">{l.version}</td>
                <td data-label="Created">{l.createdAt}</td>
                <td data-label="Expires">{l.expiresAt}</td>
                <td data-label="Views">{l.viewCount}</td>
                <td data-label="First view">{l.firstViewedAt}</td>
                <td data-label="Last view">{l.lastViewedAt}</td>
                <td data-label="State">
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
      </div>
    </>
  );
}

/**
 * A share link just created: its token is stored only as a hash, so this is the one time the page can
 * show it. Selectable text without JavaScript; with it, a Copy button.
 */
export function NewShareLink({ url }: { url: string }) {
  return (
    <div className="new-link" role="status">
      <p>New share link (shown only once: copy it now):</p>
      <p className="new-link-row">
        <code id="new-share-link" className="new-link-url">
          {url}
        </code>{" "}
        <CopyButton text={url} label="Copy link" />
      </p>
    </div>
  );
}
