import { i18next } from "~/i18next.server";
import type { MigrationOverride } from "~/domain/migration-override";
import { migrationOverrideSchema } from "~/models/proposal-version.server";
import { type FieldError, fieldErrors, zodErrorMap } from "~/utils/validation";

/** The override form's fields as technicians read them, for messages that say which field is wrong. */
const LABELS: Record<string, string> = {
  method: "Method",
  downtimeMinutes: "Downtime (min)",
  preparationHours: "Preparation hours",
  cutoverHours: "Hours in the window",
  window: "Window",
  "window.days": "Window days",
  "window.start": "Window start",
  "window.end": "Window end",
  reason: "Reason",
};

const label = (path: string) =>
  LABELS[path] ??
  LABELS[
    path
      .split(".")
      .slice(0, 2)
      .join(".")
      .replace(/\.\d+$/, "")
  ] ??
  path;

/** A number field: empty is "not changed"; anything else must read as a number (the schema checks the range). */
function numberField(value: FormDataEntryValue | null): number | string | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const n = Number(value.trim().replace(",", "."));
  return Number.isFinite(n) ? n : value;
}

/**
 * The review page's "migration" intent: the form's fields into a MigrationOverride, or field-level
 * errors (paths as the form names its fields: "window.start"). Empty fields leave the planner's
 * figure as it is; the window is changed only when any of its fields is given.
 */
export async function parseMigrationIntent(
  form: FormData,
): Promise<{ ok: true; data: MigrationOverride } | { ok: false; errors: FieldError[] }> {
  const days = form.getAll("window.days").map(String);
  const start = String(form.get("window.start") ?? "").trim();
  const end = String(form.get("window.end") ?? "").trim();
  const method = String(form.get("method") ?? "").trim();
  const raw = {
    ...(method ? { method } : {}),
    downtimeMinutes: numberField(form.get("downtimeMinutes")),
    preparationHours: numberField(form.get("preparationHours")),
    cutoverHours: numberField(form.get("cutoverHours")),
    // An empty time is a missing one ("required"), not a malformed one.
    ...(days.length || start || end ? { window: { days, start: start || undefined, end: end || undefined } } : {}),
    reason: String(form.get("reason") ?? ""),
  };
  // Staff pages are in English.
  const t = await i18next.getFixedT("en");
  const parsed = migrationOverrideSchema.safeParse(raw, { error: zodErrorMap(t) });
  if (parsed.success) {
    const { reason: _reason, ...figures } = parsed.data;
    if (Object.keys(figures).length === 0)
      return {
        ok: false,
        errors: [{ path: "method", message: "Change at least one figure: method, downtime, hours or window." }],
      };
    return { ok: true, data: parsed.data };
  }
  return {
    ok: false,
    errors: fieldErrors(parsed.error).map((e) => ({ path: e.path, message: `${label(e.path)}: ${e.message}` })),
  };
}
