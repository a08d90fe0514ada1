import type { FieldValues } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import { type FieldWidgetProps, errorAt, toNumber } from "./values";

/** A number field: empty is "not given"; typing clears its error. */
export function NumberInput<T extends FieldValues, TContext, TOutput>({
  form,
  name,
  label,
  hint,
  optional,
  step = "any",
}: FieldWidgetProps<T, TContext, TOutput> & { hint?: string; step?: string }) {
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
        <input
          type="number"
          inputMode="decimal"
          step={step}
          {...a11y}
          {...form.register(name, { setValueAs: toNumber, onChange: () => form.clearErrors(name) })}
        />
      )}
    </Field>
  );
}
