import type { UseFieldArrayReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { newWorkload } from "~/components/workload-specs";
import { WORKLOAD_KINDS } from "~/domain/quote-input";
import type { FormInput, WizardForm } from "./form";
import { WorkloadFields } from "./workload-fields";

/** Step 1: the workloads, each with its fields, and a card per kind to add one. */
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
              append(newWorkload(kind), { shouldFocus: true, focusName: `workloads.${fields.length}.name` });
            }}
          >
            <strong>{t("wizard.addKind", { kind: t(`wizard.kinds.${kind}`) })}</strong>
            <span>{t(`wizard.kindHelp.${kind}`)}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
