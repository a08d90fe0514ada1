import { useEffect, useMemo } from "react";
import { useFieldArray } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import { NumberInput } from "~/components/forms/number-input";
import { SelectInput } from "~/components/forms/select-input";
import { TextInput } from "~/components/forms/text-input";
import { UnitNumberInput } from "~/components/forms/unit-number-input";
import { errorAt, toOptionalString } from "~/components/forms/values";
import type { CutoverWindow, Weekday } from "~/domain/quote-input";
import { DATABASE_ENGINES, DNS_MANAGERS, WEEKDAYS } from "~/domain/quote-options";
import { MIGRATION, type WizardForm } from "./form";
import { addMigrationTexts } from "./migration-texts";

addMigrationTexts();

const GB = [
  { label: "GB", factor: 1 },
  { label: "TB", factor: 1000 },
] as const;
const MBPS = [
  { label: "Mbit/s", factor: 1 },
  { label: "Gbit/s", factor: 1000 },
] as const;

const PRESETS = {
  weeknights: { days: ["mon", "tue", "wed", "thu"], start: "22:00", end: "06:00" },
  weekendNights: { days: ["fri", "sat", "sun"], start: "22:00", end: "06:00" },
  custom: { days: ["sun"], start: "22:00", end: "02:00" },
} satisfies Record<string, CutoverWindow>;

/** The browser's zone names (Intl, no list shipped), with the given one first when it is missing. */
function zoneNames(current: string | undefined): string[] {
  const names = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return current && !names.includes(current) ? [current, ...names] : names;
}

/** Short weekday names in the reader's language (5 January 2026 is a Monday). */
function weekdayNames(lng: string): Record<Weekday, string> {
  const format = new Intl.DateTimeFormat(lng, { weekday: "short", timeZone: "UTC" });
  return Object.fromEntries(WEEKDAYS.map((d, i) => [d, format.format(Date.UTC(2026, 0, 5 + i))])) as Record<
    Weekday,
    string
  >;
}

/**
 * The questions of the moving step, shown once the customer says they are moving: what moves,
 * over which link, and when the switch may happen. Fills `requirements.migration` as the API
 * defines it (app/domain/quote-input.ts, migrationSchema).
 */
