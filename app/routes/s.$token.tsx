import {
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type LinksFunction,
  type MetaFunction,
  data,
} from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { DemandSummary } from "~/components/demand-summary";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { needsTechnicianState } from "~/components/needs-technician";
import { ProposalCard } from "~/components/proposal-card";
import { ProposalCosts } from "~/components/proposal-costs";
import { costViews } from "~/presenters/cost-timeline";
import { termsInForce } from "~/services/terms.server";
import costTimelineStyles from "~/styles/cost-timeline.css";
import { TierComparison, choosableTiers } from "~/components/tier-comparison";
import { TimeZoneProvider, useTimeZone } from "~/components/time-zone";
import { shareLinkContact } from "~/models/share-contact.server";
import { customerTimeZone } from "~/utils/time-zone.server";
import { replyAction } from "./q.$token/reply.server";
import {
  customerDemand,
  customerProposals,
  productNames,
  serverWording,
  withProductNames,
} from "~/presenters/customer-quote";
import { presentYourMove } from "~/presenters/your-move";
import { YourMove } from "~/components/your-move";
import yourMoveStyles from "~/styles/your-move.css";
import { i18next } from "~/i18next.server";
import { translatorFor } from "~/services/quote.server";
import { customerPageById } from "~/models/customer-page.server";
import { liveShareLink, recordShareView } from "~/models/share-link.server";
import { formatDate } from "~/utils/format";
import { AcceptPanel, OfferStatus } from "~/components/offer-panel";
import { COMMERCE_INTENTS, commerceAction, customerCommerce, upgradeForVisitor } from "~/services/commerce.server";
import { PAGE_TEXTS } from "~/locales/texts";
import { textsFirst } from "~/utils/texts";

/** Share links are bearer tokens: never leaked in a Referer, never cached. */
const PRIVATE_HEADERS = { "Referrer-Policy": "no-referrer", "Cache-Control": "private, no-store" };

export const headers: HeadersFunction = () => PRIVATE_HEADERS;
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: yourMoveStyles },
  { rel: "stylesheet", href: costTimelineStyles },
];

export const meta: MetaFunction = () => [
  { title: "SpecDesk: server proposal" },
  { name: "robots", content: "noindex" },
];

/** The HTML depends only on the loader data, the URL and the language (see root.tsx). */
export const handle = { pureRender: true, intl: true, texts: PAGE_TEXTS.share };
export const clientLoader = textsFirst(handle.texts);

/** The share page has no timeline to reply on: a question about the proposal, or about one of its lines. */
const SHARE_QUESTION_INTENTS: ReadonlySet<string> = new Set(["question", "ask"]);

const notFound = () => data(null, { status: 404, headers: PRIVATE_HEADERS });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  // Unknown, expired and revoked links all get the same 404.
  const link = await liveShareLink(db, params.token ?? "");
  if (!link) throw notFound();
  const page = await customerPageById(db, link.quoteRequestId, link.proposalVersion);
  if (!page) throw notFound();
  const locale = await i18next.getLocale(request);
  const { quote } = page;
  const names = productNames(quote.proposals, page.products, locale);
  const t = await translatorFor(locale);
  const url = new URL(request.url);
  return data(
    {
      locale,
      timeZone: customerTimeZone(request),
      // The month-by-month cost of each tier and the PDF to forward, worded here (server texts).
      costs: costViews(quote.proposals, quote.migrationPlan?.overlap.months ?? 0, page.products.currency, t, locale),
      terms: await termsInForce(getDb(), locale),
      pdf: { href: `/s/${params.token}/proposal.pdf`, label: t("pdf.download") },
      contact: await shareLinkContact(db, link.createdBy),
      chosenTier: url.searchParams.get("tier"),
      move: quote.migrationPlan
        ? presentYourMove(quote.migrationPlan, quote.proposals[0]?.lines ?? [], page.products.currency, t, locale)
        : null,
      expiresAt: link.expiresAt.toISOString(),
      commerce: withProductNames(customerCommerce(page.commerce), names),
      // An upgrade of a running service: what changes in its billing (stated before accepting).
      upgrade: quote.upgradesAcceptanceId ? await upgradeForVisitor(db, request, quote.id) : null,
      checkout: url.searchParams.get("checkout"),
      quote: {
        reference: quote.id.slice(0, 8).toUpperCase(),
        status: quote.status,
        contactName: quote.contactName,
        company: quote.company,
        proposals: customerProposals(quote.proposals, page.products, names, serverWording(t, locale)),
        demand: customerDemand(quote.demand, quote.requirements.availability),
      },
    },
    { headers: PRIVATE_HEADERS },
  );
}

