import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The one error boundary every route reuses: 404s read as "not found", the rest as a generic error. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <section className="error-page" role="alert">
      <h1>{notFound ? t("common.notFoundTitle") : t("common.errorTitle")}</h1>
      <p>{notFound ? t("common.notFoundBody") : t("common.errorBody")}</p>
      <p>
        <Link to="/">{t("common.backHome")}</Link>
      </p>
    </section>
  );
}
