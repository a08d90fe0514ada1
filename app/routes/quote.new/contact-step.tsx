import { useTranslation } from "react-i18next";
import { TextInput } from "~/components/forms/text-input";
import type { WizardForm } from "./form";

/** Step 3: who gets the proposal. */
export function ContactStep({ form, hidden }: { form: WizardForm; hidden: boolean }) {
  const { t } = useTranslation();
  return (
    <div hidden={hidden}>
      <TextInput form={form} name="contact.name" label={t("wizard.contact.name")} autoComplete="name" />
      <TextInput form={form} name="contact.email" label={t("wizard.contact.email")} type="email" autoComplete="email" />
      <TextInput
        form={form}
        name="contact.company"
        label={t("wizard.contact.company")}
        optional
        autoComplete="organization"
      />
      <p className="hint">{t("wizard.contact.privacy")}</p>
    </div>
  );
}
