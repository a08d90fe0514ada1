/**
 * Optional check boxes that fill an array field (compliance flags). Controlled: the caller reads
 * the field (`form.watch`) and stores what it gets back (`form.setValue`), so both stay typed by
 * the field's own path; nothing ticked is "not given" (undefined).
 */
export function CheckboxGroup<V extends string>({
  id,
  legend,
  options,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  options: { value: V; label: string }[];
  value: readonly V[] | undefined;
  onChange: (next: V[] | undefined) => void;
}) {
  const current = value ?? [];
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <div className="field-check" key={o.value}>
          <input
            type="checkbox"
            id={`${id}-${o.value}`}
            checked={current.includes(o.value)}
            onChange={(e) => {
              const next = e.target.checked ? [...current, o.value] : current.filter((v) => v !== o.value);
              onChange(next.length ? next : undefined);
            }}
          />
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
