import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useTimeZone } from "~/components/time-zone";
import type { CustomerPage } from "~/models/customer-page.server";
import type { CustomerProposal } from "~/presenters/customer-quote";
import { formatDate } from "~/utils/format";
import type { action } from "./route";

type Message = CustomerPage["timeline"][number];

/** The quote's messages, oldest first, and the form the link holder replies with. */
export function Timeline({
  timeline,
  locale,
  proposals,
}: {
  timeline: CustomerPage["timeline"];
  locale: string;
  proposals: Pick<CustomerProposal, "id" | "tier" | "lines">[];
}) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const answer = actionData && "target" in actionData && actionData.target.intent === "reply" ? actionData : null;
  const error = answer?.errors.find((e) => e.path === "body")?.message;

  // "Your question about “Balanced: Server X”": the line as this page names it, else as it was named when asked.
  const lineName = (m: Message) => {
    const ref = m.lineRef;
    if (!ref) return null;
    const proposal = proposals.find((p) => p.id === ref.proposalId);
    const line = proposal?.lines[ref.position];
    if (proposal && line)
      return `${t(`quote.tiers.${proposal.tier}`)}: ${t(`quote.lineKinds.${line.kind}`, { name: line.name })}`;
    const [tier, ...rest] = ref.label.split(": ");
    return rest.length && ["lean", "balanced", "resilient"].includes(tier!)
      ? `${t(`quote.tiers.${tier}`)}: ${rest.join(": ")}`
      : ref.label;
  };
  const eventText = (m: Message) => {
    if (!m.event) return "";
    const line = m.event === "line_question" ? lineName(m) : null;
    return line
      ? t("quote.timeline.line_question_named", { line })
      : t(`quote.timeline.${m.event}`, { defaultValue: "" });
  };

  return (
    <section className="timeline-section no-print" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("quote.timeline.title")}</h2>
      <ol className="timeline">
        {timeline.map((m) => (
          <li key={m.id} className={`timeline-${m.authorType}`}>
            <span className="muted">{formatDate(m.createdAt, locale, "medium", true, timeZone)}</span>{" "}
            <strong>{eventText(m)}</strong>
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
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "reply-error" : undefined}
        />
        {error ? (
          <p id="reply-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        {answer?.sent ? <p role="status">{t("quote.timeline.replySent")}</p> : null}
        <button type="submit" disabled={navigation.state !== "idle"}>
          {t("quote.timeline.replySend")}
        </button>
      </Form>
    </section>
  );
}
