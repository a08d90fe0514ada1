import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * The one error boundary every route reuses: 404s read as "not found", 403s as "no access"
 * (a staff page outside the person's role), 503s (the database is
 * unavailable, server/db-unavailable.ts) as "temporarily unavailable, try again in a minute", the
 * rest as a generic error.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body] =
    status === 404
      ? ["common.notFoundTitle", "common.notFoundBody"]
      : status === 403
        ? ["common.forbiddenTitle", "common.forbiddenBody"]
        : status === 503
          ? ["common.unavailableTitle", "common.unavailableBody"]
          : ["common.errorTitle", "common.errorBody"];
  return (
    <section className="error-page" role="alert">
      <h1>{t(title)}</h1>
      <p>{t(body)}</p>
      <p>
        <Link to="/">{t("common.backHome")}</Link>
      </p>
    </section>
  );
}
