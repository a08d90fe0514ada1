import { data, redirect } from "@remix-run/node";
import { DateTime } from "luxon";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import { isDomainError } from "~/domain/errors";
import { SEVERITIES } from "~/domain/incidents";
import { addOverride, handedOverService, setRota } from "~/models/incident.server";
import { openIncidentAsStaff } from "~/services/incidents.server";
import { staffErrorMessage } from "~/utils/domain-error.server";
import { type Actor, can } from "~/utils/permissions";
import { staffTimeZone } from "~/utils/staff-time.server";
import { staffMultiLine, staffSingleLine } from "~/utils/text.server";

/** A date and time typed in a datetime-local field, read in the business time zone. */
export const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Give a date and time.")
  .transform((value, ctx) => {
    const dt = DateTime.fromISO(value, { zone: staffTimeZone() });
    if (!dt.isValid) {
      ctx.addIssue({ code: "custom", message: "That date and time does not exist." });
      return z.NEVER;
    }
    return dt.toJSDate();
  });

const operationsForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("open"),
    service: z.string().trim().min(8, "Give the service's reference (8 characters).").max(36),
    severity: z.enum(SEVERITIES as [string, ...string[]]),
    title: z.string().trim().min(3).max(200).check(staffSingleLine()),
    body: z.string().trim().min(3).max(4000).check(staffMultiLine()),
    down: z.literal("yes").optional(),
  }),
  z.object({
    intent: z.literal("rota"),
    members: z.array(z.uuid()).max(50).default([]),
    startsOn: z.iso.date(),
    handoverWeekday: z.coerce.number().int().min(1).max(7),
    handoverTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Give a time like 09:00."),
  }),
  z.object({
    intent: z.literal("override"),
    userId: z.uuid(),
    startsAt: localTime,
    endsAt: localTime,
  }),
]);

type Answer = { errors: { path: string; message: string }[]; notice: string | null };
const refused = (status: number, errors: Answer["errors"]) => data<Answer>({ errors, notice: null }, { status });

/** Open an incident (technicians and admins); set the rota or add an override (admins). */
export async function operationsAction(db: Executor, actor: Actor, form: FormData) {
  const raw: Record<string, unknown> = Object.fromEntries([...form].filter(([k, v]) => k !== "members" && v !== ""));
  raw.members = form.getAll("members").filter((v) => v !== "");
  const parsed = operationsForm.safeParse(raw);
  if (!parsed.success)
    return refused(
      400,
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: `${i.path.join(".")}: ${i.message}` })),
    );
  const input = parsed.data;
  try {
    if (input.intent === "open") {
      if (!can(actor.role, "write:incidents")) throw data(null, { status: 403 });
      const service = await handedOverService(db, input.service);
      if (!service)
        return refused(400, [
          { path: "service", message: "No handed-over service has that reference (or it is ambiguous)." },
        ]);
      const now = new Date();
      const incident = await openIncidentAsStaff(
        db,
        actor,
        {
          quoteRequestId: service.id,
          severity: input.severity as (typeof SEVERITIES)[number],
          title: input.title,
          body: input.body,
          downtimeFrom: input.down ? now : null,
        },
        now,
      );
      return redirect(`/staff/incidents/${incident.id}`, 303);
    }
    if (!can(actor.role, "manage:oncall")) throw data(null, { status: 403 });
    if (input.intent === "rota") {
      await setRota(db, actor, input);
      return data<Answer>({ errors: [], notice: "Rota saved." });
    }
    if (input.endsAt <= input.startsAt)
      return refused(400, [{ path: "endsAt", message: "endsAt: the override must end after it starts." }]);
    await addOverride(db, actor, input);
    return data<Answer>({ errors: [], notice: "Override added." });
  } catch (error) {
    if (isDomainError(error))
      return refused(error.status, [{ path: error.field || input.intent, message: await staffErrorMessage(error) }]);
    throw error;
  }
}
