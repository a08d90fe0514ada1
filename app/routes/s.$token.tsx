import {
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type LinksFunction,
  type MetaFunction,
  data,
} from "@remix-run/node";
import { useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { DemandSummary } from "~/components/demand-summary";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { needsTechnicianState } from "~/components/needs-technician";
import { ProposalCard } from "~/components/proposal-card";
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
import { COMMERCE_INTENTS, commerceAction, customerCommerce } from "~/services/commerce.server";

/** Share links are bearer tokens: never leaked in a Referer, never cached. */
const PRIVATE_HEADERS = { "Referrer-Policy": "no-referrer", "Cache-Control": "private, no-store" };

export const headers: HeadersFunction = () => PRIVATE_HEADERS;
export const links: LinksFunction = () => [{ rel: "stylesheet", href: yourMoveStyles }];

export const meta: MetaFunction = () => [
  { title: "SpecDesk: server proposal" },
  { name: "robots", content: "noindex" },
];

/** The HTML depends only on the loader data, the URL and the language (see root.tsx). */
export const handle = { pureRender: true, intl: true };

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
  return data(
    {
      locale,
      move: quote.migrationPlan
        ? presentYourMove(quote.migrationPlan, quote.proposals[0]?.lines ?? [], page.products.currency, t, locale)
        : null,
      expiresAt: link.expiresAt.toISOString(),
      commerce: withProductNames(customerCommerce(page.commerce), names),
      checkout: new URL(request.url).searchParams.get("checkout"),
      quote: {
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
  if (form.intent !== "view") return data({ ok: false }, { status: 400, headers: PRIVATE_HEADERS });
  const counted = await recordShareView(db, params.token ?? "");
  if (!counted) throw notFound();
  return data({ ok: true }, { headers: PRIVATE_HEADERS });
}

export default function SharedProposal() {
  const { quote, move, locale, expiresAt, commerce, checkout } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const commerceResult = actionData && "commerce" in actionData ? actionData.commerce : null;
  const { t } = useTranslation();
  const beacon = useFetcher();
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    beacon.submit({ intent: "view" }, { method: "post" });
  }, [beacon]);
  return (
    <div className="quote">
      <h1>{t("quote.title")}</h1>
      <p className="muted">
        {t("quote.forName", { name: quote.company ? `${quote.contactName}, ${quote.company}` : quote.contactName })} ·{" "}
        {t("share.validUntil", { date: formatDate(expiresAt, locale) })}
      </p>
      <p className={`status status-${quote.status}`} role="status">
        <span className="visually-hidden">{t("quote.statusLabel")}: </span>
        {t(`quote.status.${quote.status}`)}
      </p>
      {commerce.blocked === "superseded" && !commerce.acceptance ? (
        <p className="review-notice">{t("share.newerVersion")}</p>
      ) : null}
      <DemandSummary demand={quote.demand} locale={locale} />
      <OfferStatus commerce={commerce} locale={locale} reason={commerceResult?.reason ?? null} />
      <section className="proposals" aria-label={t("quote.title")}>
        {quote.proposals.map((p) => (
          <ProposalCard
            key={p.id}
            proposal={p}
            locale={locale}
            allowQuestions={false}
            needsTechnician={needsTechnicianState(commerce, p.tier)}
          />
        ))}
      </section>
      <AcceptPanel
        commerce={commerce}
        proposals={quote.proposals}
        locale={locale}
        checkout={checkout}
        errors={commerceResult?.errors ?? []}
        reason={commerceResult?.reason ?? null}
      />
      {move ? <YourMove move={move} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
