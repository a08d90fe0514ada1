import { Form, useActionData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { CustomerProposal, CustomerReason } from "~/presenters/customer-quote";
import { describeRunsOutFirst, explain, formatFigure, roleName } from "~/utils/explain";
import { formatMoney, formatNumber } from "~/utils/format";
import { InclusionList } from "./inclusions";
import { NeedsTechnician, type NeedsTechnicianState } from "./needs-technician";

export function CapacityBars({ proposal, locale }: { proposal: CustomerProposal; locale: string }) {
  const { t } = useTranslation();
  return (
    <div className="capacity">
      <h4>{t("quote.capacity")}</h4>
      <p className="muted capacity-basis">
        {t(`quote.capacityBasis.${proposal.tier}`, { availability: t(`quote.availability.${proposal.availability}`) })}
      </p>
      {proposal.capacity.map((bar) => {
        const used = bar.capacity > 0 ? Math.min(1, bar.demand / bar.capacity) : 0;
        const label = t(`quote.demand.${bar.resource}`);
        return (
          <div className="bar" key={bar.resource}>
            <div className="bar-label">
              <span>
                {t("quote.capacityBar", {
                  resource: label,
                  demand: formatFigure(bar.demand, bar.resource, t, locale),
                  capacity: formatFigure(bar.capacity, bar.resource, t, locale),
                })}
              </span>
              <span className="muted">
                {t("quote.headroom", { percent: formatNumber(Math.max(0, (1 - used) * 100), locale, 0) })}
              </span>
            </div>
            <meter min={0} max={1} low={0.7} high={0.9} optimum={0.5} value={used} aria-label={label}>
              {Math.round(used * 100)} %
            </meter>
          </div>
        );
      })}
    </div>
  );
}

/** One proposal: servers, capacity, price lines with their reasons, totals and notes. */
export function ProposalCard({
  proposal,
  locale,
  allowQuestions = true,
  needsTechnician = null,
  chosen = false,
}: {
  proposal: CustomerProposal;
  locale: string;
  allowQuestions?: boolean;
  /** The tier the customer accepted: highlighted. */
  chosen?: boolean;
  /** Set when this tier cannot be accepted directly: the card asks for a technician instead (accept area). */
  needsTechnician?: NeedsTechnicianState | null;
}) {
  const { t } = useTranslation();
  const money = (minor: number) => formatMoney(minor, proposal.currency, locale);
  return (
    <article
      className={`proposal proposal-${proposal.tier}${chosen ? " proposal-chosen" : ""}`}
      aria-labelledby={`tier-${proposal.tier}`}
      id={`proposal-${proposal.tier}`}
    >
      <header>
        {chosen ? <p className="chosen-badge">{t("quote.chosen")}</p> : null}
        <h3 id={`tier-${proposal.tier}`}>{t(`quote.tiers.${proposal.tier}`)}</h3>
        <p className="muted">{t(`quote.tierHelp.${proposal.tier}`)}</p>
        <p className="badge">{t(`quote.availability.${proposal.availability}`)}</p>
        <p className="price-headline">
          <strong>{money(proposal.monthlyMinor)}</strong> <span className="muted">{t("quote.perMonthSuffix")}</span>
        </p>
        <p className="server-count">
          {t("quote.serverCount", { count: proposal.servers.reduce((n, s) => n + s.quantity, 0) })}
        </p>
      </header>
      {needsTechnician ? <NeedsTechnician tier={proposal.tier} state={needsTechnician} /> : null}
      <h4>{t("quote.servers")}</h4>
      <ul className="servers">
        {proposal.servers.map((s) => (
          <li key={s.sku}>
            {t("quote.serverSpec", {
              quantity: s.quantity,
              name: s.name,
              vcpu: s.vcpu,
              ram: formatNumber(s.ramGb, locale),
              storage: formatNumber(s.storageGb, locale, 0),
            })}
            <br />
            <span className="muted">{t("quote.roles", { roles: s.roles.map((r) => roleName(r, t)).join(", ") })}</span>
          </li>
        ))}
      </ul>
      <CapacityBars proposal={proposal} locale={locale} />
      {proposal.runsOutFirst ? (
        <p className="runs-out">{describeRunsOutFirst(proposal.runsOutFirst, t, locale, proposal.currency)}</p>
      ) : null}
      {proposal.failure ? (
        <p className="failure">
          <strong>{t("quote.whenServerFails")}:</strong> {explain(proposal.failure, t, locale)}
        </p>
      ) : null}
      <h4>{t("quote.price")}</h4>
      <table className="lines">
        <thead>
          <tr>
            <th scope="col">{t("quote.line")}</th>
            <th scope="col" className="num">
              {t("quote.perMonth")}
            </th>
            <th scope="col" className="num">
              {t("quote.setupColumn")}
            </th>
          </tr>
        </thead>
        <tbody>
          {proposal.lines.map((line, i) => (
            <PriceLine
              key={i}
              line={line}
              position={i}
              proposalId={proposal.id}
              currency={proposal.currency}
              locale={locale}
              allowQuestions={allowQuestions}
            />
          ))}
        </tbody>
      </table>
      <dl className="totals">
        <div>
          <dt>{t("quote.setup")}</dt>
          <dd>{money(proposal.setupMinor)}</dd>
        </div>
        <div>
          <dt>{t("quote.monthly")}</dt>
          <dd>{money(proposal.monthlyMinor)}</dd>
        </div>
        <div>
          <dt>
            {proposal.termMonths === 1
              ? t("quote.termTotalOne")
              : t("quote.termTotal", { months: proposal.termMonths })}
          </dt>
          <dd>
            <strong>{money(proposal.termTotalMinor)}</strong>
          </dd>
        </div>
      </dl>
      <InclusionList inclusions={proposal.inclusions} currency={proposal.currency} locale={locale} />
      <details className="explanation">
        <summary>{t("quote.howWeSized")}</summary>
        <Reasons reasons={proposal.explanation} locale={locale} />
      </details>
    </article>
  );
}

/** What the page's action answered about a question on one line (reply.server.ts). */
interface AskAnswer {
  sent?: boolean;
  errors?: { path: string; message: string }[];
  target?: { intent: string; proposalId?: string; position?: number };
}

/**
 * Each price line and each list of reasons is a component of its own: the sentences are the most
 * expensive part of the page to render, and React can yield to the browser between components while
 * it hydrates, but not inside one.
 */
function PriceLine({
  line,
  position,
  proposalId,
  currency,
  locale,
  allowQuestions,
}: {
  line: CustomerProposal["lines"][number];
  position: number;
  proposalId: string;
  currency: CustomerProposal["currency"];
  locale: string;
  allowQuestions: boolean;
}) {
  const { t } = useTranslation();
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const name = t(`quote.lineKinds.${line.kind}`, { name: line.name });
  // The answer to a question about this very line is shown here, where the customer asked it.
  const answer = useActionData() as AskAnswer | undefined;
  const mine =
    answer?.target?.intent === "ask" && answer.target.proposalId === proposalId && answer.target.position === position;
  const sent = mine && answer?.sent === true;
  const error = mine ? answer?.errors?.[0]?.message : undefined;
  const confirmation = useRef<HTMLParagraphElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!sent) return;
    form.current?.reset();
    confirmation.current?.focus();
  }, [sent, answer]);
  const askId = `ask-${proposalId}-${position}`;
  // A one-time line (setup only: a technician's one-off item, the move) has no monthly price.
  const oneTime = line.monthlyMinor === 0 && line.unitMonthlyMinor === 0 && line.setupMinor > 0;
  const notBilled = line.kind === "migration" && line.setupMinor === 0;
  const unit = notBilled
    ? null
    : oneTime
      ? t("quote.unitOnce", {
          quantity: line.quantity,
          price: money(Math.round(line.setupMinor / Math.max(1, line.quantity))),
        })
      : t("quote.unitMonthly", { quantity: line.quantity, price: money(line.unitMonthlyMinor) });
  return (
    <tr>
      <td>
        {name}
        {unit ? (
          <>
            <br />
            <span className="muted unit-price">
              <span className="visually-hidden">{t("quote.unitPrice")}: </span>
              {unit}
            </span>
          </>
        ) : null}
        {line.why.length > 0 ? (
          <details className="why">
            <summary>{t("quote.why")}</summary>
            <Reasons reasons={line.why} locale={locale} />
            {allowQuestions ? (
              <Form method="post" className="ask no-print" ref={form} preventScrollReset>
                <input type="hidden" name="intent" value="ask" />
                <input type="hidden" name="proposalId" value={proposalId} />
                <input type="hidden" name="position" value={position} />
                <label htmlFor={askId}>{t("quote.askLabel", { line: name })}</label>
                <textarea
                  id={askId}
                  name="body"
                  rows={2}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${askId}-error` : undefined}
                />
                {error ? (
                  <p id={`${askId}-error`} className="field-error">
                    {error}
                  </p>
                ) : null}
                {sent ? (
                  <p role="status" className="ask-sent" tabIndex={-1} ref={confirmation}>
                    {t("quote.askSent")}
                  </p>
                ) : null}
                <button type="submit" className="secondary">
                  {t("quote.askSend")}
                </button>
              </Form>
            ) : null}
          </details>
        ) : null}
      </td>
      <td className="num">
        {notBilled ? (
          t("quote.notBilled")
        ) : oneTime ? (
          <>
            <span aria-hidden="true">—</span>
            <span className="visually-hidden">{t("quote.oneTime")}</span>
          </>
        ) : (
          money(line.monthlyMinor)
        )}
      </td>
      <td className="num">
        {line.setupMinor !== 0 ? (
          money(line.setupMinor)
        ) : (
          <>
            <span aria-hidden="true">—</span>
            <span className="visually-hidden">{t("quote.noSetup")}</span>
          </>
        )}
      </td>
    </tr>
  );
}

function Reasons({ reasons, locale }: { reasons: CustomerReason[]; locale: string }) {
  const { t } = useTranslation();
  return (
    <ul>
      {reasons.map((r, i) => (
        <li key={i}>{r.text ?? explain(r, t, locale)}</li>
      ))}
    </ul>
  );
}
