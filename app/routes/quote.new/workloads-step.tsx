import type { UseFieldArrayReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { newWorkload } from "~/components/workload-specs";
import { WORKLOAD_KINDS } from "~/domain/quote-options";
import type { FormInput, WizardForm } from "./form";
import { WorkloadFields } from "./workload-fields";

/**
 * Step 1: the workloads, each with its fields, and a tile per kind to add one. On a phone the tiles
 * are small and show the kind's name only (app/styles/wizard.css); what each kind means is one tap
 * away, in "What do these mean?" below them.
 */
export function WorkloadsStep({
  form,
  workloads,
  hidden,
}: {
  form: WizardForm;
  workloads: UseFieldArrayReturn<FormInput, "workloads">;
  hidden: boolean;
}) {
  const { t } = useTranslation();
  const { fields, append, remove } = workloads;
  const workloadsError = form.formState.errors.workloads?.root?.message ?? form.formState.errors.workloads?.message;
  return (
    <div hidden={hidden}>
      {fields.map((field, index) => {
        const kind = form.getValues(`workloads.${index}.kind`);
        return (
          <fieldset key={field.id} className="workload">
            <legend>{t("wizard.workloadHeading", { n: index + 1, kind: t(`wizard.kinds.${kind}`) })}</legend>
            <WorkloadFields form={form} index={index} kind={kind} />
            <button type="button" className="secondary" onClick={() => remove(index)}>
              {t("wizard.removeWorkload")}{" "}
              <span className="visually-hidden">
                {t("wizard.workloadHeading", { n: index + 1, kind: t(`wizard.kinds.${kind}`) })}
              </span>
            </button>
          </fieldset>
        );
      })}
      {workloadsError ? (
        <p className="field-error" id="workloads-error" role="alert" data-for={`add-${WORKLOAD_KINDS[0]}`}>
          {workloadsError}
        </p>
      ) : null}
      <h3 className="add-workload-title" id="add-workload-title">
        {t(fields.length ? "wizard.addAnother" : "wizard.addWorkload")}
      </h3>
      <div className="add-workload" role="group" aria-labelledby="add-workload-title">
        {WORKLOAD_KINDS.map((kind) => (
          <button
            key={kind}
            id={`add-${kind}`}
            type="button"
            className="kind-card"
            aria-label={t("wizard.addKind", { kind: t(`wizard.kinds.${kind}`) })}
            aria-describedby={`kind-help-${kind}`}
            onClick={() => {
              form.clearErrors("workloads");
              // Focus the new workload's first field as part of this click (react-hook-form does it
              // right after the render), never later while the customer is already typing elsewhere.
              append(newWorkload(kind), { shouldFocus: true, focusName: `workloads.${fields.length}.name` });
            }}
          >
            <strong aria-hidden="true">
              <span className="kind-add">+ </span>
              {t(`wizard.kinds.${kind}`)}
            </strong>
            <span id={`kind-help-${kind}`}>{t(`wizard.kindHelp.${kind}`)}</span>
          </button>
        ))}
      </div>
      <details className="kind-glossary">
        <summary>{t("wizard.kindsExplained")}</summary>
        <dl>
          {WORKLOAD_KINDS.map((kind) => (
            <div key={kind}>
              <dt>{t(`wizard.kinds.${kind}`)}</dt>
              <dd>{t(`wizard.kindHelp.${kind}`)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
