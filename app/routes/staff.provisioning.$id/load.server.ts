import { data } from "@remix-run/node";
import type { Executor } from "#db/client.server";
import { customerKeysForQuote, deliveryAssignees, deliveryItem, readyToHandOver } from "~/models/delivery.server";
import { staffCutoverView } from "~/services/cutover.server";
import type { StaffUser } from "~/models/user.server";
import { deliveryDueAt } from "~/services/delivery-due.server";
import { accessOf } from "~/utils/permissions";
import { subscriptionForQuote } from "~/models/billing.server";

const utc = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "—");

export async function deliveryPage(db: Executor, user: StaffUser, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw data(null, { status: 404 });
  const item = await deliveryItem(db, id);
  if (!item) throw data(null, { status: 404 });
  const access = accessOf(user.role, "write:provisioning");
  const canWrite = item.status === "claimed" && (access === "any" || (access === "own" && item.assigneeId === user.id));
  const due = item.paidAt ? deliveryDueAt(item.paidAt) : null;
  const subscription = await subscriptionForQuote(db, item.quoteRequestId);
  return {
    user,
    billing:
      subscription?.overdueSince || subscription?.suspensionFlaggedAt
        ? {
            status: subscription.status,
            overdueSince: utc(subscription.overdueSince),
            flaggedAt: subscription.suspensionFlaggedAt ? utc(subscription.suspensionFlaggedAt) : null,
            decision: subscription.suspensionDecision,
            note: subscription.suspensionNote,
            decidedAt: subscription.suspensionDecidedAt ? utc(subscription.suspensionDecidedAt) : null,
            canDecide: Boolean(subscription.suspensionFlaggedAt && accessOf(user.role, "write:provisioning")),
          }
        : null,
    canWrite,
    cutover: await staffCutoverView(db, user, id),
    customerKeys: (await customerKeysForQuote(db, item.quoteRequestId)).map((k) => ({
      id: k.id,
      label: `${k.type} ${k.bits} bits ${k.fingerprint}${k.comment ? ` (${k.comment})` : ""}`,
      fingerprint: k.fingerprint,
    })),
    assignees: user.role === "admin" && item.status !== "done" ? await deliveryAssignees(db) : [],
    assigneeId: item.assigneeId,
    ready: readyToHandOver(item),
    item: {
      reference: item.quoteRequestId.slice(0, 8).toUpperCase(),
      contactName: item.contactName,
      company: item.company,
      tier: item.tier,
      version: item.version,
      status: item.status,
      assigneeName: item.assigneeName,
      paidAt: utc(item.paidAt),
      dueAt: utc(due),
      servers: item.checklist.servers.map((s) => {
        const d = item.delivered.get(s.key);
        const e = s.expected;
        return {
          key: s.key,
          name: s.name,
          roles: s.roles.join(", "),
          addons: s.addons.map((a) => `${a.quantity} × ${a.name}`).join(", "),
          expected: `${e.threads} threads, ${e.ramGb} GB RAM, ${e.usableStorageGb} GB usable${
            e.raidLevels.length ? ` (${e.raidLevels.join(", ")})` : ""
          }, ${e.uplinkGbit} Gbit/s`,
          delivered: d
            ? {
                hostname: d.hostname,
                ipAddresses: d.ipAddresses.join(", "),
                dataCentre: d.dataCentre,
                serial: d.serial,
                keys: d.installedKeys.map((k) => `${k.type} ${k.fingerprint}${k.comment ? ` (${k.comment})` : ""}`),
                keyFingerprints: d.installedKeys.map((k) => k.fingerprint),
              }
            : null,
          results: d?.results ?? null,
          passed: d?.passed ?? null,
          override: d?.overrideReason ?? null,
        };
      }),
      services: item.checklist.services.map((s) => `${s.quantity} × ${s.name} (${s.kind})`),
      tasks: (item.migrationPlan?.milestones ?? []).map(
        (m) => `${m.key.replaceAll("_", " ")} (${m.offsetHours >= 0 ? "+" : ""}${m.offsetHours} h from the switch)`,
      ),
    },
  };
}
