import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ReceiptView } from "~/presenters/receipt";

/** A receipt as the customer reads it (the same strings as its PDF). */
export function Receipt({ view, back, pdf }: { view: ReceiptView; back: string; pdf: string }) {
  const { t } = useTranslation();
  return (
    <article className="receipt" aria-labelledby="receipt-title">
      <header className="receipt-provider">
        <p className="site-footer-name">{view.provider.legalName}</p>
        <p className="muted">
          {view.provider.addressLines.join(", ")} · {view.provider.vatId}
        </p>
      </header>
      <h1 id="receipt-title">{view.title}</h1>
      <dl className="receipt-facts">
        {view.facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2>{view.linesTitle}</h2>
      <dl className="receipt-facts">
        {view.lines.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div className="receipt-total">
          <dt>{view.total[0]}</dt>
          <dd>{view.total[1]}</dd>
        </div>
      </dl>
      <p>{view.remaining}</p>
      <p className="muted">
        <strong>{view.vat[0]}:</strong> {view.vat[1]}
      </p>
      <p className="receipt-actions no-print">
        <a className="button" href={pdf} download>
          {t("receipt.download")}
        </a>{" "}
        <Link to={back}>{t("receipt.back")}</Link>
      </p>
    </article>
  );
}
