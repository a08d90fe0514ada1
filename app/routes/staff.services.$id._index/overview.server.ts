import { data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { DEFAULT_TARGETS, SEVERITIES, type Severity, type SeverityTargets } from "~/domain/incidents";
import {
  contractOverrides,
  contractSettingsForm,
  effectiveTargets,
  nestForm,
  storedCreditPolicy,
} from "~/domain/service-settings";
import { incidentRef, serviceIncidents } from "~/models/incident.server";
import { describeTargets } from "~/presenters/incident-targets";
import { staffService } from "~/models/service.server";
import { contractSettings, saveContractSettings } from "~/models/service-settings.server";
import { describeCreditPolicy, staffAvailability } from "~/services/service-availability.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { staffTime, staffTimeZone } from "~/utils/staff-time.server";

/**
 * A running service's overview (issue 19): its incidents (open first, then the latest resolved),
 * availability and credits per month, and its contract settings: incident targets per severity
 * over the defaults and the credit policy. Everyone with the operations board reads it; only admins
 * change the contract settings (they are commercial terms: what we promise and what we pay back).
 */

const notFound = () => data(null, { status: 404 });

export async function overviewPage(request: Request, id: string) {
  const user = await requireStaffPermission(request, "read:operations");
  if (!z.uuid().safeParse(id).success) throw notFound();
  const db = getDb();
  const service = await staffService(db, id);
  if (!service) throw notFound();
  const now = new Date();
  const [settings, availability, incidents] = await Promise.all([
    contractSettings(db, id),
    staffAvailability(db, id, now),
    serviceIncidents(db, id),
  ]);
  const time = staffTime();
  const effective = effectiveTargets(settings.targets);
  return {
    canEdit: can(user.role, "manage:oncall"),
    timeZone: staffTimeZone(),
    incidents: incidents.map((i) => ({
      id: i.id,
      reference: incidentRef(i),
      severity: i.severity,
      state: i.state,
      title: i.title,
      opened: time(i.openedAt),
      due: i.state === "resolved" ? null : i.nextUpdateDueAt ? time(i.nextUpdateDueAt) : "on change",
      overdue: Boolean(i.state !== "resolved" && i.nextUpdateDueAt && i.nextUpdateDueAt <= now),
      resolved: i.resolvedAt ? time(i.resolvedAt) : null,
      downtime: i.downtimeFrom ? `${time(i.downtimeFrom)} – ${i.downtimeTo ? time(i.downtimeTo) : "still down"}` : null,
    })),
    availability,
    targets: SEVERITIES.map((s) => ({
      severity: s,
      ...effective[s],
      own: Boolean(settings.targets[s]),
      text: describeTargets(effective[s]),
      defaults: describeTargets(DEFAULT_TARGETS[s]),
    })),
    creditPolicy: settings.creditPolicy,
    creditText: describeCreditPolicy(settings.creditPolicy),
    ownCreditPolicy: settings.ownCreditPolicy,
    updated:
      settings.updatedAt && (settings.ownCreditPolicy || Object.keys(settings.targets).length)
        ? `${time(settings.updatedAt)}${settings.updatedBy ? ` by ${settings.updatedBy}` : ""}`
        : null,
  };
}

type Answer = { errors: { path: string; message: string }[]; notice: string | null };
const refused = (status: number, errors: Answer["errors"]) => data<Answer>({ errors, notice: null }, { status });

const FIELD_LABELS: Record<string, string> = {
  firstResponseMinutes: "first response",
  updateMinutes: "update cadence",
  escalateAfterMinutes: "escalation",
  kind: "credit policy",
  percent: "credit per 30 minutes",
  capPercent: "credit cap",
  multiple: "multiple of downtime",
};

function label(path: string) {
  const [group, field] = path.split(".");
  const what = FIELD_LABELS[field ?? ""] ?? field ?? group;
  return group === "credit" || !field ? what : `${group} ${what}`;
}

/** Admins set the contract's incident targets and credit policy; bad input is refused by field, nothing written. */
export async function overviewAction(request: Request, id: string) {
  const user = await requireStaffPermission(request, "manage:oncall");
  if (!z.uuid().safeParse(id).success) throw notFound();
  const form = await request.formData();
  if (form.get("intent") !== "settings") return refused(400, [{ path: "intent", message: "intent: unknown action." }]);
  const parsed = contractSettingsForm.safeParse(nestForm(form.entries()));
  if (!parsed.success)
    return refused(
      400,
      parsed.error.issues.map((i) => {
        const path = i.path.join(".");
        return { path, message: `${label(path)}: ${i.message}` };
      }),
    );
  const db = getDb();
  if (!(await staffService(db, id))) throw notFound();
  const { credit, ...targets } = parsed.data;
  const full = Object.fromEntries(SEVERITIES.map((s) => [s, targets[s]])) as Record<Severity, SeverityTargets>;
  await saveContractSettings(db, user, id, {
    targets: contractOverrides(full),
    creditPolicy: storedCreditPolicy(credit),
  });
  return data<Answer>({
    errors: [],
    notice: "Contract settings saved: new incidents and updates use these targets.",
  });
}
