import type { ProvisioningItem } from "~/models/provisioning.server";
import { type Actor, accessOf } from "~/utils/permissions";
import { formatMoney, formatUtc } from "~/utils/format";

/** One row of /staff/provisioning: texts ready to print, and what the viewer may do with the item. */
export interface ProvisioningRow {
  id: string;
  customer: string;
  order: string;
  servers: { sku: string; text: string }[];
  paidAt: string;
  status: ProvisioningItem["status"];
  assigneeName: string | null;
  /** An open item: anyone on the page may claim it. */
  canClaim: boolean;
  /** A claimed item the viewer may mark handed over: their own, or any for an admin. */
  canFinish: boolean;
}

/** The provisioning page's rows (staff pages are in English). */
export function presentProvisioning(items: readonly ProvisioningItem[], viewer: Actor): ProvisioningRow[] {
  const finishesAny = accessOf(viewer.role, "write:provisioning") === "any";
  return items.map((item) => ({
    id: item.id,
    customer: `${item.contactName}${item.company ? `, ${item.company}` : ""}${item.poNumber ? ` (PO ${item.poNumber})` : ""}`,
    order: `${item.tier}, version ${item.version}, ${formatMoney(item.monthlyMinor, item.currency, "en")}/month, region ${item.region}`,
    servers: item.servers.map((s) => ({ sku: s.sku, text: `${s.quantity} × ${s.name} (${s.roles.join(", ")})` })),
    paidAt: formatUtc(item.paidAt),
    status: item.status,
    assigneeName: item.assigneeName,
    canClaim: item.status === "open",
    canFinish: item.status !== "open" && (item.assigneeId === viewer.id || finishesAny),
  }));
}
