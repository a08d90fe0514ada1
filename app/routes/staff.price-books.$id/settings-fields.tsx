import type { Currency } from "~/domain/money";
import { BOOK_TERMS, type Rate, bpsToPercentText, minorToDecimalText } from "~/domain/price-book";
import { currencySign } from "~/utils/format";
import { RATE_KIND_LABELS, moneyIn, percentOfBps } from "./labels";

/** Reads what the form shows in a field (what was typed before a refusal, else the saved value) and its error. */
export interface FormState {
  value: (name: string, saved: string) => string;
  error: (name: string) => string | undefined;
}

interface Settings {
  currency: Currency;
  termDiscountBps: Record<string, number>;
  opsMinorPerServerMonth: number;
  rateCard: Rate[];
  note: string | null;
}

/** One input of the settings with its label, unit and error wired together. */
function Input({
  name,
  label,
  unit,
  saved,
  form,
  inputMode = "decimal",
}: {
  name: string;
  label: string;
  unit: string;
  saved: string;
  form: FormState;
  inputMode?: "decimal" | "numeric";
}) {
  const id = `f-${name.replace(/[^a-z0-9]+/gi, "-")}`;
  const error = form.error(name);
  return (
    <div className={error ? "setting field-invalid" : "setting"}>
      <label htmlFor={id}>{label}</label>
      <span className="with-unit">
        <input
          id={id}
          name={name}
          inputMode={inputMode}
          defaultValue={form.value(name, saved)}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          required
          autoComplete="off"
        />{" "}
        {unit}
      </span>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The book-level settings: term discounts, the per-server operations weight, the rate card for
 * technician work and a note; inputs on a draft an admin may edit, plain values otherwise.
 */
export function SettingsFields({ book, form }: { book: Settings; form: FormState | null }) {
  const money = moneyIn(book.currency);
  const symbol = currencySign(book.currency);
  const termLabel = (t: number) => (t === 1 ? "Monthly (no commitment)" : `${t} months`);
  if (!form)
    return (
      <div className="book-settings">
        <section aria-labelledby="terms-title">
          <h2 id="terms-title">Term discounts</h2>
          <dl className="pairs">
            {BOOK_TERMS.map((t) => (
              <div key={t}>
                <dt>{termLabel(t)}</dt>
                <dd>{percentOfBps(book.termDiscountBps[String(t)] ?? 0)}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="ops-title">
          <h2 id="ops-title">Operations weight</h2>
          <p>
            {money(book.opsMinorPerServerMonth)} per server and month (weighs the optimiser; never part of a price).
          </p>
        </section>
        <section aria-labelledby="rates-title">
          <h2 id="rates-title">Rate card</h2>
          <dl className="pairs">
            {book.rateCard.map((r) => (
              <div key={r.kind}>
                <dt>{RATE_KIND_LABELS[r.kind]}</dt>
                <dd>
                  {money(r.minorPerHour)} an hour, billed per started {r.minimumMinutes} minutes
                </dd>
              </div>
            ))}
          </dl>
        </section>
        {book.note ? <p>Note: {book.note}</p> : null}
      </div>
    );
  return (
    <div className="book-settings">
      <fieldset>
        <legend>Term discounts (% off monthly prices)</legend>
        <div className="settings-grid">
          {BOOK_TERMS.map((t) => (
            <Input
              key={t}
              name={`term.${t}`}
              label={termLabel(t)}
              unit="%"
              saved={bpsToPercentText(book.termDiscountBps[String(t)] ?? 0)}
              form={form}
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Operations weight</legend>
        <p className="hint">
          Technician time one server costs a month. The optimiser adds it per server, so many small servers lose to a
          few larger ones; customers never pay it as such.
        </p>
        <Input
          name="ops"
          label="Per server and month"
          unit={symbol}
          saved={minorToDecimalText(book.opsMinorPerServerMonth)}
          form={form}
        />
      </fieldset>
      <fieldset>
        <legend>Rate card for technician work</legend>
        <div className="settings-grid">
          {book.rateCard.map((r) => (
            <div key={r.kind} className="rate">
              <h3>{RATE_KIND_LABELS[r.kind]}</h3>
              <Input
                name={`rate.${r.kind}.hourly`}
                label="Per hour"
                unit={symbol}
                saved={minorToDecimalText(r.minorPerHour)}
                form={form}
              />
              <Input
                name={`rate.${r.kind}.minutes`}
                label="Billed per started"
                unit="minutes"
                saved={String(r.minimumMinutes)}
                form={form}
                inputMode="numeric"
              />
            </div>
          ))}
        </div>
      </fieldset>
      <div className={form.error("note") ? "field field-invalid" : "field"}>
        <label htmlFor="f-note">Note (why these prices; shown in the list)</label>
        <input
          id="f-note"
          name="note"
          maxLength={500}
          defaultValue={form.value("note", book.note ?? "")}
          aria-invalid={Boolean(form.error("note"))}
          aria-describedby={form.error("note") ? "f-note-error" : undefined}
        />
        {form.error("note") ? (
          <p className="field-error" id="f-note-error">
            {form.error("note")}
          </p>
        ) : null}
      </div>
    </div>
  );
}
