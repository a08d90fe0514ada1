import type { TFunction } from "i18next";
import type { Company } from "~/models/company.server";
import type { ReceiptFacts } from "~/models/receipt.server";
import { formatDate, formatMoney } from "~/utils/format";
import { type CompanyIdentity, presentCompany } from "./company";

/** A receipt worded in the customer's language: the page and the PDF show exactly these strings. */
export interface ReceiptView {
  language: string;
  title: string;
  provider: CompanyIdentity;
  facts: [string, string][];
  linesTitle: string;
  lines: [string, string][];
  total: [string, string];
  remaining: string;
  vat: [string, string];
  page: string;
}

export function presentReceipt(
  receipt: ReceiptFacts,
  company: Company,
  t: TFunction,
  locale: string,
  timeZone = "UTC",
): ReceiptView {
  const money = (minor: number) => formatMoney(minor, receipt.currency, locale);
  const paidAt = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone }).format(
    new Date(receipt.paidAt),
  );
  // Checkout took the setup fee and one-off work; every month of the term is billed from hand-over.
  const remainingPayments = Math.max(0, receipt.termMonths);
  const facts: [string, string][] = [
    [t("pdf.receiptNumber"), receipt.number],
    [t("pdf.paidAt"), `${paidAt} (${timeZone})`],
    [t("pdf.paymentReference"), receipt.paymentReference],
    [t("pdf.paidBy"), [receipt.name, receipt.company, receipt.email].filter(Boolean).join(", ")],
    [t("pdf.reference"), receipt.quoteRequestId.slice(0, 8).toUpperCase()],
    [t("pdf.paidFor"), t("pdf.paidForText", { tier: t(`quote.tiers.${receipt.tier}`), version: receipt.version })],
  ];
  if (receipt.poNumber) facts.push([t("pdf.poNumber"), receipt.poNumber]);
  return {
    language: locale === "es" ? "es" : "en",
    title: t("pdf.receiptTitle"),
    provider: presentCompany(company, t, locale),
    facts,
    linesTitle: t("pdf.receiptLines"),
    lines: [
      [t("pdf.receiptSetup"), money(receipt.setupMinor)],
      [t("pdf.receiptFirstMonth"), money(receipt.monthlyMinor)],
    ],
    total: [t("pdf.amountPaid"), money(receipt.paidMinor)],
    remaining:
      remainingPayments > 0
        ? t("pdf.remaining", { count: remainingPayments, amount: money(receipt.monthlyMinor) })
        : t("pdf.remainingNone"),
    vat: [t("pdf.vatTreatment"), t("pdf.vatTreatmentText")],
    page: t("pdf.page", { page: "{{page}}", pages: "{{pages}}" }),
  };
}

/** The date a receipt was paid, for the e-mail. */
export const receiptDate = (receipt: ReceiptFacts, locale: string) => formatDate(receipt.paidAt, locale);