export default function MigrationDetails({ form }: { form: WizardForm }) {
  const { t, i18n } = useTranslation();
  const databases = useFieldArray({ control: form.control, name: `${MIGRATION}.databases` });
  const windows = useFieldArray({ control: form.control, name: `${MIGRATION}.preferredWindows` });
  const migration = form.watch(MIGRATION);
  const timeZone = migration?.timeZone;
  const days = useMemo(() => weekdayNames(i18n.language), [i18n.language]);
  const zones = useMemo(() => zoneNames(timeZone), [timeZone]);

  // The time zone starts as the browser's; this component only ever renders in the browser.
  useEffect(() => {
    if (!form.getValues(`${MIGRATION}.timeZone`))
      form.setValue(`${MIGRATION}.timeZone`, Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, [form]);

  const optional = t("wizard.optional");
  const amount = (name: "dataGb" | "sourceUplinkMbps" | "maxDowntimeMinutes") => ({
    id: `${MIGRATION}.${name}`,
    error: errorAt(form, `${MIGRATION}.${name}`),
    value: migration?.[name],
    optionalLabel: optional,
    unitLabel: t("wizard.migration.unit"),
    onChange: (value: number | undefined) => {
      form.clearErrors(`${MIGRATION}.${name}`);
      form.setValue(`${MIGRATION}.${name}`, value, { shouldDirty: true });
    },
  });

  return (
    <>
      <fieldset>
        <legend>{t("wizard.migration.data")}</legend>
        <UnitNumberInput {...amount("dataGb")} label={t("wizard.migration.dataGb")} units={GB} defaultUnit={1} />
        <Field
          id={`${MIGRATION}.smallFiles`}
          label={t("wizard.migration.smallFiles")}
          optionalLabel={optional}
          error={errorAt(form, `${MIGRATION}.smallFiles`)}
        >
          {(a11y) => (
            <select
              {...a11y}
              {...form.register(`${MIGRATION}.smallFiles`, {
                setValueAs: (v: unknown) => (v === "" || v === undefined ? undefined : v === true || v === "true"),
              })}
            >
              <option value="">—</option>
              <option value="true">{t("wizard.migration.smallFilesOptions.true")}</option>
              <option value="false">{t("wizard.migration.smallFilesOptions.false")}</option>
            </select>
          )}
        </Field>
        <UnitNumberInput
          {...amount("sourceUplinkMbps")}
          label={t("wizard.migration.uplink")}
          units={MBPS}
          unknownLabel={t("wizard.migration.dontKnow")}
        />
        <Field
          id={`${MIGRATION}.dnsManagedBy`}
          label={t("wizard.migration.dnsManagedBy")}
          hint={t("wizard.migration.dnsManagedByHint")}
          optionalLabel={optional}
          error={errorAt(form, `${MIGRATION}.dnsManagedBy`)}
        >
          {(a11y) => (
            <select
              {...a11y}
              {...form.register(`${MIGRATION}.dnsManagedBy`, {
                setValueAs: toOptionalString,
                onChange: () => form.clearErrors(`${MIGRATION}.dnsManagedBy`),
              })}
            >
              <option value="">—</option>
              {DNS_MANAGERS.map((m) => (
                <option key={m} value={m}>
                  {t(`wizard.migration.dnsManagers.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <NumberInput
          form={form}
          name={`${MIGRATION}.dnsTtlSeconds`}
          label={t("wizard.migration.dnsTtl")}
          hint={t("wizard.migration.dnsTtlHint")}
          optional
          step="1"
        />
      </fieldset>

      <fieldset>
        <legend>{t("wizard.migration.databases")}</legend>
        {databases.fields.map((field, index) => (
          <fieldset key={field.id} className="migration-row">
            <legend>{t("wizard.migration.database", { n: index + 1 })}</legend>
            <SelectInput
              form={form}
              name={`${MIGRATION}.databases.${index}.engine`}
              label={t("wizard.fields.engine")}
              options={DATABASE_ENGINES.map((e) => ({ value: e, label: t(`wizard.fields.engines.${e}`) }))}
            />
            <TextInput
              form={form}
              name={`${MIGRATION}.databases.${index}.version`}
              label={t("wizard.migration.version")}
              hint={t("wizard.migration.versionHint")}
              optional
            />
            <NumberInput
              form={form}
              name={`${MIGRATION}.databases.${index}.dataGb`}
              label={t("wizard.migration.dbSize")}
            />
            <button type="button" className="secondary" onClick={() => databases.remove(index)}>
              {t("wizard.migration.removeDatabase", { n: index + 1 })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() =>
            databases.append(
              { engine: "postgresql", dataGb: undefined as unknown as number },
              { shouldFocus: true, focusName: `${MIGRATION}.databases.${databases.fields.length}.engine` },
            )
          }
        >
          {t("wizard.migration.addDatabase")}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t("wizard.migration.cutover")}</legend>
        <Field
          id={`${MIGRATION}.timeZone`}
          label={t("wizard.migration.timeZone")}
          error={errorAt(form, `${MIGRATION}.timeZone`)}
        >
          {(a11y) => (
            <select
              {...a11y}
              value={timeZone ?? ""}
              onChange={(e) => {
                form.clearErrors(`${MIGRATION}.timeZone`);
                form.setValue(`${MIGRATION}.timeZone`, e.target.value || undefined, { shouldDirty: true });
              }}
            >
              {timeZone ? null : <option value="">—</option>}
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z.replaceAll("_", " ")}
                </option>
              ))}
            </select>
          )}
        </Field>

        <div className="field" role="group" aria-labelledby="windows-label">
          <p className="label" id="windows-label">
            {t("wizard.migration.windows")} <span className="optional">({optional})</span>
          </p>
          <p className="hint">{t("wizard.migration.windowsHint")}</p>
          {windows.fields.map((field, index) => {
            const path = `${MIGRATION}.preferredWindows.${index}` as const;
            const value = migration?.preferredWindows?.[index];
            const chosen = value?.days ?? [];
            const daysError = errorAt(form, `${path}.days`);
            return (
              <fieldset key={field.id} className="migration-row">
                <legend>{t("wizard.migration.window", { n: index + 1 })}</legend>
                <div
                  role="group"
                  aria-label={t("wizard.migration.days")}
                  className="days"
                  id={`${path}.days`}
                  tabIndex={-1}
                >
                  {WEEKDAYS.map((d) => (
                    <label key={d} className="day">
                      <input
                        type="checkbox"
                        checked={chosen.includes(d)}
                        onChange={(e) => {
                          form.clearErrors(`${path}.days`);
                          const next = e.target.checked
                            ? WEEKDAYS.filter((w) => w === d || chosen.includes(w))
                            : chosen.filter((w) => w !== d);
                          form.setValue(`${path}.days`, next, { shouldDirty: true });
                        }}
                      />
                      {days[d]}
                    </label>
                  ))}
                </div>
                {daysError ? (
                  <p className="field-error" role="alert">
                    {daysError}
                  </p>
                ) : null}
                <div className="times">
                  {(["start", "end"] as const).map((end) => (
                    <Field
                      key={end}
                      id={`${path}.${end}`}
                      label={t(`wizard.migration.${end}`)}
                      error={errorAt(form, `${path}.${end}`)}
                    >
                      {(a11y) => (
                        <input
                          type="time"
                          {...a11y}
                          {...form.register(`${path}.${end}`, { onChange: () => form.clearErrors(`${path}.${end}`) })}
                        />
                      )}
                    </Field>
                  ))}
                  {value && value.end < value.start ? <p className="hint">{t("wizard.migration.nextDay")}</p> : null}
                </div>
                <button type="button" className="secondary" onClick={() => windows.remove(index)}>
                  {t("wizard.migration.removeWindow", { n: index + 1 })}
                </button>
              </fieldset>
            );
          })}
          {windows.fields.length ? (
            <p className="hint" aria-live="polite">
              {t("wizard.migration.windowCount", { count: windows.fields.length })}
            </p>
          ) : null}
          <div className="presets">
            {(Object.keys(PRESETS) as (keyof typeof PRESETS)[]).map((preset) => (
              <button
                key={preset}
                type="button"
                className="secondary"
                onClick={() => {
                  form.clearErrors(`${MIGRATION}.preferredWindows`);
                  windows.append({ ...PRESETS[preset], days: [...PRESETS[preset].days] });
                }}
              >
                + {t(`wizard.migration.presets.${preset}`)}
              </button>
            ))}
          </div>
        </div>

        <UnitNumberInput
          {...amount("maxDowntimeMinutes")}
          label={t("wizard.migration.maxDowntime")}
          units={[
            { label: t("wizard.migration.minutes"), factor: 1 },
            { label: t("wizard.migration.hours"), factor: 60 },
          ]}
          integer
        />
        <Field
          id={`${MIGRATION}.oldContractEnds`}
          label={t("wizard.migration.contractEnds")}
          optionalLabel={optional}
          error={errorAt(form, `${MIGRATION}.oldContractEnds`)}
        >
          {(a11y) => (
            <input
              type="date"
              {...a11y}
              {...form.register(`${MIGRATION}.oldContractEnds`, {
                setValueAs: toOptionalString,
                onChange: () => form.clearErrors(`${MIGRATION}.oldContractEnds`),
              })}
            />
          )}
        </Field>
      </fieldset>
    </>
  );
}
