import { Suspense, lazy, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { MIGRATION, type WizardForm } from "./form";

// Most customers are not moving: the detailed questions load only for those who are, so the
// wizard's first download stays within its budget (scripts/js-budget.ts).
const loadDetails = () => import("./migration-details");
const MigrationDetails = lazy(loadDetails);

const MOVING = `${MIGRATION}.fromExistingServer` as const;

/** Step 3, optional: moving from a server the customer runs today, and how the move should go. */
export function MigrationStep({ form, hidden }: { form: WizardForm; hidden: boolean }) {
  const { t } = useTranslation();
  const moving = form.watch(MOVING) === true;
  // Fetch the details while the customer reads the question, so "Yes" shows them at once.
  useEffect(() => {
    if (!hidden) void loadDetails();
  }, [hidden]);
  const choose = (value: boolean) => form.setValue(MOVING, value, { shouldDirty: true });
  return (
    <div hidden={hidden}>
      <fieldset>
        <legend>{t("wizard.migration.moving")}</legend>
        <p className="hint">{t("wizard.migration.intro")}</p>
        <div className="field-check">
          <input type="radio" id="moving-no" name="moving" checked={!moving} onChange={() => choose(false)} />
          <label htmlFor="moving-no">{t("wizard.migration.no")}</label>
        </div>
        <div className="field-check">
          <input type="radio" id="moving-yes" name="moving" checked={moving} onChange={() => choose(true)} />
          <label htmlFor="moving-yes">{t("wizard.migration.yes")}</label>
        </div>
      </fieldset>
      {moving ? (
        <Suspense fallback={<p className="hint">{t("wizard.migration.loading")}</p>}>
          <MigrationDetails form={form} />
        </Suspense>
      ) : null}
    </div>
  );
}
