import { z } from "zod";
import { type ContractTargets, DEFAULT_TARGETS, SEVERITIES, type Severity, type SeverityTargets } from "./incidents";
import { type CreditPolicy, DEFAULT_CREDIT_POLICY } from "./service-credits";

/**
 * A service's contract settings (issue 19): its incident targets over the defaults and its credit
 * policy. The shapes stored in service_settings are checked with these schemas when read (a row
 * that does not fit counts as the defaults), and the staff form is parsed into them. Pure.
 */

/** Bounds of a contract's minutes (five minutes to a week; an escalation within a day). */
export const TARGET_BOUNDS = {
  firstResponseMinutes: { min: 5, max: 10_080 },
  updateMinutes: { min: 5, max: 10_080 },
  escalateAfterMinutes: { min: 5, max: 1_440 },
} as const;

const minutes = (field: keyof typeof TARGET_BOUNDS) =>
  z.number().int().min(TARGET_BOUNDS[field].min).max(TARGET_BOUNDS[field].max);

const storedSeverity = z
  .object({
    firstResponseMinutes: minutes("firstResponseMinutes"),
    updateMinutes: minutes("updateMinutes").nullable(),
    business: z.boolean(),
    escalateAfterMinutes: minutes("escalateAfterMinutes"),
  })
  .partial()
  .strict();

/** ContractTargets as stored: only the severities and fields a contract changes. */
export const contractTargetsSchema = z
  .object({ P1: storedSeverity, P2: storedSeverity, P3: storedSeverity, P4: storedSeverity })
  .partial()
  .strict();

export const CREDIT_POLICY_KINDS = ["percent_per_30min", "hourly_refund", "multiple_of_downtime"] as const;

/** CreditPolicy as stored: percentages of the monthly fee (up to 100), a multiple up to 100×. */
export const creditPolicySchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("percent_per_30min"),
      percent: z.number().min(0.5).max(100),
      capPercent: z.number().min(1).max(100),
    })
    .strict(),
  z.object({ kind: z.literal("hourly_refund") }).strict(),
  z.object({ kind: z.literal("multiple_of_downtime"), multiple: z.number().min(1).max(100) }).strict(),
]);

/** A stored targets value as the domain reads it: anything malformed counts as "no changes". */
export function readContractTargets(raw: unknown): ContractTargets {
  const parsed = contractTargetsSchema.safeParse(raw ?? {});
  return parsed.success ? (parsed.data as ContractTargets) : {};
}

/** A stored credit policy, or the default (none stored, or one that does not fit). */
export function readCreditPolicy(raw: unknown): CreditPolicy {
  if (raw === null || raw === undefined) return DEFAULT_CREDIT_POLICY;
  const parsed = creditPolicySchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_CREDIT_POLICY;
}

/** Every severity's targets with the contract's changes applied. */
export function effectiveTargets(contract: ContractTargets = {}): Record<Severity, SeverityTargets> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, { ...DEFAULT_TARGETS[s], ...contract[s] }])) as Record<
    Severity,
    SeverityTargets
  >;
}

/**
 * What to store for a full set of targets: only what differs from the defaults, so a contract that
 * keeps a default follows it if the default changes.
 */
export function contractOverrides(full: Record<Severity, SeverityTargets>): ContractTargets {
  const out: ContractTargets = {};
  for (const s of SEVERITIES) {
    const changed: Partial<SeverityTargets> = {};
    for (const key of Object.keys(DEFAULT_TARGETS[s]) as (keyof SeverityTargets)[])
      if (full[s][key] !== DEFAULT_TARGETS[s][key]) Object.assign(changed, { [key]: full[s][key] });
    if (Object.keys(changed).length) out[s] = changed;
  }
  return out;
}

/** What to store for a credit policy: null when it is the default. */
export function storedCreditPolicy(policy: CreditPolicy): CreditPolicy | null {
  return JSON.stringify(policy) === JSON.stringify(DEFAULT_CREDIT_POLICY) ? null : policy;
}

// --- The staff form ----------------------------------------------------------------------------

const formMinutes = (field: keyof typeof TARGET_BOUNDS) => {
  const { min, max } = TARGET_BOUNDS[field];
  return z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, `Give whole minutes (${min} to ${max}).`)
    .transform(Number)
    .pipe(z.number().int().min(min, `At least ${min} minutes.`).max(max, `At most ${max} minutes.`));
};

const formNumber = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, `Give ${what} (${min} to ${max}).`)
    .transform(Number)
    .pipe(z.number().min(min, `At least ${min}.`).max(max, `At most ${max}.`));

const severityForm = z
  .object({
    firstResponseMinutes: formMinutes("firstResponseMinutes"),
    updateMinutes: formMinutes("updateMinutes").optional(),
    onChange: z.literal("yes").optional(),
    business: z.literal("yes").optional(),
    escalateAfterMinutes: formMinutes("escalateAfterMinutes"),
  })
  .superRefine((v, ctx) => {
    if (!v.onChange && v.updateMinutes === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["updateMinutes"],
        message: "Give the minutes between updates, or choose “on change”.",
      });
  })
  .transform((v): SeverityTargets => ({
    firstResponseMinutes: v.firstResponseMinutes,
    updateMinutes: v.onChange ? null : v.updateMinutes!,
    business: Boolean(v.business),
    escalateAfterMinutes: v.escalateAfterMinutes,
  }));

const creditForm = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("percent_per_30min"),
      percent: formNumber(0.5, 100, "a percentage"),
      capPercent: formNumber(1, 100, "a percentage"),
    })
    .refine((v) => v.capPercent >= v.percent, {
      path: ["capPercent"],
      message: "The cap must be at least the percentage per 30 minutes.",
    }),
  z.object({ kind: z.literal("hourly_refund") }),
  z.object({ kind: z.literal("multiple_of_downtime"), multiple: formNumber(1, 100, "a multiple") }),
]);

/**
 * The staff settings form, nested by field name ("P1.updateMinutes", "credit.kind"): every
 * severity's full targets and the credit policy. Error paths read like the field names.
 */
export const contractSettingsForm = z.object({
  P1: severityForm,
  P2: severityForm,
  P3: severityForm,
  P4: severityForm,
  credit: creditForm,
});

export type ContractSettingsInput = z.output<typeof contractSettingsForm>;

const FORM_GROUPS = new Set<string>([...SEVERITIES, "credit"]);

/**
 * The settings form's flat fields ({"P1.updateMinutes": "10"}) nested by their dot, empty values
 * left out. Only the form's own groups are read (nothing else, "__proto__" least of all).
 */
export function nestForm(entries: Iterable<[string, unknown]>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of entries) {
    if (value === "" || typeof value !== "string") continue;
    const [group, field, ...rest] = key.split(".");
    if (!group || !field || rest.length || !FORM_GROUPS.has(group) || !/^[A-Za-z]+$/.test(field)) continue;
    out[group] ??= {};
    out[group][field] = value;
  }
  return out;
}
