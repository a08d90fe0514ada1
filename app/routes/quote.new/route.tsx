import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { type FieldPath, type Resolver, useFieldArray, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Honeypot } from "~/components/honeypot";
import { REQUIREMENT_KEYS } from "~/domain/quote-options";
import wizardStyles from "~/styles/wizard.css";
import { DRAFT_KEY, SUBMITTED_KEY } from "~/utils/draft";
import { HONEYPOT_FIELD } from "~/utils/honeypot";
import type { action } from "./action.server";
import { ContactStep } from "./contact-step";
import { type SummaryItem, ErrorSummary, StartOver, invalidFieldsIn } from "./error-summary";
import type { loader } from "./load.server";
import {
  DEFAULTS,
  type FormInput,
  type FormOutput,
  MIGRATION,
  STEPS,
  type Step,
  firstStepWithErrors,
  forSubmission,
  stepOf,
} from "./form";
import { MigrationStep } from "./migration-step";
import { RequirementsStep } from "./requirements-step";
import { WorkloadsStep } from "./workloads-step";
import { PAGE_TEXTS } from "~/locales/texts";
import { textsFirst } from "~/utils/texts";

export { action } from "./action.server";
export { loader } from "./load.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: wizardStyles }];

/** zod, the schema and the resolver load on demand (validation.ts): not part of the first download. */
const loadValidation = () => import("./validation");

/** What "Next" validates on each step: step 2 holds every requirement but the move, which has its own step. */
const STEP_FIELDS: Record<Exclude<Step, "contact">, FieldPath<FormInput>[]> = {
  workloads: ["workloads"],
  requirements: ["currency", ...REQUIREMENT_KEYS.map((key) => `requirements.${key}` as const)],
  migration: [MIGRATION],
};

export const meta: MetaFunction = () => [{ title: "SpecDesk: describe your workloads" }];

/** The HTML depends only on the loader data, the URL and the language (see root.tsx). */
export const handle = { pureRender: true, texts: PAGE_TEXTS.wizard };
export const clientLoader = textsFirst(handle.texts);

export default function QuoteWizard() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const [step, setStep] = useState<Step>("workloads");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { termDiscounts } = useLoaderData<typeof loader>();
  const resolver = useMemo((): Resolver<FormInput, unknown, FormOutput> => {
    let zod: Promise<Resolver<FormInput, unknown, FormOutput>> | undefined;
    return async (values, context, options) => {
      zod ??= loadValidation().then((m) => m.wizardResolver(t));
      return (await zod)(forSubmission(values), context, options);
    };
  }, [t]);
  // Validate when the customer moves on (Next / submit), not on blur: an error vanishing on blur
  // shifts the layout between mouse-down and mouse-up and swallows the click on "Next".
  // Typing in a field clears its own error at once.
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver,
    defaultValues: DEFAULTS,
    mode: "onSubmit",
    reValidateMode: "onSubmit",
    shouldFocusError: true,
  });
  const workloads = useFieldArray({ control: form.control, name: "workloads" });
  // After refused answers, once their step is shown: the field the server named, else the step's
  // first flagged field in page order. Not react-hook-form's own focusing: it goes by registration,
  // and the moving step's controlled fields (amounts with a unit, the time zone) are not registered.
  // The same moment fills the error summary at the top of the step: a link to each flagged field.
  const [refused, setRefused] = useState<{ path?: string; n: number }>({ n: 0 });
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!refused.n) return;
    const invalid = document.querySelectorAll<HTMLElement>('.wizard form [aria-invalid="true"]');
    const named = refused.path ? document.getElementById(refused.path) : null;
    (named ?? Array.from(invalid).find((el) => !el.closest("[hidden]")))?.focus();
    if (formRef.current) setSummary(invalidFieldsIn(formRef.current));
  }, [refused]);
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
    for (const e of actionData.errors)
      if (e.path) form.setError(e.path as FieldPath<FormInput>, { type: "server", message: e.message });
    const first = actionData.errors[0];
    if (first) {
      setStep(stepOf(first.path));
      setRefused((r) => ({ path: first.path, n: r.n + 1 }));
    }
  }, [actionData, form]);

  const stepIndex = STEPS.indexOf(step);
  const goTo = (next: Step) => {
    setSummary([]);
    setStep(next);
    setTimeout(() => headingRef.current?.focus(), 0);
  };

  const onNext = async () => {
    if (step === "workloads" && workloads.fields.length === 0) {
      form.setError("workloads", { type: "min", message: t("wizard.noWorkloads") });
      setRefused((r) => ({ n: r.n + 1 }));
      return;
    }
    if (step === "contact") return;
    const ok = await form.trigger(STEP_FIELDS[step]);
    if (ok) goTo(STEPS[stepIndex + 1]!);
    else setRefused((r) => ({ n: r.n + 1 }));
  };

  // Fetch the validation code as soon as the customer starts on the form, so "Next" never waits for it.
  const warmValidation = () => void loadValidation();

  const honeypot = useRef<HTMLInputElement>(null);
  const onSubmit = form.handleSubmit(
    (values) => {
      window.sessionStorage.setItem(SUBMITTED_KEY, "1");
      submit(
        { ...values, [HONEYPOT_FIELD]: honeypot.current?.value ?? "" },
        { method: "post", encType: "application/json" },
      );
    },
    (errors) => {
      const firstStep = firstStepWithErrors(errors);
      if (firstStep && firstStep !== step) setStep(firstStep);
      setRefused((r) => ({ n: r.n + 1 }));
    },
  );

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
      <form ref={formRef} onSubmit={onSubmit} noValidate onFocus={warmValidation} onPointerDown={warmValidation}>
        <Honeypot ref={honeypot} />
        <h2 ref={headingRef} tabIndex={-1}>
          {t("wizard.stepOf", { current: stepIndex + 1, total: STEPS.length })}: {t(`wizard.steps.${step}`)}
        </h2>
        <ErrorSummary items={summary} />
        <WorkloadsStep form={form} workloads={workloads} hidden={step !== "workloads"} />
        <RequirementsStep form={form} hidden={step !== "requirements"} termDiscounts={termDiscounts} />
        <MigrationStep form={form} hidden={step !== "migration"} />
        <ContactStep form={form} hidden={step !== "contact"} />
        <div className="wizard-nav">
          {stepIndex > 0 ? (
            <button type="button" className="secondary" onClick={() => goTo(STEPS[stepIndex - 1]!)}>
              {t("wizard.back")}
            </button>
          ) : null}
          {/* Distinct keys: React must not turn the clicked "Next" into the submit button during the click,
              or the browser then submits the form and flags the contact fields before anything is typed. */}
          {step !== "contact" ? (
            <button key="next" type="button" onClick={onNext}>
              {t("wizard.next")}
            </button>
          ) : (
            <button key="submit" type="submit" disabled={busy}>
              {busy ? t("wizard.submitting") : t("wizard.submit")}
            </button>
          )}
          <StartOver
            onConfirm={() => {
              window.localStorage.removeItem(DRAFT_KEY);
              form.reset(DEFAULTS);
              goTo("workloads");
            }}
          />
        </div>
      </form>
    </div>
  );
}
