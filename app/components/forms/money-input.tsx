import { Field } from "~/components/field";

/**
 * An amount typed in whole currency units (euros) and kept in minor units (cents), like all money.
 * Controlled: the caller passes the stored cents and stores what it gets back; empty is undefined.
 */
export function MoneyInput({
  id,
  label,
  hint,
  optionalLabel,
  error,
  minor,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  optionalLabel?: string;
  error?: string;
  minor: number | undefined;
  onChange: (minor: number | undefined) => void;
}) {
  return (
    <Field id={id} label={label} hint={hint} optionalLabel={optionalLabel} error={error}>
      {(a11y) => (
        <input
          type="number"
          inputMode="decimal"
          min={0}
          step="1"
          {...a11y}
          value={minor === undefined ? "" : minor / 100}
          onChange={(e) => onChange(e.target.value === "" ? undefined : Math.round(Number(e.target.value) * 100))}
        />
      )}
    </Field>
  );
}
