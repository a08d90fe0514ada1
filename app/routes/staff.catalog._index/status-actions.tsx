import { Form } from "@remix-run/react";
import type { ProductStatus } from "~/domain/catalog";
import { STATUS_LABELS, STATUS_MEANINGS } from "./labels";

/** The buttons of the status changes the catalog allows from `status` (catalog-schemas.ts statusChangeAllowed). */
const NEXT: Record<ProductStatus, { to: ProductStatus; label: string; className?: string }[]> = {
  draft: [{ to: "active", label: "Put on sale (activate)" }],
  active: [{ to: "retired", label: "Retire (stop selling)", className: "secondary" }],
  retired: [{ to: "active", label: "Sell again (activate)" }],
};

/** A product's status, what it means, and (for admins) the buttons that change it. */
export function StatusActions({ status, canWrite }: { status: ProductStatus; canWrite: boolean }) {
  return (
    <div className="status-line">
      <p>
        <span className={`badge status-badge-${status}`}>{STATUS_LABELS[status]}</span> {STATUS_MEANINGS[status]}.
      </p>
      {canWrite ? (
        <div className="status-actions">
          {NEXT[status].map((next) => (
            <Form method="post" key={next.to}>
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="status" value={next.to} />
              <button type="submit" className={next.className}>
                {next.label}
              </button>
            </Form>
          ))}
        </div>
      ) : null}
    </div>
  );
}
