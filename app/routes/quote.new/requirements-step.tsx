import { useEffect, useRef } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import { Checkbox } from "~/components/forms/checkbox";
import { CheckboxGroup } from "~/components/forms/checkbox-group";
import { MoneyInput } from "~/components/forms/money-input";
import { NumberInput } from "~/components/forms/number-input";
import { RadioGroup } from "~/components/forms/radio-group";
import { SelectInput } from "~/components/forms/select-input";
import { TextInput } from "~/components/forms/text-input";
import { errorAt, toOptionalString } from "~/components/forms/values";
import { suggestedCurrency } from "~/domain/currency";
import { AVAILABILITY_TIERS, COMPLIANCE_FLAGS, REGIONS, TERM_MONTHS } from "~/domain/quote-options";
import type { WizardForm } from "./form";
import type { TermDiscounts } from "./term-discounts";

const BUDGET = "requirements.monthlyBudgetMinor";

/** A term's name with what it saves in the chosen currency's price book: "24 months (−5 %)". */
export function termLabel(t: TFunction, months: (typeof TERM_MONTHS)[number], percent: string | undefined): string {
  // Fixed texts, not a plural with a count: i18next's plural rules would build an Intl.PluralRules
  // while the wizard starts, tens of milliseconds on a phone.
  const term = t(`wizard.requirements.termOptions.${months}`);
  return percent ? t("wizard.requirements.termWithDiscount", { term, percent }) : term;
}

/** Step 2: availability, term, region and the optional requirements. */
export function RequirementsStep({
  form,
  hidden,
  termDiscounts,
}: {
  form: WizardForm;
  hidden: boolean;
  termDiscounts: TermDiscounts;
}) {
  const { t } = useTranslation();
  const region = form.watch("requirements.region");
  const discounts = termDiscounts[form.watch("currency") ?? "EUR"];
  // A change of region suggests its currency, until the customer picks one themselves (a restored
  // draft keeps its own: only a change after the step is shown counts).
  const shownRegion = useRef(region);
  const chosenCurrency = useRef(false);
  useEffect(() => {
    if (shownRegion.current === region) return;
    shownRegion.current = region;
    if (!chosenCurrency.current) form.setValue("currency", suggestedCurrency(region));
  }, [form, region]);
  return (
    <div hidden={hidden}>
      <RadioGroup
        form={form}
        name="requirements.availability"
        idPrefix="availability"
        legend={t("wizard.requirements.availability")}
        options={AVAILABILITY_TIERS.map((a) => ({
          value: a,
          label: t(`wizard.requirements.availabilityOptions.${a}`),
        }))}
      />
      <SelectInput
        form={form}
        name="requirements.termMonths"
        label={t("wizard.requirements.termMonths")}
        hint={discounts ? t("wizard.requirements.termMonthsHint") : undefined}
        numeric
        options={TERM_MONTHS.map((m) => ({ value: String(m), label: termLabel(t, m, discounts?.[m]) }))}
      />
      <SelectInput
        form={form}
        name="requirements.region"
        label={t("wizard.requirements.region")}
        options={REGIONS.map((r) => ({ value: r, label: t(`wizard.requirements.regionOptions.${r}`) }))}
      />
      <div onChange={() => (chosenCurrency.current = true)}>
        <SelectInput
          form={form}
          name="currency"
          label={t("wizard.requirements.currency")}
          options={(["EUR", "USD"] as const).map((c) => ({
            value: c,
            label: t(`wizard.requirements.currencyOptions.${c}`),
          }))}
        />
      </div>
      <NumberInput
        form={form}
        name="requirements.backupRetentionDays"
        label={t("wizard.requirements.backupRetentionDays")}
        hint={t("wizard.requirements.backupRetentionDaysHint")}
        optional
        step="1"
      />
      <NumberInput
        form={form}
        name="requirements.growthPercentPerYear"
        label={t("wizard.requirements.growthPercentPerYear")}
        hint={t("wizard.requirements.growthPercentPerYearHint")}
        optional
      />
      <CheckboxGroup
        id="requirements.compliance"
        legend={t("wizard.requirements.compliance")}
        options={COMPLIANCE_FLAGS.map((c) => ({ value: c, label: t(`wizard.requirements.complianceOptions.${c}`) }))}
        value={form.watch("requirements.compliance")}
        onChange={(next) => form.setValue("requirements.compliance", next, { shouldDirty: true })}
      />
      {form.watch("requirements.compliance")?.includes("data_residency") ? (
        <TextInput
          form={form}
          name="requirements.dataResidencyCountry"
          label={t("wizard.requirements.dataResidencyCountry")}
          hint={t("wizard.requirements.dataResidencyCountryHint")}
          optional
        />
      ) : null}
      <fieldset>
        <legend>{t("wizard.requirements.networking")}</legend>
        <Checkbox form={form} name="requirements.networking.ownIpRanges" label={t("wizard.requirements.ownIpRanges")} />
        <Checkbox form={form} name="requirements.networking.bgp" label={t("wizard.requirements.bgp")} />
        <NumberInput
          form={form}
          name="requirements.networking.uplinkGbit"
          label={t("wizard.requirements.uplinkGbit")}
          optional
        />
      </fieldset>
      <MoneyInput
        id={BUDGET}
        label={t("wizard.requirements.monthlyBudget", { currency: form.watch("currency") ?? "EUR" })}
        hint={t("wizard.requirements.monthlyBudgetHint")}
        optionalLabel={t("wizard.optional")}
        error={errorAt(form, BUDGET)}
        minor={form.watch(BUDGET)}
        onChange={(minor) => {
          form.clearErrors(BUDGET);
          form.setValue(BUDGET, minor, { shouldDirty: true });
        }}
      />
      <Field
        id="requirements.specialRequirements"
        label={t("wizard.requirements.specialRequirements")}
        hint={t("wizard.requirements.specialRequirementsHint")}
        optionalLabel={t("wizard.optional")}
        error={form.formState.errors.requirements?.specialRequirements?.message}
      >
        {(a11y) => (
          <textarea
            rows={4}
            {...a11y}
            {...form.register("requirements.specialRequirements", { setValueAs: toOptionalString })}
          />
        )}
      </Field>
    </div>
  );
}
