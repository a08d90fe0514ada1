import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { i18next } from "~/i18next.server";
import { homePage } from "./load.server";
import { PAGE_TEXTS } from "~/locales/texts";
import { textsFirst } from "~/utils/texts";

export const meta: MetaFunction = () => [{ title: "SpecDesk: hosting proposals, explained" }];

/** The HTML depends only on the loader data, the URL and the language (see root.tsx). */
export const handle = { pureRender: true, texts: PAGE_TEXTS.home };
export const clientLoader = textsFirst(handle.texts);

export async function loader({ request }: LoaderFunctionArgs) {
  return homePage(await i18next.getLocale(request));
}

export default function Home() {
  const { t } = useTranslation();
  const { company, examples, texts } = useLoaderData<typeof loader>();
  return (
    <section className="home">
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <ul>
        <li>{t("home.points.one")}</li>
        <li>{t("home.points.two")}</li>
        <li>{t("home.points.three")}</li>
      </ul>
      <p>
        <Link className="button" to="/quote/new">
          {t("common.startQuote")}
        </Link>
      </p>
      <p>
        <Link to="/quote/link">{t("home.lostLink")}</Link>
      </p>
      {examples.length > 0 ? (
        <section aria-labelledby="home-examples" className="home-examples">
          <h2 id="home-examples">{texts.examplesTitle}</h2>
          <p className="muted">{texts.examplesLead}</p>
          <ul className="home-example-list">
            {examples.map((e) => (
              <li key={e.line}>
                <strong>{e.line}</strong>
                <span>{e.spec}</span>
                <span className="home-example-price">{e.price}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="home-provider">
        <section aria-labelledby="home-who">
          <h2 id="home-who">{texts.whoTitle}</h2>
          <p>
            <strong>{company.legalName}</strong>
            <br />
            {company.addressLines.join(", ")}
            <br />
            {company.vatId}
          </p>
          <p>
            {company.supportHours}
            {company.outages ? (
              <>
                <br />
                {company.outages}
              </>
            ) : null}
          </p>
        </section>
        <section aria-labelledby="home-where">
          <h2 id="home-where">{texts.whereTitle}</h2>
          <p>{company.dataCentres}</p>
        </section>
      </div>
    </section>
  );
}
