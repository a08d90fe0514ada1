import { type FieldPath, type FieldValues, type UseFormReturn, get } from "react-hook-form";

/** What a widget bound to one field of a react-hook-form form is given: the form and the field's path. */
export interface FieldWidgetProps<T extends FieldValues, TContext, TOutput> {
  form: UseFormReturn<T, TContext, TOutput>;
  name: FieldPath<T>;
  label: string;
  optional?: boolean;
}

/** An empty input is "not given" (undefined), anything else a number. */
export const toNumber = (v: unknown) =>
  v === "" || v === null || v === undefined ? undefined : typeof v === "number" ? v : Number(v);
/** An empty input is "not given" (undefined), anything else a string. */
export const toOptionalString = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : String(v));

/** The message of the error on a field, from the client's resolver or from the server. */
export function errorAt<T extends FieldValues, TContext, TOutput>(
  form: UseFormReturn<T, TContext, TOutput>,
  name: string,
): string | undefined {
  return (get(form.formState.errors, name) as { message?: string } | undefined)?.message;
}
