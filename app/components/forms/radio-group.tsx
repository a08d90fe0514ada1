import type { FieldPath, FieldValues, UseFormReturn } from "react-hook-form";
import type { SelectOption } from "./select-input";

/** Radio buttons for a field with a few choices; each button's id is `<idPrefix>-<value>`. */
export function RadioGroup<T extends FieldValues, TContext, TOutput>({
  form,
  name,
  legend,
  idPrefix,
  options,
}: {
  form: UseFormReturn<T, TContext, TOutput>;
  name: FieldPath<T>;
  legend: string;
  idPrefix: string;
  options: SelectOption[];
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <div className="field-check" key={o.value}>
          <input type="radio" id={`${idPrefix}-${o.value}`} value={o.value} {...form.register(name)} />
          <label htmlFor={`${idPrefix}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
