import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** A tier the customer's page shows instead of offering it for acceptance (domain/acceptability.ts). */
export interface NeedsTechnicianState {
  /** The version shown: the ask is about this version's tier. */
  version: number;
  /** The customer has asked and no technician has published or declined since. */
  requested: boolean;
}

/**
 * On a proposal's card: "Needs a technician", why, and the button that asks a technician for the
 * design (it opens or reopens the quote's review item); once asked, the confirmation instead.
 */
export function NeedsTechnician({
  tier,
  state,
}: {
  tier: "lean" | "balanced" | "resilient";
  state: NeedsTechnicianState;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "ask_technician";
  const titleId = `needs-technician-${tier}`;
  return (
    <section className="needs-technician review-notice" aria-labelledby={titleId}>
      <p id={titleId}>
        <strong>{t("needsTechnician.badge")}</strong>
      </p>
      {state.requested ? (
        // Once asked, the reason's "ask for it" would read as a second request: the confirmation alone.
        <p role="status">{t("needsTechnician.requested")}</p>
      ) : (
        <>
          <p>{t("needsTechnician.reason")}</p>
          <Form method="post" className="no-print">
            <input type="hidden" name="intent" value="ask_technician" />
            <input type="hidden" name="version" value={state.version} />
            <input type="hidden" name="tier" value={tier} />
            <button type="submit" className="secondary" disabled={busy} aria-busy={busy}>
              {t("needsTechnician.ask")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

/** The card's state for `tier` from the page's commerce state (null: the tier is accepted as usual). */
export function needsTechnicianState(
  commerce: { version: number; needsTechnician: readonly { tier: string; requested: boolean }[] },
  tier: string,
): NeedsTechnicianState | null {
  const entry = commerce.needsTechnician.find((n) => n.tier === tier);
  return entry ? { version: commerce.version, requested: entry.requested } : null;
}
