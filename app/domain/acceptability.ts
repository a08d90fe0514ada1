/**
 * Whether the customer may accept one proposal directly (accept and pay at once), and why not.
 * Pure: no I/O. Used by acceptance (the refusal), the customer's pages (the "needs a technician"
 * state) and the estimates API (`proposals[].acceptable`).
 *
 * The rule: 99.99 % (`critical`) is a design a technician confirms. A customer who asks for it goes
 * to review as a whole (the engine's `critical_availability` reason); a tier the engine proposes
 * above the request (Resilient for a "high" request) is `critical` too, and is not directly
 * acceptable either until a technician has published a version of the quote after reviewing it
 * (the quote's status is then "published": only a technician's publish sets it, and refreshes or
 * sales discounts of that version keep it, since they change prices, not the design).
 */

/** Codes of the reasons a proposal is not directly acceptable (their texts: `needsTechnician.*` in app/locales). */
export const NOT_ACCEPTABLE_CODES = ["needs_technician", "review_required"] as const;
export type NotAcceptableCode = (typeof NOT_ACCEPTABLE_CODES)[number];

export type Acceptability = { acceptable: true } | { acceptable: false; reasonCode: NotAcceptableCode };

export interface AcceptabilityContext {
  /** A technician has published a version of this quote after reviewing it (see technicianPublished). */
  technicianPublished: boolean;
  /**
   * The whole request waits for a technician before anything can be accepted (an estimate whose
   * review is required). Stored quotes say this with their status instead (acceptBlockedReason).
   */
  reviewRequired?: boolean;
}

/** The availability that only a technician's design makes acceptable. */
export const TECHNICIAN_AVAILABILITY = "critical";

/** Whether `proposal` can be accepted directly, and the reason code when it cannot. */
export function acceptabilityOf(proposal: { availability: string }, context: AcceptabilityContext): Acceptability {
  if (context.technicianPublished) return { acceptable: true };
  if (context.reviewRequired) return { acceptable: false, reasonCode: "review_required" };
  if (proposal.availability === TECHNICIAN_AVAILABILITY) return { acceptable: false, reasonCode: "needs_technician" };
  return { acceptable: true };
}

/** A stored quote's status says whether a technician published it: only publishing a reviewed version sets "published". */
export function technicianPublished(status: string): boolean {
  return status === "published";
}

/** Quote-message events that start or end a customer's request for a technician, in the order written. */
export const TECHNICIAN_REQUESTED_EVENT = "technician_requested";
const ENDS_REQUEST = new Set(["published", "declined"]);

/**
 * Whether the customer has asked a technician for a design and no technician has answered it by
 * publishing (or declining) since: the latest of those events on the quote's timeline, oldest first.
 */
export function technicianRequested(timeline: readonly { event: string | null }[]): boolean {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const event = timeline[i]!.event;
    if (event === TECHNICIAN_REQUESTED_EVENT) return true;
    if (event && ENDS_REQUEST.has(event)) return false;
  }
  return false;
}
