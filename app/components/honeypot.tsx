import { forwardRef } from "react";
import { useTranslation } from "react-i18next";
import { HONEYPOT_FIELD } from "~/utils/honeypot";

/**
 * A field people never see or reach (off-screen, out of the tab order, hidden from screen readers)
 * but form-filling bots do fill. A submission with it filled is dropped (utils/honeypot.ts).
 */
export const Honeypot = forwardRef<HTMLInputElement>(function Honeypot(_props, ref) {
  const { t } = useTranslation();
  return (
    <div className="hp" aria-hidden="true">
      <label>
        {t("common.honeypot")}
        <input ref={ref} type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  );
});
