import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CustomerPage } from "~/models/customer-page.server";
import { formatDate } from "~/utils/format";
import type { action } from "./route";

/** The quote's messages, oldest first, and the form the link holder replies with. */
export function Timeline({ timeline, locale }: { timeline: CustomerPage["timeline"]; locale: string }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const error =
    actionData && "errors" in actionData ? actionData.errors.find((e) => e.path === "body")?.message : undefined;
  return (
    <section className="timeline-section no-print" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("quote.timeline.title")}</h2>
      <ol className="timeline">
        {timeline.map((m) => (
          <li key={m.id} className={`timeline-${m.authorType}`}>
            <span className="muted">{formatDate(m.createdAt, locale, "medium", true)}</span>{" "}
            <strong>{m.event ? t(`quote.timeline.${m.event}`, { defaultValue: "" }) : ""}</strong>
            {m.body ? <p>{m.body}</p> : null}
          </li>
        ))}
      </ol>
      <Form method="post" className="reply">
        <input type="hidden" name="intent" value="reply" />
        <label htmlFor="reply-body">{t("quote.timeline.replyLabel")}</label>
        <textarea
          id="reply-body"
          name="body"
          rows={3}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "reply-error" : undefined}
        />
        {error ? (
          <p id="reply-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        {actionData && "sent" in actionData && actionData.sent ? (
          <p role="status">{t("quote.timeline.replySent")}</p>
        ) : null}
        <button type="submit" disabled={navigation.state !== "idle"}>
          {t("quote.timeline.replySend")}
        </button>
      </Form>
    </section>
  );
}
