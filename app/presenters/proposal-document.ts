import type { TFunction } from "i18next";
import { factText } from "~/components/inclusions";
import type { Currency } from "~/domain/money";
import type { LegalDocument } from "~/models/company.server";
import type { CustomerPage } from "~/models/customer-page.server";
import { describeRunsOutFirst, explain, roleName } from "~/utils/explain";
import { formatDate, formatMoney, formatNumber } from "~/utils/format";
import { type CompanyIdentity, presentCompany } from "./company";
import { type CostTimelineView, presentCostTimeline } from "./cost-timeline";
import { customerDemand, customerProposals, productNames, serverWording } from "./customer-quote";
import { type YourMoveView, presentYourMove } from "./your-move";
import type { Company } from "~/models/company.server";

/**
 * A proposal as one document a customer can forward: everything the page says, worded in the
 * customer's language, as plain strings (services/proposal-pdf.server.ts lays them out). Tests read
 * the PDF's text back and compare it with this view and with the page's figures.
 */
export interface ProposalDocument {
  language: string;
  title: string;
  provider: CompanyIdentity;
  facts: [string, string][];
  need: { title: string; text: string } | null;
  tiers: DocumentTier[];
  move: YourMoveView | null;
  terms: { title: string; paragraphs: string[] };
  vatNote: string;
  acceptance: {
    title: string;
    text: string;
    chosen: string;
    options: string[];
    fields: string[];
    online: string;
  };
  labels: { item: string; qty: string; unitMonthly: string; monthly: string; setup: string; why: string; page: string };
}

export interface DocumentTier {
  heading: string;
  availability: string;
  headline: string;
  acceptableNote: string | null;
  servers: string[];
  lines: { name: string; qty: string; unitMonthly: string; monthly: string; setup: string; why: string[] }[];
  totals: [string, string][];
  runsOutFirst: string | null;
  failure: string | null;
  includedTitle: string;
  included: string[];
  notIncludedTitle: string;
  notIncluded: string[];
  timeline: CostTimelineView;
  sizedTitle: string;
  sized: string[];
}

