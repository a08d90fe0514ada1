import { Form, Link, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTimeZone } from "~/components/time-zone";
import { prorate } from "~/domain/proration";
import type { UpgradeView } from "~/models/billing-change.server";
import type { AcceptValues, CustomerCommerce, CustomerReason } from "~/services/commerce.server";
import type { FieldError } from "~/utils/validation";
import { formatDate, formatMoney } from "~/utils/format";

type Commerce = CustomerCommerce;
interface TierPrice {
  tier: "lean" | "balanced" | "resilient";
  setupMinor: number;
  monthlyMinor: number;
}

/** Valid-until, expiry with "show current prices", and what changed when prices were refreshed. */
export function OfferStatus({
  commerce,
  locale,
  reason,
  hideValidUntil = false,
}: {
  commerce: Commerce;
  locale: string;
  reason: CustomerReason | null;
  /** The page already says until when the prices hold (the share page, with its link's end). */
  hideValidUntil?: boolean;
}) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const dateOf = (iso: string, locale: string) => formatDate(iso, locale, "long", false, timeZone);
  const money = (minor: number) => formatMoney(minor, commerce.currency, locale);
  return (
    <section className="offer-status" aria-label={t("offer.validUntil", { date: "" })}>
      {commerce.validUntil && !hideValidUntil && commerce.blocked !== "expired" && !commerce.acceptance ? (
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

/** The fields of the acceptance form, in page order (the error summary lists them so). */
const FIELD_ORDER = ["tier", "renewal", "name", "company", "email", "poNumber", "terms"] as const;

/** Acceptance: tier, terms first, who accepts; then payment and its state. */
export function AcceptPanel({
  commerce,
  proposals,
  locale,
  checkout,
  errors,
  reason,
  chosenTier = null,
  receiptHref = null,
  values = {},
  terms,
  upgrade: upgradeProp = null,
}: {
  commerce: Commerce;
  proposals: TierPrice[];
  locale: string;
  checkout: string | null;
  errors: FieldError[];
  reason: CustomerReason | null;
  /** The tier "Choose this" (tier-comparison.tsx) picked: preselected. */
  chosenTier?: string | null;
  /** Where the receipt of a paid acceptance is. */
  receiptHref?: string | null;
  /** What the customer typed, when the form comes back with errors. */
  values?: AcceptValues;
  /** The terms of service in force (company settings), in the reader's language. */
  terms: { version: string; paragraphs: string[] };
  /** This quote upgrades a running service: what changes in its billing (billing-change.server.ts). */
  upgrade?: UpgradeView | { mustSignIn: true } | null;
}) {
  const mustSignIn = Boolean(upgradeProp && "mustSignIn" in upgradeProp);
  const upgrade = upgradeProp && !("mustSignIn" in upgradeProp) ? upgradeProp : null;
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const dateOf = (iso: string) => formatDate(iso, locale, "long", false, timeZone);
  const money = (minor: number) => formatMoney(minor, commerce.currency, locale);
  const revalidator = useRevalidator();
  const revalidatorRef = useRef(revalidator);
  revalidatorRef.current = revalidator;
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
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

  // A refused form: the summary of what to correct takes the focus (each error is also next to its field).
  const errorCount = errors.length;
  useEffect(() => {
    if (errorCount > 0) summaryRef.current?.focus();
  }, [errorCount]);

  // An upgrade's billing is the running service's owner's to see and order, signed in.
  if (mustSignIn) {
    return (
      <section className="accept no-print" aria-labelledby="accept-title" id="accept">
        <h2 id="accept-title">{t("accept.upgrade.title")}</h2>
        <p>{t("accept.blocked.upgrade_sign_in")}</p>
        <p>
          <Link to="/account/sign-in">{t("accept.upgrade.signIn")}</Link>
        </p>
      </section>
    );
  }

  if (acceptance && upgrade) {
    return (
      <section className="accept" aria-labelledby="accept-title">
        <h2 id="accept-title">{t("accept.upgrade.titleOrdered")}</h2>
        <p>
          {t("accept.accepted", {
            tier: t(`quote.tiers.${acceptance.tier}`),
            date: dateOf(acceptance.acceptedAt),
          })}
        </p>
        <ul className="payment-plan">
          <li>{t("accept.upgrade.nothingDue")}</li>
          <li>
            {t("accept.upgrade.from", {
              monthly: money(acceptance.monthlyMinor),
              current: money(upgrade.fromMonthlyMinor),
            })}
          </li>
          <li>
            {upgrade.applied
              ? t(upgrade.applied.setupMinor > 0 ? "accept.upgrade.applied" : "accept.upgrade.appliedNoSetup", {
                  date: dateOf(upgrade.applied.at),
                  prorated: money(upgrade.applied.proratedMinor),
                  setup: money(upgrade.applied.setupMinor),
                })
              : t(acceptance.setupMinor > 0 ? "accept.upgrade.pending" : "accept.upgrade.pendingNoSetup", {
                  setup: money(acceptance.setupMinor),
                })}
          </li>
          {upgrade.termEndsAt ? <li>{t("accept.upgrade.termEnd", { date: dateOf(upgrade.termEndsAt) })}</li> : null}
        </ul>
        {acceptance.poNumber ? <p>{t("accept.poLine", { po: acceptance.poNumber })}</p> : null}
      </section>
    );
  }

  if (acceptance) {
    const status = acceptance.paymentStatus;
    const paid = status === "paid";
    return (
      <section className="accept" aria-labelledby="accept-title">
        <h2 id="accept-title">{paid ? t("accept.titlePaid") : t("accept.titleAccepted")}</h2>
        <p>
          {t("accept.accepted", {
            tier: t(`quote.tiers.${acceptance.tier}`),
            date: dateOf(acceptance.acceptedAt),
          })}
        </p>
        <ul className="payment-plan">
          <li>
            {paid
              ? t("accept.paidNow", { amount: money(acceptance.dueNowMinor) })
              : t("accept.dueNow", { amount: money(acceptance.dueNowMinor) })}
          </li>
          <li>{t("accept.months", { count: acceptance.termMonths, amount: money(acceptance.monthlyMinor) })}</li>
          <li>{t("accept.termTotal", { count: acceptance.termMonths, total: money(acceptance.termTotalMinor) })}</li>
          <li>{t(`accept.renewal.${acceptance.renewal}Chosen`)}</li>
        </ul>
        {acceptance.poNumber ? <p>{t("accept.poLine", { po: acceptance.poNumber })}</p> : null}
        <div role="status" aria-live="polite" className={`payment payment-${status}`}>
          {paid && acceptance.paidAt ? <p>{t("accept.paid", { date: dateOf(acceptance.paidAt) })}</p> : null}
          {status === "processing" ? <p>{t("accept.processing")}</p> : null}
          {!paid && status !== "processing" && checkout === "success" ? <p>{t("accept.confirming")}</p> : null}
          {status === "failed" ? <p>{t("accept.failed")}</p> : null}
          {checkout === "cancelled" && !paid ? <p>{t("accept.cancelled")}</p> : null}
          {checkout === "unavailable" || reason === "unavailable" ? <p>{t("accept.unavailable")}</p> : null}
        </div>
        {/* The receipt (built by the receipt feature, /q|s/<token>/receipt). */}
        {paid && receiptHref ? (
          <p className="no-print">
            <Link to={receiptHref} reloadDocument>
              {t("accept.receipt")}
            </Link>
          </p>
        ) : null}
        {!paid && status !== "processing" && checkout !== "success" ? (
          <PayButton
            label={
              status === "failed"
                ? t("accept.payAgain")
                : acceptance.dueNowMinor > 0
                  ? t("accept.pay", { amount: money(acceptance.dueNowMinor) })
                  : t("accept.addCard")
            }
          />
        ) : null}
      </section>
    );
  }

  if (upgrade?.unavailable && commerce.acceptable) {
    return <p className="review-notice">{t("accept.blocked.upgrade_unavailable")}</p>;
  }

  if (!commerce.acceptable) {
    return commerce.blocked && !["review", "declined", "expired", "superseded"].includes(commerce.blocked) ? (
      <p className="review-notice">{t(`accept.blocked.${commerce.blocked}`)}</p>
    ) : null;
  }

  // A tier a technician must design first is asked for on its card (needs-technician.tsx), never offered here.
  const askFirst = proposals.filter((p) => commerce.needsTechnician.some((n) => n.tier === p.tier));
  // An upgrade offers only tiers that cost at least what the running service does (a cheaper one is a downgrade).
  const cheaper = upgrade ? proposals.filter((p) => p.monthlyMinor < upgrade.fromMonthlyMinor) : [];
  const choices = proposals.filter((p) => !askFirst.includes(p) && !cheaper.includes(p));
  const askFirstNotes = [
    ...askFirst.map((p) => (
      <p key={p.tier} className="muted">
        {t("needsTechnician.notInChoice", { tier: t(`quote.tiers.${p.tier}`) })}
      </p>
    )),
    ...cheaper.map((p) => (
      <p key={`cheaper-${p.tier}`} className="muted">
        {t("accept.upgrade.notCheaper", { tier: t(`quote.tiers.${p.tier}`) })}
      </p>
    )),
  ];
  if (choices.length === 0) return <section className="accept no-print">{askFirstNotes}</section>;

  const error = (path: string) => errors.find((e) => e.path === path)?.message;
  const labels: Record<(typeof FIELD_ORDER)[number], string> = {
    tier: t("accept.tier"),
    renewal: t("accept.renewal.legend"),
    name: t("accept.name"),
    company: t("accept.company"),
    email: t("accept.email"),
    poNumber: t("accept.poNumber"),
    terms: t("accept.termsAgree", { version: terms.version }),
  };
  const anchors: Record<(typeof FIELD_ORDER)[number], string> = {
    tier: `accept-tier-${choices[0]!.tier}`,
    renewal: "accept-renewal-end",
    name: "accept-name",
    company: "accept-company",
    email: "accept-email",
    poNumber: "accept-poNumber",
    terms: "accept-terms",
  };
  const flagged = FIELD_ORDER.filter((f) => error(f));
  const field = (name: string, label: string, type = "text", required = true, autoComplete?: string) => {
    const message = error(name);
    return (
      <div className={message ? "field field-invalid" : "field"}>
        <label htmlFor={`accept-${name}`}>{label}</label>
        <input
          id={`accept-${name}`}
          name={name}
          type={type}
          required={required}
          autoComplete={autoComplete}
          maxLength={name === "poNumber" ? 64 : 200}
          defaultValue={values[name as keyof AcceptValues]}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `accept-${name}-error` : undefined}
        />
        {message ? (
          <p id={`accept-${name}-error`} className="field-error">
            {message}
          </p>
        ) : null}
      </div>
    );
  };
  const chosen =
    choices.find((p) => p.tier === (values.tier ?? chosenTier)) ?? choices[Math.min(1, choices.length - 1)];
  const termsError = error("terms");
  const tierError = error("tier");
  return (
    <section className="accept no-print" aria-labelledby="accept-title" id="accept">
      <h2 id="accept-title">{upgrade ? t("accept.upgrade.title") : t("accept.title")}</h2>
      {upgrade ? (
        <p>
          {upgrade.termEndsAt
            ? t("accept.upgrade.lead", { reference: upgrade.reference, date: dateOf(upgrade.termEndsAt) })
            : t("accept.upgrade.leadNoEnd", { reference: upgrade.reference })}
        </p>
      ) : (
        <p className="muted">{t("accept.lead")}</p>
      )}
      {reason ? (
        <p role="alert" className="field-error">
          {t(`accept.blocked.${reason}`, { defaultValue: t("accept.blocked.superseded") })}
        </p>
      ) : null}
      {/* noValidate: the server checks every field and the page says what is wrong next to it (not the browser's pop-ups). */}
      <Form method="post" reloadDocument noValidate onSubmit={() => setBusy(true)}>
        {flagged.length > 0 ? (
          <div
            className="error-summary"
            role="alert"
            aria-labelledby="accept-errors-title"
            tabIndex={-1}
            ref={summaryRef}
          >
            <h3 id="accept-errors-title">{t("accept.errorSummary", { count: flagged.length })}</h3>
            <ul>
              {flagged.map((f) => (
                <li key={f}>
                  <a href={`#${anchors[f]}`}>
                    {labels[f]}: {error(f)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <input type="hidden" name="intent" value="accept" />
        <input type="hidden" name="version" value={commerce.version} />
        <input type="hidden" name="termsVersion" value={terms.version} />
        <input type="hidden" name="upgrade" value={upgrade?.targetId ?? "none"} />
        <fieldset
          key={chosen?.tier}
          className={tierError ? "field-invalid" : undefined}
          aria-describedby={tierError ? "accept-tier-error" : undefined}
        >
          <legend>{t("accept.tier")}</legend>
          {choices.map((p) => (
            <label key={p.tier} className="choice">
              <input
                id={`accept-tier-${p.tier}`}
                type="radio"
                name="tier"
                value={p.tier}
                defaultChecked={p === chosen}
                required
              />
              <span>
                {t(upgrade ? "accept.upgrade.option" : "accept.tierOption", {
                  tier: t(`quote.tiers.${p.tier}`),
                  monthly: money(p.monthlyMinor),
                  setup: money(p.setupMinor),
                  current: upgrade ? money(upgrade.fromMonthlyMinor) : "",
                })}
              </span>
            </label>
          ))}
          {tierError ? (
            <p id="accept-tier-error" className="field-error">
              {tierError}
            </p>
          ) : null}
          {askFirstNotes}
        </fieldset>
        {upgrade ? (
          <UpgradeBilling upgrade={upgrade} choices={choices} money={money} dateOf={dateOf} />
        ) : (
          <>
            <fieldset
              className={error("renewal") ? "renewal field-invalid" : "renewal"}
              aria-describedby={error("renewal") ? "accept-renewal-error" : undefined}
            >
              <legend>{t("accept.renewal.legend")}</legend>
              {(["end", "renew"] as const).map((choice) => (
                <label key={choice} className="choice">
                  <input
                    id={`accept-renewal-${choice}`}
                    type="radio"
                    name="renewal"
                    value={choice}
                    defaultChecked={(values.renewal ?? "end") === choice}
                  />
                  <span>{t(`accept.renewal.${choice}`)}</span>
                </label>
              ))}
              {error("renewal") ? (
                <p id="accept-renewal-error" className="field-error">
                  {error("renewal")}
                </p>
              ) : null}
            </fieldset>
            <p className="billing-start">{t("accept.billingStart")}</p>
          </>
        )}
        <div className="terms" role="region" aria-labelledby="terms-title" tabIndex={0}>
          <h3 id="terms-title">{t("accept.termsTitle", { version: terms.version })}</h3>
          <ol>
            {terms.paragraphs.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ol>
        </div>
        {field("name", t("accept.name"), "text", true, "name")}
        {field("company", t("accept.company"), "text", false, "organization")}
        {field("email", t("accept.email"), "email", true, "email")}
        {field("poNumber", t("accept.poNumber"), "text", false)}
        <div className={termsError ? "field field-invalid" : "field"}>
          <label className="choice">
            <input
              id="accept-terms"
              type="checkbox"
              name="terms"
              value="yes"
              required
              aria-invalid={termsError ? true : undefined}
              aria-describedby={termsError ? "accept-terms-error" : undefined}
            />
            <span>{t("accept.termsAgree", { version: terms.version })}</span>
          </label>
          {termsError ? (
            <p id="accept-terms-error" className="field-error">
              {termsError}
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {upgrade ? t("accept.upgrade.submit") : t("accept.submit")}
        </button>
      </Form>
    </section>
  );
}

/**
 * What accepting an upgrade bills (stated before the customer accepts): nothing now; at hand-over
 * the setup fee and the prorated difference (app/domain/proration.ts), with today's figures for each tier.
 */
function UpgradeBilling({
  upgrade,
  choices,
  money,
  dateOf,
}: {
  upgrade: UpgradeView;
  choices: TierPrice[];
  money: (minor: number) => string;
  dateOf: (iso: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <div className="billing-start upgrade-billing">
      <p>{t("accept.upgrade.billing", { current: money(upgrade.fromMonthlyMinor) })}</p>
      <h3>{t("accept.upgrade.exampleTitle", { date: dateOf(new Date(upgrade.asOf * 1000).toISOString()) })}</h3>
      <ul>
        {choices.map((p) => {
          const share = prorate({
            fromMinor: upgrade.fromMonthlyMinor,
            toMinor: p.monthlyMinor,
            periodStart: upgrade.periodStart,
            periodEnd: upgrade.periodEnd,
            at: upgrade.asOf,
          });
          return (
            <li key={p.tier}>
              {t(p.setupMinor > 0 ? "accept.upgrade.example" : "accept.upgrade.exampleNoSetup", {
                tier: t(`quote.tiers.${p.tier}`),
                count: share.daysLeft,
                total: money(share.netMinor + p.setupMinor),
                charge: money(share.chargeMinor),
                credit: money(share.creditMinor),
                setup: money(p.setupMinor),
              })}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
