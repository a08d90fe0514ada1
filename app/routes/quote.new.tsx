import { zodResolver } from "@hookform/resolvers/zod";
import { type ActionFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { useActionData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { type FieldPath, type UseFormReturn, get, useFieldArray, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { Field } from "~/components/field";
import { type FieldSpec, WORKLOAD_FIELDS, newWorkload } from "~/components/workload-specs";
import { LOAD_INPUTS } from "~/domain/demand";
import {
  AVAILABILITY_TIERS,
  COMPLIANCE_FLAGS,
  REGIONS,
  TERM_MONTHS,
  WORKLOAD_KINDS,
  type WorkloadKind,
  quoteRequestSchema,
} from "~/domain/quote-input";
import { i18next } from "~/i18next.server";
import { submitQuoteRequest } from "~/services/quote.server";
import { DRAFT_KEY, SUBMITTED_KEY } from "~/utils/draft";
import { Honeypot } from "~/components/honeypot";
import { HONEYPOT_FIELD, caughtInHoneypot } from "~/utils/honeypot";
import { type FieldError, fieldErrors, zodErrorMap } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "SpecDesk: describe your workloads" }];

/** The HTML depends only on the loader data, the URL and the language (see root.tsx). */
export const handle = { pureRender: true };

type FormInput = z.input<typeof quoteRequestSchema>;
type FormOutput = z.output<typeof quoteRequestSchema>;

export async function action({ request }: ActionFunctionArgs) {
  const t = await i18next.getFixedT(request);
  const locale = await i18next.getLocale(request);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return data({ errors: [{ path: "", message: t("validation.invalid") }] as FieldError[] }, { status: 400 });
  }
  // A filled trap field is a bot: nothing is stored, and it learns nothing about why.
  if (caughtInHoneypot(body)) return data({ errors: [{ path: "", message: t("validation.invalid") }] as FieldError[] }, { status: 422 });
  const parsed = quoteRequestSchema.safeParse(body, { error: zodErrorMap(t) });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const created = await submitQuoteRequest(parsed.data, locale);
  return redirect(`/q/${created.token}`);
}

const STEPS = ["workloads", "requirements", "contact"] as const;
type Step = (typeof STEPS)[number];

const DEFAULTS: FormInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [],
  contact: { name: "", email: "", company: "" },
};

const toNumber = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : typeof v === "number" ? v : Number(v));
const toOptionalString = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : String(v));

function stepOf(path: string): Step {
  if (path.startsWith("workloads")) return "workloads";
  if (path.startsWith("contact")) return "contact";
  return "requirements";
}

type Form = UseFormReturn<FormInput, unknown, FormOutput>;

function errorAt(form: Form, name: string): string | undefined {
  return (get(form.formState.errors, name) as { message?: string } | undefined)?.message;
}

function NumberInput({ form, name, label, hint, optional, step = "any" }: { form: Form; name: FieldPath<FormInput>; label: string; hint?: string; optional?: boolean; step?: string }) {
  const { t } = useTranslation();
  const error = errorAt(form, name);
  return (
    <Field id={name} label={label} hint={hint} error={error} optionalLabel={optional ? t("wizard.optional") : undefined}>
      {(a11y) => <input type="number" inputMode="decimal" step={step} {...a11y} {...form.register(name, { setValueAs: toNumber, onChange: () => form.clearErrors(name) })} />}
    </Field>
  );
}

