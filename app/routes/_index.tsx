import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export const meta: MetaFunction = () => [{ title: "SpecDesk: hosting proposals, explained" }];

/** The HTML depends only on the loader data, the URL and the language (see root.tsx). */
export const handle = { pureRender: true };

export default function Home() {
  const { t } = useTranslation();
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
        <Link to="/quote/link">{t("quote.lostLink")}</Link>
      </p>
    </section>
  );
}