export function presentProposalDocument(
  page: CustomerPage,
  company: Company,
  terms: LegalDocument | null,
  t: TFunction,
  locale: string,
  now = new Date(),
): ProposalDocument {
  const { quote, products } = page;
  const currency: Currency = products.currency;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const names = productNames(quote.proposals, products, locale);
  const proposals = customerProposals(quote.proposals, products, names, serverWording(t, locale));
  const reason = (r: { text?: string; ruleId: string; params: Record<string, unknown> }) =>
    r.text ?? explain(r as Parameters<typeof explain>[0], t, locale);
  const termsVersion = terms?.version ?? "";
  const language = locale === "es" ? "es" : "en";
  const demand = customerDemand(quote.demand, quote.requirements.availability);
  const acceptable = new Set(
    proposals
      .map((p) => p.tier)
      .filter((tier) => !page.commerce.needsTechnician.some((n) => n.tier === tier) && page.commerce.acceptable),
  );

  const facts: [string, string][] = [
    [t("pdf.reference"), quote.id.slice(0, 8).toUpperCase()],
    [t("pdf.version"), String(page.commerce.version)],
    [t("pdf.date"), formatDate(now, locale)],
  ];
  if (page.commerce.validUntil) facts.push([t("pdf.validUntil"), formatDate(page.commerce.validUntil, locale)]);
  facts.push([t("pdf.preparedFor"), quote.company ? `${quote.contactName}, ${quote.company}` : quote.contactName]);
  facts.push([t("pdf.currency"), currency]);

  const tiers: DocumentTier[] = proposals.map((p) => {
    const tierName = t(`quote.tiers.${p.tier}`);
    return {
      heading: t("pdf.proposal", { tier: tierName }),
      availability: t(`quote.availability.${p.availability}`),
      headline: `${money(p.monthlyMinor)} ${t("quote.perMonthSuffix")}`,
      acceptableNote: acceptable.has(p.tier) || page.commerce.acceptance ? null : t("pdf.notAcceptable"),
      servers: p.servers.map(
        (s) =>
          `${t("quote.serverSpec", {
            quantity: s.quantity,
            name: s.name,
            vcpu: s.vcpu,
            ram: formatNumber(s.ramGb, locale),
            storage: formatNumber(s.storageGb, locale, 0),
          })}. ${t("quote.roles", { roles: s.roles.map((r) => roleName(r, t)).join(", ") })}`,
      ),
      lines: p.lines.map((l) => {
        const oneOff = l.monthlyMinor === 0 && l.setupMinor !== 0;
        return {
          name: t(`quote.lineKinds.${l.kind}`, { name: l.name }),
          qty: String(l.quantity),
          unitMonthly: oneOff ? "—" : money(l.unitMonthlyMinor),
          monthly: oneOff ? t("pdf.oneOff") : money(l.monthlyMinor),
          setup: l.setupMinor === 0 ? "—" : money(l.setupMinor),
          why: l.why.map(reason),
        };
      }),
      totals: [
        [t("quote.setup"), money(p.setupMinor)],
        [t("quote.monthly"), money(p.monthlyMinor)],
        [
          p.termMonths === 1 ? t("quote.termTotalOne") : t("quote.termTotal", { months: p.termMonths }),
          money(p.termTotalMinor),
        ],
      ],
      runsOutFirst: p.runsOutFirst ? describeRunsOutFirst(p.runsOutFirst, t, locale, currency) : null,
      failure: p.failure ? `${t("quote.whenServerFails")}: ${reason(p.failure)}` : null,
      includedTitle: t("quote.included"),
      included: (p.inclusions?.included ?? []).map((f) => factText(f, t, locale, currency)),
      notIncludedTitle: t("quote.notIncluded"),
      notIncluded: (p.inclusions?.notIncluded ?? []).map((f) => factText(f, t, locale, currency)),
      timeline: presentCostTimeline(
        {
          lines: p.lines,
          termMonths: p.termMonths,
          runsOutFirst: p.runsOutFirst,
          overlapMonths: quote.migrationPlan?.overlap.months ?? 0,
        },
        currency,
        t,
        locale,
      ),
      sizedTitle: t("quote.howWeSized"),
      sized: p.explanation.map(reason),
    };
  });

  return {
    language,
    title: t("pdf.title"),
    provider: presentCompany(company, t, locale),
    facts,
    need: {
      title: t("pdf.whatYouNeed"),
      text: t("pdf.need", {
        vcpu: formatNumber(demand.vcpu, locale, 1),
        ram: formatNumber(demand.ramGb, locale, 1),
        storage: formatNumber(demand.storageGb, locale, 0),
        traffic: formatNumber(demand.trafficTbPerMonth, locale, 1),
        backup: formatNumber(demand.backupGb, locale, 0),
      }),
    },
    tiers,
    move: quote.migrationPlan
      ? presentYourMove(quote.migrationPlan, quote.proposals[0]?.lines ?? [], currency, t, locale, now)
      : null,
    terms: { title: t("pdf.termsTitle", { version: termsVersion }), paragraphs: terms?.paragraphs[language] ?? [] },
    vatNote: t("pdf.vatNote"),
    acceptance: {
      title: t("pdf.acceptanceTitle"),
      text: t("pdf.acceptanceText", { version: termsVersion }),
      chosen: t("pdf.chosenProposal"),
      options: proposals.map(
        (p) => `${t(`quote.tiers.${p.tier}`)}: ${money(p.monthlyMinor)} ${t("quote.perMonthSuffix")}`,
      ),
      fields: [t("pdf.name"), t("pdf.company"), t("pdf.poNumber"), t("pdf.signedDate"), t("pdf.signature")],
      online: t("pdf.acceptOnline"),
    },
    labels: {
      item: t("pdf.item"),
      qty: t("pdf.qty"),
      unitMonthly: t("pdf.unitMonthly"),
      monthly: t("pdf.monthly"),
      setup: t("pdf.setup"),
      why: t("pdf.why"),
      page: t("pdf.page", { page: "{{page}}", pages: "{{pages}}" }),
    },
  };
}
