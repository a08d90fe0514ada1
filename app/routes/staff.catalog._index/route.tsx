import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { getDb } from "#db/client.server";
import { StaffNav } from "~/components/staff-nav";
import { requireStaffPermission } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import {
  KIND_LABELS,
  LINE_GROUP_LABELS,
  LINE_LABELS,
  REGION_LABELS,
  STATUS_LABELS,
  STORAGE_LABELS,
  formatDiskSet,
  formatGb,
  keysOf,
} from "./labels";
import { catalogFilters, catalogList } from "./load.server";
import { PriceText } from "./price-cell";

/** Prints prices: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: catalog" }];

/** Every staff role reads the catalog; only admins see the links that create products. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:catalog");
  const filters = catalogFilters(new URL(request.url));
  return {
    user,
    canWrite: can(user.role, "write:catalog"),
    filters,
    ...(await catalogList(getDb(), filters, new Date())),
  };
}

export default function Catalog() {
  const { user, canWrite, filters, books, servers, addons } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.q || filters.line || filters.status || filters.region);
  const lines = keysOf(LINE_LABELS).filter((line) => servers.some((s) => s.line === line));
  return (
    <section className="staff catalog">
      <StaffNav user={user} />
      <h1>Catalog</h1>
      <p className="muted">
        The server models and add-ons SpecDesk can offer. Only active products are sold, and only while a price book in
        effect prices them. Prices are shown for reference from{" "}
        {books.length
          ? books.map((b, i) => (
              <span key={b.id}>
                {i > 0 ? " and " : ""}
                <Link to={`/staff/price-books/${b.id}`}>
                  {b.currency} book version {b.version}
                </Link>
              </span>
            ))
          : "no book (none is in effect)"}
        ; change them in <Link to="/staff/price-books">price books</Link>.
      </p>
      {canWrite ? (
        <p className="catalog-actions">
          <Link to="/staff/catalog/servers/new">New server model</Link>
          <Link to="/staff/catalog/addons/new">New add-on</Link>
        </p>
      ) : null}
      <Form method="get" className="filters" role="search" aria-label="Catalog">
        <label>
          Search{" "}
          <input
            type="search"
            name="q"
            defaultValue={filters.q}
            placeholder="SKU, name or CPU"
            maxLength={100}
            autoComplete="off"
          />
        </label>
        <label>
          Line{" "}
          <select name="line" defaultValue={filters.line}>
            <option value="">Any line</option>
            {keysOf(LINE_LABELS).map((line) => (
              <option key={line} value={line}>
                {LINE_LABELS[line]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status{" "}
          <select name="status" defaultValue={filters.status}>
            <option value="">Any status</option>
            {keysOf(STATUS_LABELS).map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Region{" "}
          <select name="region" defaultValue={filters.region}>
            <option value="">Any region</option>
            {keysOf(REGION_LABELS).map((region) => (
              <option key={region} value={region}>
                {REGION_LABELS[region]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
        {filtered ? <Link to="/staff/catalog">Clear filters</Link> : null}
      </Form>

      {books.length > 1 ? (
        <p className="hint">
          Customers in the EU are offered euros and customers in the US dollars; either may choose the other. A model
          not sold in a currency&apos;s market says so in that column: the price under it applies only to customers
          elsewhere who choose to pay in that currency.
        </p>
      ) : null}
      <h2 id="servers-title">
        Server models <span className="muted">({servers.length})</span>
      </h2>
      {servers.length ? (
        <div className="table-scroll" role="region" aria-labelledby="servers-title" tabIndex={0}>
          <table className="queue catalog-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">CPU</th>
                <th scope="col" className="num">
                  RAM
                </th>
                <th scope="col">Disks</th>
                <th scope="col">Regions</th>
                <th scope="col">Status</th>
                {books.map((b) => (
                  <th scope="col" className="num" key={b.id}>
                    Price ({b.currency})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <Fragment key={line}>
                  <tr className="group-row">
                    <th scope="colgroup" colSpan={6 + books.length}>
                      {LINE_GROUP_LABELS[line]}
                    </th>
                  </tr>
                  {servers
                    .filter((s) => s.line === line)
                    .map((s) => (
                      <tr key={s.sku} className={`status-${s.status}`}>
                        <th scope="row">
                          <Link to={`/staff/catalog/servers/${s.sku}`}>{s.name}</Link>
                          <div className="sku">{s.sku}</div>
                        </th>
                        <td className="cpu">
                          {s.cpu}
                          <div className="muted">
                            {s.vcpu} threads
                            {s.gpuCount ? ` · ${s.gpuCount} × ${s.gpuModel ?? "GPU"}` : ""}
                          </div>
                        </td>
                        <td className="num">
                          {formatGb(s.ramGb)}
                          {s.maxRamGb > s.ramGb ? <div className="muted">up to {formatGb(s.maxRamGb)}</div> : null}
                        </td>
                        <td className="disks">
                          {s.disks.map((d, i) => (
                            <div key={i}>{formatDiskSet(d)}</div>
                          ))}
                          <div className="muted">{formatGb(s.usableGb)} usable</div>
                        </td>
                        <td>{s.regions.map((r) => REGION_LABELS[r]).join(", ")}</td>
                        <td>
                          <span className={`badge status-badge-${s.status}`}>{STATUS_LABELS[s.status]}</span>
                        </td>
                        {s.prices.map((p) => (
                          <td className="num" key={p.currency}>
                            <PriceText entry={p} regions={s.regions} />
                          </td>
                        ))}
                      </tr>
                    ))}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{filtered ? "No server model matches these filters." : "No server models yet."}</p>
      )}

      <h2 id="addons-title">
        Add-ons <span className="muted">({addons.length})</span>
      </h2>
      {filters.region ? (
        <p className="hint">Add-ons are sold in every region; the region filter leaves them all.</p>
      ) : null}
      {addons.length ? (
        <div className="table-scroll" role="region" aria-labelledby="addons-title" tabIndex={0}>
          <table className="queue catalog-table">
            <thead>
              <tr>
                <th scope="col">Add-on</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Fits</th>
                <th scope="col">Status</th>
                {books.map((b) => (
                  <th scope="col" className="num" key={b.id}>
                    Price ({b.currency})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {addons.map((a) => (
                <tr key={a.sku} className={`status-${a.status}`}>
                  <th scope="row">
                    <Link to={`/staff/catalog/addons/${a.sku}`}>{a.name}</Link>
                    <div className="sku">{a.sku}</div>
                  </th>
                  <td>{KIND_LABELS[a.kind]}</td>
                  <td className="num">
                    {a.sizeGb === null ? "—" : formatGb(a.sizeGb)}
                    {a.storageClass ? <div className="muted">{STORAGE_LABELS[a.storageClass]}</div> : null}
                  </td>
                  <td>{a.lines.length ? a.lines.map((l) => LINE_LABELS[l]).join(", ") : "Any server"}</td>
                  <td>
                    <span className={`badge status-badge-${a.status}`}>{STATUS_LABELS[a.status]}</span>
                  </td>
                  {a.prices.map((p) => (
                    <td className="num" key={p.currency}>
                      <PriceText entry={p} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{filtered ? "No add-on matches these filters." : "No add-ons yet."}</p>
      )}
    </section>
  );
}
