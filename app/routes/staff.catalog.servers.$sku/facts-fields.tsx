import type { ProductFacts } from "~/domain/product-facts";
import { CheckboxGroup, type FormState, RadioPair, SelectField, TextField } from "../staff.catalog._index/form-parts";
import { BACKUP_LABELS, EXCLUSION_LABELS, OS_LABELS, SUPPORT_LABELS, keysOf } from "../staff.catalog._index/labels";

/**
 * The facts editor: what the model's price includes and does not, as customers read it per proposal
 * ("Included / Not included", in their language; the wording lives in the locales).
 */
export function FactsFields({ facts, form }: { facts: ProductFacts; form: FormState }) {
  const replacement = facts.hardwareReplacementHours;
  return (
    <fieldset className="catalog-section">
      <legend>What the price includes (customers see this on each proposal)</legend>
      <div className="form-grid">
        <SelectField name="includes.backup" label="Backups" labels={BACKUP_LABELS} saved={facts.backup} form={form} />
        <SelectField
          name="includes.osManagement"
          label="Operating system"
          hint="Not managed: the customer's job."
          labels={OS_LABELS}
          saved={facts.osManagement}
          form={form}
        />
        <SelectField
          name="includes.support.hours"
          label="Support hours"
          hint="Business: working days; extended and around the clock: every day."
          labels={SUPPORT_LABELS}
          saved={facts.support.hours}
          form={form}
        />
        <TextField
          name="includes.support.responseHours"
          label="Support answers within"
          unit="hours"
          numeric
          saved={String(facts.support.responseHours)}
          form={form}
        />
      </div>
      <RadioPair
        name="includes.hardware"
        legend="Failed hardware"
        options={[
          { value: "hours", label: "Replaced within a number of hours" },
          { value: "none", label: "No replacement time: the platform restarts the server elsewhere (cloud)" },
        ]}
        saved={replacement === null ? "none" : "hours"}
        form={form}
      >
        <TextField
          name="includes.hardwareReplacementHours"
          label="Replaced within"
          unit="hours"
          numeric
          conditional
          hint="When failed hardware is replaced within a number of hours."
          saved={replacement === null ? "" : String(replacement)}
          form={form}
        />
      </RadioPair>
      <CheckboxGroup
        name="includes.notIncluded"
        legend="Not included in the price"
        hint="Tick what customers must not assume is included; they see these under Not included."
        labels={EXCLUSION_LABELS}
        saved={facts.notIncluded}
        form={form}
      />
    </fieldset>
  );
}

/** The same facts as text, for staff who read the catalog. */
export function factRows(facts: ProductFacts) {
  return [
    ["Backups", BACKUP_LABELS[facts.backup]],
    [
      "Operating system",
      facts.osManagement === "none" ? "Not managed (the customer's job)" : OS_LABELS[facts.osManagement],
    ],
    [
      "Support",
      `${SUPPORT_LABELS[facts.support.hours]} ${facts.support.hours === "business" ? "on working days" : "every day"}; answers within ${facts.support.responseHours} ${facts.support.responseHours === 1 ? "hour" : "hours"}`,
    ],
    [
      "Failed hardware",
      facts.hardwareReplacementHours === null
        ? "The platform restarts the server elsewhere"
        : `Replaced within ${facts.hardwareReplacementHours} ${facts.hardwareReplacementHours === 1 ? "hour" : "hours"}`,
    ],
    [
      "Not included",
      facts.notIncluded.length ? (
        <ul className="not-included">
          {keysOf(EXCLUSION_LABELS)
            .filter((e) => facts.notIncluded.includes(e))
            .map((e) => (
              <li key={e}>{EXCLUSION_LABELS[e]}</li>
            ))}
        </ul>
      ) : (
        "Nothing listed"
      ),
      "wide",
    ],
  ] as const;
}
