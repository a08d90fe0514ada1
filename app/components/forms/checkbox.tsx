import type { FieldPath, FieldValues, UseFormReturn } from "react-hook-form";

/** One check box for a yes/no field, its label beside it. */
export function Checkbox<T extends FieldValues, TContext, TOutput>({
  form,
  name,
  label,
}: {
  form: UseFormReturn<T, TContext, TOutput>;
  name: FieldPath<T>;
  label: string;
}) {
  return (
    <div className="field field-check">
      <input type="checkbox" id={name} {...form.register(name)} />
      <label htmlFor={name}>{label}</label>
    </div>
  );
}
