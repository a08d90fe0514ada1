import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProposalCard } from "~/components/proposal-card";
import { i18next } from "~/i18next.server";
import { getQuoteById } from "~/models/quote-request.server";
import { liveShareLink, recordShareView } from "~/models/share-link.server";

/** Share links are bearer tokens: never leaked in a Referer, never cached. */
const PRIVATE_HEADERS = { "Referrer-Policy": "no-referrer", "Cache-Control": "private, no-store" };

export const headers: HeadersFunction = () => PRIVATE_HEADERS;
export const meta: MetaFunction = () => [{ title: "SpecDesk: server proposal" }, { name: "robots", content: "noindex" }];

const notFound = () => data(null, { status: 404, headers: PRIVATE_HEADERS });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  // Unknown, expired and revoked links all get the same 404.
  const link = await liveShareLink(db, params.token ?? "");
  if (!link) throw notFound();
  const quote = await getQuoteById(db, link.quoteRequestId, link.proposalVersion);
  if (!quote) throw notFound();
  const locale = await i18next.getLocale(request);
  return data({ locale, expiresAt: link.expiresAt.toISOString(), quote: { contactName: quote.contactName, company: quote.company, proposals: quote.proposals } }, { headers: PRIVATE_HEADERS });
}

/** The page reports each view with a beacon, so that reading the page (a GET) changes nothing. */
export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get("intent") !== "view") return data({ ok: false }, { status: 400, headers: PRIVATE_HEADERS });
  const counted = await recordShareView(getDb(), params.token ?? "");
  if (!counted) throw notFound();
  return data({ ok: true }, { headers: PRIVATE_HEADERS });
}

export default function SharedProposal() {
  const { quote, locale, expiresAt } = useLoaderData<typeof loader>();
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
        {t("share.validUntil", { date: new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(new Date(expiresAt)) })}
      </p>
      <section className="proposals" aria-label={t("quote.title")}>
        {quote.proposals.map((p) => (
          <ProposalCard key={p.id} proposal={p} locale={locale} allowQuestions={false} />
        ))}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
