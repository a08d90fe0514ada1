import { Form, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CustomerCommerce, CustomerReason } from "~/services/commerce.server";
import type { FieldError } from "~/utils/validation";
import { formatDate, formatMoney } from "~/utils/format";
import { TERMS_VERSION } from "~/utils/terms";

type Commerce = CustomerCommerce;
interface TierPrice {
  tier: "lean" | "balanced" | "resilient";
  setupMinor: number;
  monthlyMinor: number;
}

const dateOf = (iso: string, locale: string) => formatDate(iso, locale);

/** Valid-until, expiry with "show current prices", and what changed when prices were refreshed. */
export function OfferStatus({
  commerce,
  locale,
  reason,
}: {
  commerce: Commerce;
  locale: string;
  reason: CustomerReason | null;
}) {
  const { t } = useTranslation();
  const money = (minor: number) => formatMoney(minor, commerce.currency, locale);
  return (
    <section className="offer-status" aria-label={t("offer.validUntil", { date: "" })}>
      {commerce.validUntil && commerce.blocked !== "expired" && !commerce.acceptance ? (
        <p>{t("offer.validUntil", { date: dateOf(commerce.validUntil, locale) })}</p>
      ) : null}
      {commerce.salesDiscountBps > 0 ? (
        <p>{t("offer.discount", { percent: commerce.salesDiscountBps / 100 })}</p>
      ) : null}
      {commerce.changes && commerce.publishedAt ? (
        <div className="changes" role="note">
          <p>{t("offer.refreshed", { date: dateOf(commerce.publishedAt, locale) })}</p>
          <ul>
            {commerce.changes.map((c) => (
              <li key={c.tier}>
                {t("offer.changeTier", {
                  tier: t(`quote.tiers.${c.tier}`),
                  oldSetup: money(c.oldSetupMinor),
                  newSetup: money(c.newSetupMinor),
                  oldMonthly: money(c.oldMonthlyMinor),
                  newMonthly: money(c.newMonthlyMinor),
                })}
                {c.lines.length ? (
                  <ul>
                    {c.lines.map((l, i) => (
                      <li key={i}>
                        {t("offer.changeLine", {
                          name: l.name,
                          old: money(l.oldUnitMonthlyMinor),
                          new: money(l.newUnitMonthlyMinor),
                        })}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {commerce.blocked === "expired" && commerce.validUntil ? (
        <div className="review-notice">
          <p>{t("offer.expiredOn", { date: dateOf(commerce.validUntil, locale) })}</p>
          {reason === "refresh_unavailable" ? (
            <p role="alert">{t("offer.refreshFailed")}</p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="refresh" />
              <button type="submit">{t("offer.refresh")}</button>
            </Form>
          )}
        </div>
      ) : null}
    </section>
  );
}

function PayButton({ label }: { label: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <Form method="post" reloadDocument onSubmit={() => setBusy(true)}>
      <input type="hidden" name="intent" value="pay" />
      <button type="submit" disabled={busy} aria-busy={busy}>
        {label}
      </button>
    </Form>
  );
}

/** Acceptance: tier, terms first, who accepts; then payment and its state. */
export function AcceptPanel({
  commerce,
  proposals,
  locale,
  checkout,
  errors,
  reason,
}: {
  commerce: Commerce;
  proposals: TierPrice[];
  locale: string;
  checkout: string | null;
  errors: FieldError[];
  reason: CustomerReason | null;
}) {
  const { t } = useTranslation();
  const money = (minor: number) => formatMoney(minor, commerce.currency, locale);
  const revalidator = useRevalidator();
  const revalidatorRef = useRef(revalidator);
  revalidatorRef.current = revalidator;
  const [busy, setBusy] = useState(false);
  const acceptance = commerce.acceptance;
  const waiting = Boolean(
    acceptance &&
    acceptance.paymentStatus !== "paid" &&
    (checkout === "success" || acceptance.paymentStatus === "processing"),
  );

  // After Stripe sends the customer back, the webhook (not this page) marks the payment; poll until it has.
  useEffect(() => {
    if (!waiting) return;
    let polls = 0;
    const timer = window.setInterval(() => {
      if (++polls > 90) window.clearInterval(timer);
      else if (revalidatorRef.current.state === "idle") revalidatorRef.current.revalidate();
    }, 2_000);
    return () => window.clearInterval(timer);
  }, [waiting]);

  if (acceptance) {
    const status = acceptance.paymentStatus;
    return (
      <section className="accept" aria-labelledby="accept-title">
        <h2 id="accept-title">{t("accept.title")}</h2>
        <p>
          {t("accept.accepted", {
            tier: t(`quote.tiers.${acceptance.tier}`),
            date: dateOf(acceptance.acceptedAt, locale),
          })}
        </p>
        <p>{t("accept.dueNow", { amount: money(acceptance.dueNowMinor) })}</p>
        <p>
          {t("accept.monthly", {
            amount: money(acceptance.monthlyMinor),
            months: acceptance.termMonths,
            total: money(acceptance.termTotalMinor),
          })}
        </p>
        {acceptance.poNumber ? <p>{t("accept.poLine", { po: acceptance.poNumber })}</p> : null}
        <div role="status" aria-live="polite" className={`payment payment-${status}`}>
          {status === "paid" && acceptance.paidAt ? (
            <p>{t("accept.paid", { date: dateOf(acceptance.paidAt, locale) })}</p>
          ) : null}
          {status === "processing" ? <p>{t("accept.processing")}</p> : null}
          {status !== "paid" && status !== "processing" && checkout === "success" ? (
            <p>{t("accept.confirming")}</p>
          ) : null}
          {status === "failed" ? <p>{t("accept.failed")}</p> : null}
          {checkout === "cancelled" && status !== "paid" ? <p>{t("accept.cancelled")}</p> : null}
          {checkout === "unavailable" || reason === "unavailable" ? <p>{t("accept.unavailable")}</p> : null}
        </div>
        {status !== "paid" && status !== "processing" && checkout !== "success" ? (
          <PayButton
            label={
              status === "failed" ? t("accept.payAgain") : t("accept.pay", { amount: money(acceptance.dueNowMinor) })
            }
          />
        ) : null}
      </section>
    );
  }

  if (!commerce.acceptable) {
    return commerce.blocked && !["review", "declined", "expired", "superseded"].includes(commerce.blocked) ? (
      <p className="review-notice">{t(`accept.blocked.${commerce.blocked}`)}</p>
    ) : null;
  }

  // A tier a technician must design first is asked for on its card (needs-technician.tsx), never offered here.
  const askFirst = proposals.filter((p) => commerce.needsTechnician.some((n) => n.tier === p.tier));
  const choices = proposals.filter((p) => !askFirst.includes(p));
  const askFirstNotes = askFirst.map((p) => (
    <p key={p.tier} className="muted">
      {t("needsTechnician.notInChoice", { tier: t(`quote.tiers.${p.tier}`) })}
    </p>
  ));
  if (choices.length === 0) return <section className="accept no-print">{askFirstNotes}</section>;

  const error = (path: string) => errors.find((e) => e.path === path)?.message;
  const field = (name: string, label: string, type = "text", required = true, autoComplete?: string) => {
    const message = error(name);
    return (
      <div className="field">
        <label htmlFor={`accept-${name}`}>{label}</label>
        <input
          id={`accept-${name}`}
          name={name}
          type={type}
          required={required}
          autoComplete={autoComplete}
          maxLength={name === "poNumber" ? 64 : 200}
          aria-invalid={Boolean(message)}
          aria-describedby={message ? `accept-${name}-error` : undefined}
        />
        {message ? (
          <p id={`accept-${name}-error`} className="field-error" role="alert">
            {message}
          </p>
        ) : null}
      </div>
    );
  };
  const terms = t("terms.items", { returnObjects: true }) as unknown as string[];
  return (
    <section className="accept no-print" aria-labelledby="accept-title">
      <h2 id="accept-title">{t("accept.title")}</h2>
      <p className="muted">{t("accept.lead")}</p>
      {reason ? (
        <p role="alert" className="field-error">
          {t(`accept.blocked.${reason}`, { defaultValue: t("accept.blocked.superseded") })}
        </p>
      ) : null}
      <Form method="post" reloadDocument onSubmit={() => setBusy(true)}>
        <input type="hidden" name="intent" value="accept" />
        <input type="hidden" name="version" value={commerce.version} />
        <input type="hidden" name="termsVersion" value={TERMS_VERSION} />
        <fieldset>
          <legend>{t("accept.tier")}</legend>
          {choices.map((p, i) => (
            <label key={p.tier} className="choice">
              <input
                type="radio"
                name="tier"
                value={p.tier}
                defaultChecked={i === Math.min(1, choices.length - 1)}
                required
              />{" "}
              {t("accept.tierOption", {
                tier: t(`quote.tiers.${p.tier}`),
                monthly: money(p.monthlyMinor),
                setup: money(p.setupMinor),
              })}
            </label>
          ))}
          {error("tier") ? <p className="field-error">{error("tier")}</p> : null}
          {askFirstNotes}
        </fieldset>
        <div className="terms" role="region" aria-labelledby="terms-title" tabIndex={0}>
          <h3 id="terms-title">{t("accept.termsTitle", { version: TERMS_VERSION })}</h3>
          <ol>
            {terms.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ol>
        </div>
        {field("name", t("accept.name"), "text", true, "name")}
        {field("company", t("accept.company"), "text", false, "organization")}
        {field("email", t("accept.email"), "email", true, "email")}
        {field("poNumber", t("accept.poNumber"), "text", false)}
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              name="terms"
              value="yes"
              required
              aria-invalid={Boolean(error("terms"))}
              aria-describedby={error("terms") ? "accept-terms-error" : undefined}
            />{" "}
            {t("accept.termsAgree", { version: TERMS_VERSION })}
          </label>
          {error("terms") ? (
            <p id="accept-terms-error" className="field-error" role="alert">
              {error("terms")}
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t("accept.submit")}
        </button>
      </Form>
    </section>
  );
}
