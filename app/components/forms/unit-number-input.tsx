import { useState } from "react";
import { Field } from "~/components/field";

export interface Unit {
  label: string;
  /** How many of the stored unit one of this unit is (1 TB = 1000 GB). */
  factor: number;
}

/** The unit a stored amount reads best in: the largest that gives at most three decimals. */
function unitFor(value: number | undefined, units: readonly Unit[], fallback: number): number {
  if (value === undefined || value === 0) return fallback;
  for (let i = units.length - 1; i >= 0; i--) {
    const shown = value / units[i]!.factor;
    if (shown >= 1 && Math.abs(Math.round(shown * 1000) - shown * 1000) < 1e-6) return i;
  }
  return 0;
}

/**
 * An amount typed in a unit the customer picks (GB or TB, minutes or hours) and kept in the field's
 * own unit. With `unknownLabel` the unit list ends with "don't know", which leaves the field empty
 * so the documented default applies. Controlled: the caller passes the stored amount and stores
 * what it gets back; empty is undefined.
 */
export function UnitNumberInput({
  id,
  label,
  hint,
  optionalLabel,
  unitLabel,
  error,
  value,
  onChange,
  units,
  defaultUnit = 0,
  unknownLabel,
  integer,
}: {
  id: string;
  label: string;
  hint?: string;
  optionalLabel?: string;
  unitLabel: string;
  error?: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  units: readonly Unit[];
  defaultUnit?: number;
  unknownLabel?: string;
  integer?: boolean;
}) {
  const [unit, setUnit] = useState(() => unitFor(value, units, defaultUnit));
  const [unknown, setUnknown] = useState(false);
  const factor = units[unit]!.factor;
  const shown = value === undefined ? "" : Number((value / factor).toPrecision(12));
  const store = (typed: number | "", nextFactor: number) => {
    if (typed === "") return onChange(undefined);
    const amount = typed * nextFactor;
    onChange(integer ? Math.round(amount) : Math.round(amount * 1000) / 1000);
  };
  return (
    <Field id={id} label={label} hint={hint} optionalLabel={optionalLabel} error={error}>
      {(a11y) => (
        <div className="unit-input">
          <input
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            {...a11y}
            disabled={unknown}
            value={unknown ? "" : shown}
            onChange={(e) => store(e.target.value === "" ? "" : Number(e.target.value), factor)}
          />
          <select
            aria-label={`${label}: ${unitLabel}`}
            value={unknown ? "unknown" : String(unit)}
            onChange={(e) => {
              if (e.target.value === "unknown") {
                setUnknown(true);
                onChange(undefined);
                return;
              }
              const next = Number(e.target.value);
              setUnknown(false);
              setUnit(next);
              // The number stays as typed: "3" then "TB" means three terabytes.
              store(shown, units[next]!.factor);
            }}
          >
            {units.map((u, i) => (
              <option key={u.label} value={i}>
                {u.label}
              </option>
            ))}
            {unknownLabel ? <option value="unknown">{unknownLabel}</option> : null}
          </select>
        </div>
      )}
    </Field>
  );
}
