import {
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type LinksFunction,
  type MetaFunction,
  data,
} from "@remix-run/node";
import {
  Link,
  type ShouldRevalidateFunction,
  isRouteErrorResponse,
  useActionData,
  useFetcher,
  useLoaderData,
  useParams,
  useRouteError,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DemandSummary } from "~/components/demand-summary";
import { AcceptPanel, OfferStatus } from "~/components/offer-panel";
import { needsTechnicianState } from "~/components/needs-technician";
import { ProposalCard } from "~/components/proposal-card";
import { ProposalCosts } from "~/components/proposal-costs";
import { costViews } from "~/presenters/cost-timeline";
import { termsInForce } from "~/services/terms.server";
import costTimelineStyles from "~/styles/cost-timeline.css";
import cutoverStyles from "~/styles/cutover.css";
import { TierComparison, choosableTiers } from "~/components/tier-comparison";
import { TimeZoneProvider, useTimeZone } from "~/components/time-zone";
import { customerTimeZone } from "~/utils/time-zone.server";
import { i18next } from "~/i18next.server";
import { translatorFor } from "~/services/quote.server";
import { customerPageByToken } from "~/models/customer-page.server";
import { quoteIdByToken, recordQuoteLinkUse } from "~/models/quote-request.server";
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
import { COMMERCE_INTENTS, commerceAction, customerCommerce, upgradeForVisitor } from "~/services/commerce.server";
import { DRAFT_KEY, SUBMITTED_KEY } from "~/utils/draft";
import { formatDate } from "~/utils/format";
import { customerCutover, customerCutoverAction, isCutoverIntent } from "~/services/cutover.server";
import { CutoverPanel } from "~/components/cutover-panel";
import { REPLY_INTENTS, replyAction } from "./reply.server";
import { Timeline } from "./timeline";
import { PAGE_TEXTS } from "~/locales/texts";
import { textsFirst } from "~/utils/texts";

/** The link is the customer's key: never leak it in a Referer, never cache the page. */
const PRIVATE_HEADERS = { "Referrer-Policy": "no-referrer", "Cache-Control": "private, no-store" };

export const headers: HeadersFunction = () => PRIVATE_HEADERS;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: yourMoveStyles },
  { rel: "stylesheet", href: costTimelineStyles },
  { rel: "stylesheet", href: cutoverStyles },
];

export const meta: MetaFunction = () => [
  { title: "SpecDesk: your server proposals" },
  { name: "robots", content: "noindex" },
];

/** The HTML depends only on the loader data, the URL and the language (see root.tsx). */
export const handle = { pureRender: true, intl: true, texts: PAGE_TEXTS.quote };
export const clientLoader = textsFirst(handle.texts);

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Access is the token itself: whoever holds the private link may read this quote, nobody else.
  const page = await customerPageByToken(getDb(), params.token ?? "");
  if (!page) throw data(null, { status: 404, headers: PRIVATE_HEADERS });
  const locale = await i18next.getLocale(request);
  const { quote, timeline } = page;
  const names = productNames(quote.proposals, page.products, locale);
  const t = await translatorFor(locale);
  const { migrationPlan, upgradesAcceptanceId, ...shown } = quote;
  return data(
    {
      quote: {
        ...shown,
        proposals: customerProposals(quote.proposals, page.products, names, serverWording(t, locale)),
        demand: customerDemand(quote.demand, quote.requirements.availability),
      },
      // Worded here: the planner's sentences are server texts (app/locales/server-*.ts).
      move: migrationPlan
        ? presentYourMove(migrationPlan, quote.proposals[0]?.lines ?? [], page.products.currency, t, locale)
        : null,
      locale,
      timeline,
      commerce: withProductNames(customerCommerce(page.commerce), names),
      // An upgrade of a running service: what changes in its billing (stated before accepting).
      upgrade: upgradesAcceptanceId ? await upgradeForVisitor(getDb(), request, quote.id) : null,
      checkout: new URL(request.url).searchParams.get("checkout"),
      // "Choose this" in the comparison: the acceptance form opens with that tier chosen.
      chosenTier: new URL(request.url).searchParams.get("tier"),
      timeZone: customerTimeZone(request),
      // The month-by-month cost of each tier and the PDF to forward, worded here (server texts).
      costs: costViews(quote.proposals, migrationPlan?.overlap.months ?? 0, page.products.currency, t, locale),
      terms: await termsInForce(getDb(), locale),
      pdf: { href: `/q/${params.token}/proposal.pdf`, label: t("pdf.download") },
      // Moving day, once paid and when there is a move (worded here: server texts).
      cutover: page.commerce.acceptance?.paidAt ? await customerCutover(getDb(), quote.id, t, locale) : null,
    },
    { headers: PRIVATE_HEADERS },
  );
}

