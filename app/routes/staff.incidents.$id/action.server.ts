import { data } from "@remix-run/node";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import { isDomainError } from "~/domain/errors";
import { INCIDENT_STATES, SEVERITIES, type IncidentState, type Severity } from "~/domain/incidents";
import { staffIncident } from "~/models/incident.server";
import { updateIncident } from "~/services/incidents.server";
import { staffErrorMessage } from "~/utils/domain-error.server";
import type { Actor } from "~/utils/permissions";
import { staffMultiLine } from "~/utils/text.server";
import { localTime } from "../staff.operations._index/action.server";

const incidentForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("update"),
    state: z.enum(INCIDENT_STATES as [IncidentState, ...IncidentState[]]),
    severity: z.enum(SEVERITIES as [Severity, ...Severity[]]),
    body: z.string().trim().min(3).max(4000).check(staffMultiLine()),
    promisedAt: localTime.optional(),
    down: z.literal("yes").optional(),
    backUp: z.literal("yes").optional(),
    summary: z.string().trim().max(8000).check(staffMultiLine()).optional(),
  }),
  z.object({ intent: z.literal("note"), body: z.string().trim().min(1).max(4000).check(staffMultiLine()) }),
]);

type Answer = { errors: { path: string; message: string }[]; notice: string | null };
const refused = (status: number, errors: Answer["errors"]) => data<Answer>({ errors, notice: null }, { status });

/** A public update (state, severity, what is being done, the next update's time) or an internal note. */
export async function incidentAction(db: Executor, actor: Actor, id: string, form: FormData) {
  const parsed = incidentForm.safeParse(Object.fromEntries([...form].filter(([, v]) => v !== "")));
  if (!parsed.success)
    return refused(
      400,
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: `${i.path.join(".")}: ${i.message}` })),
    );
  const input = parsed.data;
  const found = await staffIncident(db, id);
  if (!found) throw data(null, { status: 404 });
  const now = new Date();
  try {
    if (input.intent === "note") {
      await updateIncident(
        db,
        actor,
        id,
        {
          internal: true,
          body: input.body,
          state: found.incident.state,
          severity: found.incident.severity,
          promisedAt: null,
          downtimeFrom: null,
          downtimeTo: null,
          summary: null,
        },
        now,
      );
      return data<Answer>({ errors: [], notice: "Note added (staff only)." });
    }
    await updateIncident(
      db,
      actor,
      id,
      {
        internal: false,
        body: input.body,
        state: input.state,
        severity: input.severity,
        promisedAt: input.promisedAt ?? null,
        downtimeFrom: input.down && !found.incident.downtimeFrom ? now : null,
        downtimeTo: input.backUp && found.incident.downtimeFrom && !found.incident.downtimeTo ? now : null,
        summary: input.summary ?? null,
      },
      now,
    );
    return data<Answer>({
      errors: [],
      notice: input.state === "resolved" ? "Resolved; the customer has the summary." : "Update sent to the customer.",
    });
  } catch (error) {
    if (isDomainError(error))
      return refused(error.status, [{ path: error.field || "body", message: await staffErrorMessage(error) }]);
    throw error;
  }
}
