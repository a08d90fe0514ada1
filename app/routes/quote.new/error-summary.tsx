import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** One flagged answer: the id of its control, its label (or its group's) and the error shown next to it. */
export interface SummaryItem {
  id: string;
  label: string;
  /** The id of the error printed next to the field: the link's description. */
  errorId: string;
}

/**
 * The errors of the step on screen, read from the page itself: every visible error message
 * (`.field-error`) with the control it describes (aria-describedby), in page order. A message that
 * describes no single control (the "add at least one workload" error) links to the first control of
 * its group.
 */
export function invalidFieldsIn(form: HTMLFormElement): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const error of Array.from(form.querySelectorAll<HTMLElement>(".field-error"))) {
    if (error.closest("[hidden]") || error.closest(".error-summary")) continue;
    const control = error.dataset.for
      ? form.querySelector<HTMLElement>(`#${CSS.escape(error.dataset.for)}`)
      : form.querySelector<HTMLElement>(`[aria-describedby~="${CSS.escape(error.id)}"]`);
    if (!control?.id || !error.id) continue;
    const label =
      (control as HTMLInputElement).labels?.[0]?.firstChild?.textContent?.trim() ??
      (control.closest("[role=group]")?.getAttribute("aria-labelledby") ?? "")
        .split(" ")
        .map((id) => (id ? (document.getElementById(id)?.textContent?.trim() ?? "") : ""))
        .join("");
    if (!label) continue;
    items.push({ id: control.id, label, errorId: error.id });
  }
  return items;
}

/**
 * "2 answers need attention", with a link to each field, announced as it appears. A link shows the
 * field's name and is described by the error printed next to the field (so the page does not print
 * every message twice).
 */
export function ErrorSummary({ items }: { items: SummaryItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h3 id="error-summary-title">{t("wizard.errorSummary", { count: items.length })}</h3>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <a
              href={`#${item.id}`}
              aria-describedby={item.errorId}
              onClick={(e) => {
                const target = document.getElementById(item.id);
                if (!target) return;
                e.preventDefault();
                target.scrollIntoView({ block: "center" });
                target.focus();
              }}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Start over" asks first, in the page: a question with "clear everything" and "keep my answers". */
export function StartOver({ onConfirm }: { onConfirm: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) question.current?.focus();
    else if (wasAsking.current) opener.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking)
    return (
      <button ref={opener} type="button" className="link" onClick={() => setAsking(true)}>
        {t("wizard.clearDraft")}
      </button>
    );
  return (
    <div className="confirm-clear" role="group" aria-labelledby="confirm-clear-question">
      <p id="confirm-clear-question" ref={question} tabIndex={-1}>
        {t("wizard.confirmClear")}
      </p>
      <button
        type="button"
        className="danger"
        onClick={() => {
          wasAsking.current = false;
          setAsking(false);
          onConfirm();
        }}
      >
        {t("wizard.confirmClearYes")}
      </button>
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        {t("wizard.confirmClearNo")}
      </button>
    </div>
  );
}