/** The link holder's POSTs: the view beacon, accepting and paying (commerce), replies to a technician. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const token = params.token ?? "";
  const quoteId = await quoteIdByToken(db, token);
  if (!quoteId) throw data(null, { status: 404, headers: PRIVATE_HEADERS });
  // Every POST by the link's holder (the page's view beacon, any answer) keeps the link alive; the loader never writes.
  await recordQuoteLinkUse(db, token);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "view") return data({ ok: true }, { headers: PRIVATE_HEADERS });
  if (isCutoverIntent(form.intent)) {
    const { status, ...cutover } = await customerCutoverAction(
      db,
      quoteId,
      form,
      await translatorFor(await i18next.getLocale(request)),
    );
    return data({ cutover }, { status, headers: PRIVATE_HEADERS });
  }
  if (COMMERCE_INTENTS.has(String(form.intent))) {
    return commerceAction(request, form, {
      db,
      quoteId,
      returnPath: `/q/${params.token}`,
      shareLinkId: null,
      clientIp: context.clientIp ?? null,
      headers: PRIVATE_HEADERS,
    });
  }
  return replyAction(request, form, {
    db,
    quoteId,
    headers: PRIVATE_HEADERS,
    proposals: async () => (await customerPageByToken(db, token))?.quote.proposals,
    intents: REPLY_INTENTS,
  });
}

export default function QuotePage() {
  const { timeZone } = useLoaderData<typeof loader>();
  return (
    <TimeZoneProvider initial={timeZone}>
      <QuoteContent />
    </TimeZoneProvider>
  );
}

function CreatedAt({ date, locale }: { date: string; locale: string }) {
  const { t } = useTranslation();
  return <>{t("quote.createdAt", { date: formatDate(date, locale, "long", false, useTimeZone()) })}</>;
}

function QuoteContent() {
  const { quote, move, locale, timeline, commerce, checkout, chosenTier, costs, pdf, terms, cutover, upgrade } =
    useLoaderData<typeof loader>();
  const { token } = useParams();
  const actionData = useActionData<typeof action>();
  const commerceResult = actionData && "commerce" in actionData ? actionData.commerce : null;
  const { t } = useTranslation();

  // Reading the page is a GET and changes nothing; this beacon records that the link is in use (it
  // keeps it from expiring). Once an hour per tab is plenty, and spares the rate limit on reloads.
  const beacon = useFetcher();
  const viewed = useRef(false);
  useEffect(() => {
    if (viewed.current) return;
    viewed.current = true;
    const key = `specdesk:link-used:${quote.id}`;
    const last = Number(window.sessionStorage.getItem(key) ?? 0);
    if (Date.now() - last < 3_600_000) return;
    window.sessionStorage.setItem(key, String(Date.now()));
    beacon.submit({ intent: "view" }, { method: "post" });
  }, [beacon, quote.id]);

  // The wizard's draft has done its job once the quote exists.
  useEffect(() => {
    if (window.sessionStorage.getItem(SUBMITTED_KEY)) {
      window.localStorage.removeItem(DRAFT_KEY);
      window.sessionStorage.removeItem(SUBMITTED_KEY);
    }
  }, []);

  return (
    <div className="quote">
      <header className="quote-header">
        <h1>{t("quote.title")}</h1>
        <p className="muted">
          {t("quote.forName", { name: quote.company ? `${quote.contactName}, ${quote.company}` : quote.contactName })} ·{" "}
          {t("quote.reference", { id: quote.id.slice(0, 8).toUpperCase() })} ·{" "}
          <CreatedAt date={quote.createdAt} locale={locale} />
        </p>
        <p className={`status status-${quote.status}`} role="status">
          <span className="visually-hidden">{t("quote.statusLabel")}: </span>
          {t(`quote.status.${quote.status}`)}
        </p>
        <p className="no-print muted">{t("quote.keepLink")}</p>
      </header>

      {quote.status === "declined" && quote.declineReason ? (
        <section className="review-notice" role="note">
          <p>
            <strong>{t("quote.declined")}</strong> {quote.declineReason}
          </p>
        </section>
      ) : null}
      {quote.status === "needs_review" ? (
        <section className="review-notice" aria-labelledby="review-title">
          <p id="review-title">{t("quote.reviewNotice")}</p>
          <ul>
            {quote.reviewReasons.map((r) => (
              <li key={r.code}>{t(`quote.reviewReasons.${r.code}`)}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <DemandSummary demand={quote.demand} locale={locale} />

      {quote.proposals.length === 0 ? (
        <p className="review-notice">{t("quote.noProposals")}</p>
      ) : (
        <>
          <OfferStatus commerce={commerce} locale={locale} reason={commerceResult?.reason ?? null} />
          <TierComparison
            proposals={quote.proposals}
            locale={locale}
            choosable={choosableTiers(commerce)}
            chosen={commerce.acceptance?.tier ?? null}
          />
          <section className="proposals" aria-label={t("quote.title")}>
            {quote.proposals.map((p) => (
              <ProposalCard
                key={p.id}
                proposal={p}
                locale={locale}
                needsTechnician={needsTechnicianState(commerce, p.tier)}
                chosen={commerce.acceptance?.tier === p.tier}
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
            receiptHref={`/q/${token}/receipt`}
            terms={terms}
            upgrade={upgrade}
          />
        </>
      )}

      {cutover ? (
        <CutoverPanel
          view={cutover}
          result={actionData && "cutover" in actionData ? actionData.cutover : null}
          icsHref={`/q/${token}/cutover.ics`}
        />
      ) : null}
      {move ? <YourMove move={move} /> : null}

      <Timeline timeline={timeline} locale={locale} proposals={quote.proposals} />

      <p className="no-print actions">
        <button type="button" onClick={() => window.print()}>
          {t("quote.print")}
        </button>{" "}
        <Link to="/quote/new">{t("quote.newQuote")}</Link> · <Link to="/quote/link">{t("quote.lostLink")}</Link>
      </p>
    </div>
  );
}

/** The view beacon changes nothing the page shows, so its answer does not reload the page's data. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "view" ? false : defaultShouldRevalidate;

/** A link that opens nothing may have expired unused: say so, and where a new one comes from. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (!isRouteErrorResponse(error) || error.status !== 404) return <GeneralErrorBoundary />;
  return (
    <section className="error-page" role="alert">
      <h1>{t("common.notFoundTitle")}</h1>
      <p>{t("quote.linkGone.body")}</p>
      <p>
        <Link to="/quote/link">{t("quote.linkGone.request")}</Link>
      </p>
    </section>
  );
}
