import type { FieldValues } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import { type FieldWidgetProps, errorAt, toNumber, toOptionalString } from "./values";

export interface SelectOption {
  value: string;
  label: string;
}

/** A drop-down; an optional one starts with an empty choice, a numeric one stores numbers. */
export function SelectInput<T extends FieldValues, TContext, TOutput>({
  form,
  name,
  label,
  options,
  optional,
  numeric,
  hint,
}: FieldWidgetProps<T, TContext, TOutput> & { options: SelectOption[]; numeric?: boolean; hint?: string }) {
  const { t } = useTranslation();
  const error = errorAt(form, name);
  return (
    <Field
      id={name}
      label={label}
      hint={hint}
      error={error}
      optionalLabel={optional ? t("wizard.optional") : undefined}
    >
      {(a11y) => (
        <select
          {...a11y}
          {...form.register(name, {
            setValueAs: numeric ? toNumber : toOptionalString,
            onChange: () => form.clearErrors(name),
          })}
        >
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
