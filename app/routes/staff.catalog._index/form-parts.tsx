import { Field } from "~/components/field";

/** What a refused form sent, by field name (checkbox groups send lists), so the form shows it again. */
export type SentValues = Record<string, string | string[]>;

/**
 * Reads what a catalog form shows in a field: what was typed before a refusal, else the saved value;
 * and the field's error, if the action answered one for its path.
 */
export interface FormState {
  text: (name: string, saved: string) => string;
  list: (name: string, saved: readonly string[]) => readonly string[];
  error: (name: string) => string | undefined;
  /** The errors of a field and of its items ("regions" and "regions.1"), for a group of checkboxes. */
  errorUnder: (name: string) => string | undefined;
}

export function formState(sent: SentValues | null | undefined, errors: readonly { path: string; message: string }[]) {
  const messages = (match: (path: string) => boolean) =>
    [...new Set(errors.filter((e) => match(e.path)).map((e) => e.message))].join(" ") || undefined;
  const state: FormState = {
    text: (name, saved) => {
      const value = sent?.[name];
      return typeof value === "string" ? value : sent ? "" : saved;
    },
    list: (name, saved) => {
      if (!sent) return saved;
      const value = sent[name];
      return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
    },
    error: (name) => messages((path) => path === name),
    errorUnder: (name) => messages((path) => path === name || path.startsWith(`${name}.`)),
  };
  return state;
}

/** An id from a field name ("disks.0.sizeGb" → "f-disks-0-sizeGb"). */
export const idOf = (name: string) => `f-${name.replace(/[^a-z0-9]+/gi, "-")}`;

export function TextField({
  name,
  label,
  saved,
  form,
  hint,
  optional,
  conditional,
  numeric,
  unit,
  maxLength = 120,
}: {
  name: string;
  label: string;
  saved: string;
  form: FormState;
  hint?: string;
  /** Labelled "(optional)"; may be left empty. */
  optional?: boolean;
  /** Needed only with a choice beside it (the hint says which): not marked either way. */
  conditional?: boolean;
  numeric?: boolean;
  unit?: string;
  maxLength?: number;
}) {
  return (
    <Field
      id={idOf(name)}
      label={label}
      hint={hint}
      error={form.error(name)}
      optionalLabel={optional ? "optional" : undefined}
    >
      {(props) => (
        <span className="with-unit">
          <input
            {...props}
            name={name}
            defaultValue={form.text(name, saved)}
            inputMode={numeric ? "numeric" : undefined}
            className={numeric ? "number" : undefined}
            maxLength={maxLength}
            autoComplete="off"
            required={!optional && !conditional}
          />
          {unit ? <span className="unit"> {unit}</span> : null}
        </span>
      )}
    </Field>
  );
}

export function SelectField<K extends string>({
  name,
  label,
  labels,
  saved,
  form,
  hint,
  empty,
}: {
  name: string;
  label: string;
  labels: Record<K, string>;
  saved: string;
  form: FormState;
  hint?: string;
  /** The wording of an empty choice, when the field may be left empty. */
  empty?: string;
}) {
  return (
    <Field id={idOf(name)} label={label} hint={hint} error={form.error(name)}>
      {(props) => (
        <select {...props} name={name} defaultValue={form.text(name, saved)}>
          {empty !== undefined ? <option value="">{empty}</option> : null}
          {(Object.keys(labels) as K[]).map((key) => (
            <option key={key} value={key}>
              {labels[key]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A group of checkboxes sending `name` once per ticked value, with its error under the legend. */
export function CheckboxGroup<K extends string>({
  name,
  legend,
  labels,
  saved,
  form,
  hint,
}: {
  name: string;
  legend: string;
  labels: Record<K, string>;
  saved: readonly string[];
  form: FormState;
  hint?: string;
}) {
  const id = idOf(name);
  const error = form.errorUnder(name);
  const ticked = form.list(name, saved);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <fieldset
      className={error ? "checkbox-group field-invalid" : "checkbox-group"}
      aria-describedby={describedBy || undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="choices">
        {(Object.keys(labels) as K[]).map((key) => (
          <label key={key} className="choice">
            <input type="checkbox" name={name} value={key} defaultChecked={ticked.includes(key)} /> {labels[key]}
          </label>
        ))}
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Two choices as radio buttons (unmetered or metered traffic, no replacement time or hours). */
export function RadioPair({
  name,
  legend,
  options,
  saved,
  form,
  children,
}: {
  name: string;
  legend: string;
  options: readonly [{ value: string; label: string }, { value: string; label: string }];
  saved: string;
  form: FormState;
  children?: React.ReactNode;
}) {
  const chosen = form.text(name, saved);
  return (
    <fieldset className="radio-pair">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input type="radio" name={name} value={o.value} defaultChecked={chosen === o.value} /> {o.label}
        </label>
      ))}
      {children}
    </fieldset>
  );
}

/** A label and value list of a product as read-only text; a `wide` entry takes a whole row. */
export function Facts({ rows }: { rows: readonly (readonly [string, React.ReactNode, "wide"?])[] }) {
  return (
    <dl className="pairs catalog-facts">
      {rows.map(([term, value, wide]) => (
        <div key={term} className={wide}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