/** The page reports each view with a beacon, so that reading the page (a GET) changes nothing. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  // The link first: nobody makes the server read a body for a link that does not work.
  const link = await liveShareLink(db, params.token ?? "");
  if (!link) throw notFound();
  const form = Object.fromEntries(await request.formData());
  if (COMMERCE_INTENTS.has(String(form.intent))) {
    return commerceAction(request, form, {
      db,
      quoteId: link.quoteRequestId,
      returnPath: `/s/${params.token}`,
      shareLinkId: link.id,
      clientIp: context.clientIp ?? null,
      headers: PRIVATE_HEADERS,
    });
  }
  // A question (about the proposal, or one of its lines) reaches the technicians as on the customer's own page.
  if (SHARE_QUESTION_INTENTS.has(String(form.intent)))
    return replyAction(request, form, {
      db,
      quoteId: link.quoteRequestId,
      headers: PRIVATE_HEADERS,
      proposals: async () => (await customerPageById(db, link.quoteRequestId, link.proposalVersion))?.quote.proposals,
      intents: SHARE_QUESTION_INTENTS,
    });
  if (form.intent !== "view") return data({ ok: false }, { status: 400, headers: PRIVATE_HEADERS });
  const counted = await recordShareView(db, params.token ?? "");
  if (!counted) throw notFound();
  return data({ ok: true }, { headers: PRIVATE_HEADERS });
}

export default function SharedProposal() {
  const { timeZone } = useLoaderData<typeof loader>();
  return (
    <TimeZoneProvider initial={timeZone}>
      <SharedContent />
    </TimeZoneProvider>
  );
}

/**
 * Until when the link works, and the prices with it: said once when both end the same day (the
 * offer panel then leaves its own "prices valid until" out).
 */
function Validity({ expiresAt, same, locale }: { expiresAt: string; same: boolean; locale: string }) {
  const { t } = useTranslation();
  const date = formatDate(expiresAt, locale, "long", false, useTimeZone());
  return <>{same ? t("share.validUntilWithPrices", { date }) : t("share.validUntil", { date })}</>;
}

function SharedContent() {
  const { quote, move, locale, expiresAt, commerce, checkout, contact, chosenTier, costs, pdf, terms, upgrade } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const commerceResult = actionData && "commerce" in actionData ? actionData.commerce : null;
  const { t } = useTranslation();
  const { token } = useParams();
  const beacon = useFetcher();
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    beacon.submit({ intent: "view" }, { method: "post" });
  }, [beacon]);
  const pricesUntil =
    commerce.validUntil && commerce.blocked !== "expired" && !commerce.acceptance ? commerce.validUntil : null;
  const sameDay =
    pricesUntil !== null &&
    new Date(pricesUntil).toISOString().slice(0, 10) === new Date(expiresAt).toISOString().slice(0, 10);
  const chosen = commerce.acceptance?.tier ?? null;
  return (
    <div className="quote">
      <h1>{t("quote.title")}</h1>
      <p className="muted">
        {t("quote.forName", { name: quote.company ? `${quote.contactName}, ${quote.company}` : quote.contactName })} ·{" "}
        {t("quote.reference", { id: quote.reference })} ·{" "}
        <Validity expiresAt={expiresAt} same={sameDay} locale={locale} />
      </p>
      <p className={`status status-${quote.status}`} role="status">
        <span className="visually-hidden">{t("quote.statusLabel")}: </span>
        {t(`quote.status.${quote.status}`)}
      </p>
      {contact ? (
        <p className="sales-contact">
          {t("share.contactTitle")}: {contact.name}, <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </p>
      ) : null}
      {commerce.blocked === "superseded" && !commerce.acceptance ? (
        <p className="review-notice">{t("share.newerVersion")}</p>
      ) : null}
      <DemandSummary demand={quote.demand} locale={locale} />
      <OfferStatus
        commerce={commerce}
        locale={locale}
        reason={commerceResult?.reason ?? null}
        hideValidUntil={sameDay}
      />
      <TierComparison
        proposals={quote.proposals}
        locale={locale}
        choosable={choosableTiers(commerce)}
        chosen={chosen}
      />
      <section className="proposals" aria-label={t("quote.title")}>
        {quote.proposals.map((p) => (
          <ProposalCard
            key={p.id}
            proposal={p}
            locale={locale}
            needsTechnician={needsTechnicianState(commerce, p.tier)}
            chosen={chosen === p.tier}
          />
        ))}
      </section>
      <ProposalCosts costs={costs} pdf={pdf} />
      <AcceptPanel
        commerce={commerce}
        proposals={quote.proposals}
        locale={locale}
        checkout={checkout}
        errors={commerceResult?.errors ?? []}
        reason={commerceResult?.reason ?? null}
        values={commerceResult?.values}
        chosenTier={chosenTier}
        receiptHref={`/s/${token}/receipt`}
        terms={terms}
        upgrade={upgrade}
      />
      {move ? <YourMove move={move} /> : null}
      <ShareQuestion />
    </div>
  );
}

/** A question about the proposal as a whole: it reaches the technicians as the customer's own questions do. */
function ShareQuestion() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const answer = actionData && "target" in actionData && actionData.target.intent === "question" ? actionData : null;
  const error = answer?.errors.find((e) => e.path === "body")?.message;
  const form = useRef<HTMLFormElement>(null);
  const confirmation = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!answer?.sent) return;
    form.current?.reset();
    confirmation.current?.focus();
  }, [answer]);
  return (
    <section className="share-question no-print" aria-labelledby="share-question-title">
      <h2 id="share-question-title">{t("share.questionTitle")}</h2>
      <Form method="post" className="reply" ref={form} preventScrollReset>
        <input type="hidden" name="intent" value="question" />
        <label htmlFor="share-question-body">{t("share.questionLabel")}</label>
        <textarea
          id="share-question-body"
          name="body"
          rows={3}
          maxLength={5000}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "share-question-error" : undefined}
        />
        {error ? (
          <p id="share-question-error" className="field-error">
            {error}
          </p>
        ) : null}
        {answer?.sent ? (
          <p role="status" tabIndex={-1} ref={confirmation}>
            {t("share.questionSent")}
          </p>
        ) : null}
        <button type="submit" disabled={navigation.state !== "idle"}>
          {t("share.questionSend")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
