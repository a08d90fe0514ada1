import { useFieldArray } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Checkbox } from "~/components/forms/checkbox";
import { NumberInput } from "~/components/forms/number-input";
import { SelectInput } from "~/components/forms/select-input";
import { TextInput } from "~/components/forms/text-input";
import { type FieldSpec, WORKLOAD_FIELDS, newVm } from "~/components/workload-specs";
import { LOAD_INPUTS } from "~/domain/quote-options";
import type { WorkloadKind } from "~/domain/quote-input";
import type { WizardForm } from "./form";

/** The path of one workload in the form. */
type WorkloadPath = `workloads.${number}`;

function SpecField({ form, base, spec }: { form: WizardForm; base: WorkloadPath; spec: FieldSpec }) {
  const { t } = useTranslation();
  const name = `${base}.${spec.name}` as const;
  const label = t(`wizard.fields.${spec.name}`);
  switch (spec.type) {
    case "bool":
      return <Checkbox form={form} name={name} label={label} />;
    case "select":
      return (
        <SelectInput
          form={form}
          name={name}
          label={label}
          optional={spec.optional}
          options={spec.options.map((o) => ({ value: o, label: t(`${spec.optionsKey}.${o}`) }))}
        />
      );
    default:
      return (
        <NumberInput
          form={form}
          name={name}
          label={label}
          hint={spec.hint ? t(`wizard.fields.${spec.name}Hint`) : undefined}
          optional={spec.optional}
          step={spec.type === "int" ? "1" : "any"}
        />
      );
  }
}

function VmRows({ form, index }: { form: WizardForm; index: number }) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control: form.control, name: `workloads.${index}.vms` });
  return (
    <div className="vm-rows">
      {fields.map((field, vm) => (
        <fieldset key={field.id} className="vm-row">
          <legend>{t("wizard.fields.vmHeading", { n: vm + 1 })}</legend>
          {(["vcpu", "ramGb", "storageGb"] as const).map((key) => (
            <NumberInput
              key={key}
              form={form}
              name={`workloads.${index}.vms.${vm}.${key}`}
              label={t(`wizard.fields.vm_${key}`)}
              step={key === "vcpu" ? "1" : "any"}
            />
          ))}
          {fields.length > 1 ? (
            <button type="button" className="secondary" onClick={() => remove(vm)}>
              {t("wizard.fields.removeVm", { n: vm + 1 })}
            </button>
          ) : null}
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={() => append(newVm())}>
        {t("wizard.fields.addVm")}
      </button>
    </div>
  );
}

/** "These figures are measured": the customer vouches for all load inputs, so no margin is added. */
function MeasuredToggle({ form, index, kind }: { form: WizardForm; index: number; kind: WorkloadKind }) {
  const { t } = useTranslation();
  const inputs = LOAD_INPUTS[kind];
  const path = `workloads.${index}.measured` as const;
  const value = form.watch(path);
  if (inputs.length === 0) return null;
  const id = `${path}-toggle`;
  return (
    <div className="field field-check">
      <input
        type="checkbox"
        id={id}
        checked={Array.isArray(value) && value.length > 0}
        onChange={(e) => form.setValue(path, e.target.checked ? inputs : undefined, { shouldDirty: true })}
      />
      <label htmlFor={id}>{t("wizard.fields.measured")}</label>
    </div>
  );
}

/** The fields of one workload: its name, its kind's own fields, VM rows for a VM host, the "measured" toggle. */
export function WorkloadFields({ form, index, kind }: { form: WizardForm; index: number; kind: WorkloadKind }) {
  const { t } = useTranslation();
  const base = `workloads.${index}` as const;
  const specs: readonly FieldSpec[] = WORKLOAD_FIELDS[kind];
  return (
    <>
      <TextInput
        form={form}
        name={`${base}.name`}
        label={t("wizard.fields.name")}
        hint={t("wizard.fields.nameHint")}
        optional
      />
      {specs.map((spec) => (
        <SpecField key={spec.name} form={form} base={base} spec={spec} />
      ))}
      {kind === "vm_host" ? <VmRows form={form} index={index} /> : null}
      <MeasuredToggle form={form} index={index} kind={kind} />
    </>
  );
}
