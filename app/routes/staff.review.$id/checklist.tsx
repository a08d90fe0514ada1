import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The item's review reasons, each ticked off (or back on) by whoever may change the item. */
export function Checklist({
  reasons,
  canChange,
}: {
  reasons: readonly { code: string; checked: boolean }[];
  canChange: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h2>Reasons</h2>
      <ul className="checklist">
        {reasons.map((r) => (
          <li key={r.code}>
            <Form method="post">
              <input type="hidden" name="intent" value="check" />
              <input type="hidden" name="code" value={r.code} />
              <input type="hidden" name="checked" value={String(!r.checked)} />
              <button type="submit" className="link" disabled={!canChange} aria-pressed={r.checked}>
                {r.checked ? "☑" : "☐"} {r.code}
              </button>{" "}
              {t(`quote.reviewReasons.${r.code}`)}
            </Form>
          </li>
        ))}
      </ul>
    </>
  );
}
