import type { FieldValues } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import { type FieldWidgetProps, errorAt, toOptionalString } from "./values";

/** A text field; an optional one left empty is "not given". Typing clears its error. */
export function TextInput<T extends FieldValues, TContext, TOutput>({
  form,
  name,
  label,
  hint,
  optional,
  type = "text",
  autoComplete,
}: FieldWidgetProps<T, TContext, TOutput> & { hint?: string; type?: string; autoComplete?: string }) {
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
          type={type}
          autoComplete={autoComplete}
          {...a11y}
          {...form.register(name, {
            setValueAs: optional ? toOptionalString : undefined,
            onChange: () => form.clearErrors(name),
          })}
        />
      )}
    </Field>
  );
}