function SelectInput({ form, name, label, options, optional, numeric }: { form: Form; name: FieldPath<FormInput>; label: string; options: { value: string; label: string }[]; optional?: boolean; numeric?: boolean }) {
  const { t } = useTranslation();
  const error = errorAt(form, name);
  return (
    <Field id={name} label={label} error={error} optionalLabel={optional ? t("wizard.optional") : undefined}>
      {(a11y) => (
        <select {...a11y} {...form.register(name, { setValueAs: numeric ? toNumber : toOptionalString, onChange: () => form.clearErrors(name) })}>
          {optional ? <option value="">—</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function TextInput({ form, name, label, hint, optional, type = "text", autoComplete }: { form: Form; name: FieldPath<FormInput>; label: string; hint?: string; optional?: boolean; type?: string; autoComplete?: string }) {
  const { t } = useTranslation();
  const error = errorAt(form, name);
  return (
    <Field id={name} label={label} hint={hint} error={error} optionalLabel={optional ? t("wizard.optional") : undefined}>
      {(a11y) => <input type={type} autoComplete={autoComplete} {...a11y} {...form.register(name, { setValueAs: optional ? toOptionalString : undefined, onChange: () => form.clearErrors(name) })} />}
    </Field>
  );
}

function SpecField({ form, base, spec }: { form: Form; base: string; spec: FieldSpec }) {
  const { t } = useTranslation();
  const name = `${base}.${spec.name}` as FieldPath<FormInput>;
  const label = t(`wizard.fields.${spec.name}`);
  switch (spec.type) {
    case "bool":
      return (
        <div className="field field-check">
          <input type="checkbox" id={name} {...form.register(name)} />
          <label htmlFor={name}>{label}</label>
        </div>
      );
    case "select":
      return <SelectInput form={form} name={name} label={label} optional={spec.optional} options={spec.options.map((o) => ({ value: o, label: t(`wizard.fields.${spec.optionsKey}.${o}`) }))} />;
    default:
      return <NumberInput form={form} name={name} label={label} hint={spec.hint ? t(`wizard.fields.${spec.name}Hint`) : undefined} optional={spec.optional} step={spec.type === "int" ? "1" : "any"} />;
  }
}

function VmRows({ form, index }: { form: Form; index: number }) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control: form.control, name: `workloads.${index}.vms` as never });
  return (
    <div className="vm-rows">
      {fields.map((field, vm) => (
        <fieldset key={field.id} className="vm-row">
          <legend>{t("wizard.fields.vmHeading", { n: vm + 1 })}</legend>
          {(["vcpu", "ramGb", "storageGb"] as const).map((key) => (
            <NumberInput key={key} form={form} name={`workloads.${index}.vms.${vm}.${key}` as FieldPath<FormInput>} label={t(`wizard.fields.vm_${key}`)} step={key === "vcpu" ? "1" : "any"} />
          ))}
          {fields.length > 1 ? (
            <button type="button" className="secondary" onClick={() => remove(vm)}>
              {t("wizard.fields.removeVm", { n: vm + 1 })}
            </button>
          ) : null}
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={() => append({} as never)}>
        {t("wizard.fields.addVm")}
      </button>
    </div>
  );
}

/** "These figures are measured": the customer vouches for all load inputs, so no margin is added. */
function MeasuredToggle({ form, index, kind }: { form: Form; index: number; kind: WorkloadKind }) {
  const { t } = useTranslation();
  const inputs = LOAD_INPUTS[kind];
  const path = `workloads.${index}.measured` as FieldPath<FormInput>;
  const value = form.watch(path) as string[] | undefined;
  if (inputs.length === 0) return null;
  const id = `${path}-toggle`;
  return (
    <div className="field field-check">
      <input type="checkbox" id={id} checked={Array.isArray(value) && value.length > 0} onChange={(e) => form.setValue(path, (e.target.checked ? inputs : undefined) as never, { shouldDirty: true })} />
      <label htmlFor={id}>{t("wizard.fields.measured")}</label>
    </div>
  );
}

function WorkloadFields({ form, index, kind }: { form: Form; index: number; kind: WorkloadKind }) {
  const { t } = useTranslation();
  const base = `workloads.${index}`;
  return (
    <>
      <TextInput form={form} name={`${base}.name` as FieldPath<FormInput>} label={t("wizard.fields.name")} hint={t("wizard.fields.nameHint")} optional />
      {WORKLOAD_FIELDS[kind].map((spec) => (
        <SpecField key={spec.name} form={form} base={base} spec={spec} />
      ))}
      {kind === "vm_host" ? <VmRows form={form} index={index} /> : null}
      <MeasuredToggle form={form} index={index} kind={kind} />
    </>
  );
}

/** Optional check boxes that fill an array field (compliance flags). */
function CheckboxGroup({ form, name, legend, options }: { form: Form; name: FieldPath<FormInput>; legend: string; options: { value: string; label: string }[] }) {
  const value = (form.watch(name) as string[] | undefined) ?? [];
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <div className="field-check" key={o.value}>
          <input
            type="checkbox"
            id={`${name}-${o.value}`}
            checked={value.includes(o.value)}
            onChange={(e) => {
              const next = e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value);
              form.setValue(name, (next.length ? next : undefined) as never, { shouldDirty: true });
            }}
          />
          <label htmlFor={`${name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The budget is typed in euros and kept in cents, like all money. */
function BudgetInput({ form }: { form: Form }) {
  const { t } = useTranslation();
  const name = "requirements.monthlyBudgetMinor" as const;
  const minor = form.watch(name);
  const error = errorAt(form, name);
  return (
    <Field id={name} label={t("wizard.requirements.monthlyBudget")} hint={t("wizard.requirements.monthlyBudgetHint")} optionalLabel={t("wizard.optional")} error={error}>
      {(a11y) => (
        <input
          type="number"
          inputMode="decimal"
          min={0}
          step="1"
          {...a11y}
          value={minor === undefined ? "" : minor / 100}
          onChange={(e) => {
            form.clearErrors(name);
            form.setValue(name, e.target.value === "" ? undefined : Math.round(Number(e.target.value) * 100), { shouldDirty: true });
          }}
        />
      )}
    </Field>
  );
}

export default function QuoteWizard() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const [step, setStep] = useState<Step>("workloads");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const resolver = useMemo(() => zodResolver(quoteRequestSchema, { error: zodErrorMap(t) as never }), [t]);
  // Validate when the customer moves on (Next / submit), not on blur: an error vanishing on blur
  // shifts the layout between mouse-down and mouse-up and swallows the click on "Next".
  // Typing in a field clears its own error at once.
  const form = useForm<FormInput, unknown, FormOutput>({ resolver, defaultValues: DEFAULTS, mode: "onSubmit", reValidateMode: "onSubmit", shouldFocusError: true });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "workloads" });
  const busy = navigation.state !== "idle";

  // Restore a draft once, in the browser; nothing typed is lost on reload.
  useEffect(() => {
    try {
      const raw = window.localStorage.getItem(DRAFT_KEY);
      if (raw) {
        const draft = JSON.parse(raw) as { values?: FormInput; step?: Step };
        if (draft.values) form.reset({ ...DEFAULTS, ...draft.values });
        if (draft.step && STEPS.includes(draft.step)) setStep(draft.step);
      }
    } catch {
      window.localStorage.removeItem(DRAFT_KEY);
    }
  }, [form]);

  // Save as the customer types. Declared after the restore above, so in the first commit it runs
  // after it (effects run in order) and never saves the defaults over a draft; no re-render needed.
  useEffect(() => {
    const save = (values: unknown) => window.localStorage.setItem(DRAFT_KEY, JSON.stringify({ values, step }));
    save(form.getValues());
    const sub = form.watch((values) => save(values));
    return () => sub.unsubscribe();
  }, [form, step]);

  // Errors from the server's own validation land on the same fields.
  useEffect(() => {
    if (!actionData?.errors?.length) return;
    window.sessionStorage.removeItem(SUBMITTED_KEY);
    for (const e of actionData.errors) if (e.path) form.setError(e.path as FieldPath<FormInput>, { type: "server", message: e.message });
    const first = actionData.errors[0];
    if (first) {
      setStep(stepOf(first.path));
      setTimeout(() => first.path && form.setFocus(first.path as FieldPath<FormInput>), 0);
    }
  }, [actionData, form]);

  const stepIndex = STEPS.indexOf(step);
  const goTo = (next: Step) => {
    setStep(next);
    setTimeout(() => headingRef.current?.focus(), 0);
  };

  const onNext = async () => {
    if (step === "workloads" && fields.length === 0) {
      form.setError("workloads", { type: "min", message: t("wizard.noWorkloads") });
      return;
    }
    const ok = await form.trigger(step, { shouldFocus: true });
    if (ok) goTo(STEPS[stepIndex + 1]!);
  };

  const honeypot = useRef<HTMLInputElement>(null);
  const onSubmit = form.handleSubmit(
    (values) => {
      window.sessionStorage.setItem(SUBMITTED_KEY, "1");
      submit({ ...values, [HONEYPOT_FIELD]: honeypot.current?.value ?? "" } as never, { method: "post", encType: "application/json" });
    },
    (errors) => {
      const firstStep = STEPS.find((s) => get(errors, s));
      if (firstStep && firstStep !== step) setStep(firstStep);
    },
  );

  const workloadsError = form.formState.errors.workloads?.root?.message ?? form.formState.errors.workloads?.message;

  return (
    <div className="wizard">
      <h1>{t("wizard.title")}</h1>
      <ol className="steps" aria-label={t("wizard.stepOf", { current: stepIndex + 1, total: STEPS.length })}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === step ? "step" : undefined} className={i < stepIndex ? "done" : undefined}>
            {t(`wizard.steps.${s}`)}
          </li>
        ))}
      </ol>
      <p className="hint">{t("wizard.draftSaved")}</p>
      <form onSubmit={onSubmit} noValidate>
        <Honeypot ref={honeypot} />
        <h2 ref={headingRef} tabIndex={-1}>
          {t("wizard.stepOf", { current: stepIndex + 1, total: STEPS.length })}: {t(`wizard.steps.${step}`)}
        </h2>

        <div hidden={step !== "workloads"}>
          {fields.map((field, index) => {
            const kind = form.getValues(`workloads.${index}.kind`) as WorkloadKind;
            return (
              <fieldset key={field.id} className="workload">
                <legend>{t("wizard.workloadHeading", { n: index + 1, kind: t(`wizard.kinds.${kind}`) })}</legend>
                <WorkloadFields form={form} index={index} kind={kind} />
                <button type="button" className="secondary" onClick={() => remove(index)}>
                  {t("wizard.removeWorkload")} <span className="visually-hidden">{t("wizard.workloadHeading", { n: index + 1, kind: t(`wizard.kinds.${kind}`) })}</span>
                </button>
              </fieldset>
            );
          })}
          {workloadsError ? (
            <p className="field-error" role="alert">
              {workloadsError}
            </p>
          ) : null}
          <div className="add-workload" role="group" aria-label={t("wizard.addWorkload")}>
            {WORKLOAD_KINDS.map((kind) => (
              <button
                key={kind}
                type="button"
                className="kind-card"
                onClick={() => {
                  form.clearErrors("workloads");
                  // Focus the new workload's first field as part of this click (react-hook-form does it
                  // right after the render), never later while the customer is already typing elsewhere.
                  append(newWorkload(kind) as never, { shouldFocus: true, focusName: `workloads.${fields.length}.name` });
                }}
              >
                <strong>{t("wizard.addKind", { kind: t(`wizard.kinds.${kind}`) })}</strong>
                <span>{t(`wizard.kindHelp.${kind}`)}</span>
              </button>
            ))}
          </div>
        </div>

        <div hidden={step !== "requirements"}>
          <fieldset>
            <legend>{t("wizard.requirements.availability")}</legend>
            {AVAILABILITY_TIERS.map((a) => (
              <div className="field-check" key={a}>
                <input type="radio" id={`availability-${a}`} value={a} {...form.register("requirements.availability")} />
                <label htmlFor={`availability-${a}`}>{t(`wizard.requirements.availabilityOptions.${a}`)}</label>
              </div>
            ))}
          </fieldset>
          <SelectInput form={form} name="requirements.termMonths" label={t("wizard.requirements.termMonths")} numeric options={TERM_MONTHS.map((m) => ({ value: String(m), label: t(`wizard.requirements.termOptions.${m}`) }))} />
          <SelectInput form={form} name="requirements.region" label={t("wizard.requirements.region")} options={REGIONS.map((r) => ({ value: r, label: t(`wizard.requirements.regionOptions.${r}`) }))} />
          <NumberInput form={form} name="requirements.backupRetentionDays" label={t("wizard.requirements.backupRetentionDays")} hint={t("wizard.requirements.backupRetentionDaysHint")} optional step="1" />
          <NumberInput form={form} name="requirements.growthPercentPerYear" label={t("wizard.requirements.growthPercentPerYear")} hint={t("wizard.requirements.growthPercentPerYearHint")} optional />
          <CheckboxGroup form={form} name="requirements.compliance" legend={t("wizard.requirements.compliance")} options={COMPLIANCE_FLAGS.map((c) => ({ value: c, label: t(`wizard.requirements.complianceOptions.${c}`) }))} />
          {form.watch("requirements.compliance")?.includes("data_residency") ? (
            <TextInput form={form} name="requirements.dataResidencyCountry" label={t("wizard.requirements.dataResidencyCountry")} hint={t("wizard.requirements.dataResidencyCountryHint")} optional />
          ) : null}
          <fieldset>
            <legend>{t("wizard.requirements.networking")}</legend>
            <div className="field field-check">
              <input type="checkbox" id="requirements.networking.ownIpRanges" {...form.register("requirements.networking.ownIpRanges")} />
              <label htmlFor="requirements.networking.ownIpRanges">{t("wizard.requirements.ownIpRanges")}</label>
            </div>
            <div className="field field-check">
              <input type="checkbox" id="requirements.networking.bgp" {...form.register("requirements.networking.bgp")} />
              <label htmlFor="requirements.networking.bgp">{t("wizard.requirements.bgp")}</label>
            </div>
            <NumberInput form={form} name="requirements.networking.uplinkGbit" label={t("wizard.requirements.uplinkGbit")} optional />
          </fieldset>
          <fieldset>
            <legend>{t("wizard.requirements.migration")}</legend>
            <div className="field field-check">
              <input type="checkbox" id="requirements.migration.fromExistingServer" {...form.register("requirements.migration.fromExistingServer")} />
              <label htmlFor="requirements.migration.fromExistingServer">{t("wizard.requirements.fromExistingServer")}</label>
            </div>
            {form.watch("requirements.migration.fromExistingServer") ? (
              <NumberInput form={form} name="requirements.migration.maxDowntimeMinutes" label={t("wizard.requirements.maxDowntimeMinutes")} optional step="1" />
            ) : null}
          </fieldset>
          <BudgetInput form={form} />
          <Field id="requirements.specialRequirements" label={t("wizard.requirements.specialRequirements")} hint={t("wizard.requirements.specialRequirementsHint")} optionalLabel={t("wizard.optional")} error={form.formState.errors.requirements?.specialRequirements?.message}>
            {(a11y) => <textarea rows={4} {...a11y} {...form.register("requirements.specialRequirements", { setValueAs: toOptionalString })} />}
          </Field>
        </div>

        <div hidden={step !== "contact"}>
          <TextInput form={form} name="contact.name" label={t("wizard.contact.name")} autoComplete="name" />
          <TextInput form={form} name="contact.email" label={t("wizard.contact.email")} type="email" autoComplete="email" />
          <TextInput form={form} name="contact.company" label={t("wizard.contact.company")} optional autoComplete="organization" />
          <p className="hint">{t("wizard.contact.privacy")}</p>
        </div>

        <div className="wizard-nav">
          {stepIndex > 0 ? (
            <button type="button" className="secondary" onClick={() => goTo(STEPS[stepIndex - 1]!)}>
              {t("wizard.back")}
            </button>
          ) : null}
          {step !== "contact" ? (
            <button type="button" onClick={onNext}>
              {t("wizard.next")}
            </button>
          ) : (
            <button type="submit" disabled={busy}>
              {busy ? t("wizard.submitting") : t("wizard.submit")}
            </button>
          )}
          <button
            type="button"
            className="link"
            onClick={() => {
              window.localStorage.removeItem(DRAFT_KEY);
              form.reset(DEFAULTS);
              goTo("workloads");
            }}
          >
            {t("wizard.clearDraft")}
          </button>
        </div>
      </form>
    </div>
  );
}
