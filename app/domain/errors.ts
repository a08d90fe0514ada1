/**
 * The one way a domain rule or a model refuses something: a code (the i18n key under `errors.` in
 * app/locales), the params its message needs, and the HTTP status it maps to. Thrown by the domain,
 * models and services; turned into an answer once, by `domainErrorData` (app/utils/domain-error.server.ts).
 * Pure: no I/O, no i18n here.
 */
export const DOMAIN_ERROR_STATUS = {
  // Something named in the request does not exist (or the actor may not see it).
  not_found: 404,
  link_not_live: 404,
  unknown_product: 400,
  unknown_sku: 400,
  sku_not_in_region: 422,
  amount_too_large: 422,
  no_such_line: 400,
  no_such_tier: 400,
  // The actor may not change this thing.
  not_owner: 403,
  not_assignee: 403,
  // Bad values that passed the schema but break a rule.
  swap_not_server: 400,
  empty_configuration: 400,
  discount_too_large: 400,
  cannot_review: 400,
  not_published: 400,
  not_latest_version: 400,
  no_migration_plan: 400,
  // The thing's state changed or forbids it now (reload and retry, or do something else first).
  quote_accepted: 409,
  other_choice: 409,
  superseded: 409,
  in_review: 409,
  needs_technician: 409,
  declined: 409,
  expired: 409,
  not_expired: 409,
  draft_pending: 409,
  discount_pending: 409,
  discount_stale: 409,
  discount_decided: 409,
  already_owned: 409,
  unchanged: 409,
  too_many_versions: 409,
  no_longer_sold: 409,
  item_closed: 409,
  nothing_to_publish: 409,
  empty_version: 409,
  empty_tier: 409,
  not_accepted: 409,
  already_paid: 409,
  payment_processing: 409,
  nothing_due: 409,
  // The running service an upgrade quote changes has ended, or is not billed yet.
  upgrade_unavailable: 409,
  // An upgrade charges a running service's card: only its owner, signed in, may order it.
  upgrade_sign_in: 403,
  // An "upgrade" to a tier that costs less than the running service: that is a downgrade, agreed with us.
  upgrade_cheaper: 409,
  // Incidents (issue 19).
  incident_resolved: 409,
  summary_required: 400,
  promise_in_the_past: 400,
  promise_later_than_cadence: 400,
  account_exists: 409,
  book_not_draft: 409,
  book_empty: 409,
  sku_taken: 409,
  status_change_refused: 409,
  effective_in_past: 422,
  effective_taken: 409,
  // Something outside us is not available now.
  payments_unavailable: 503,
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_STATUS;
export type DomainErrorParams = Record<string, string | number>;

export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: DomainErrorCode,
    readonly params: DomainErrorParams = {},
    /** The form field the refusal is about, when there is one ("" = the whole form). */
    readonly field = "",
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ""}`);
    this.name = "DomainError";
    this.status = DOMAIN_ERROR_STATUS[code];
  }
}

export function isDomainError(error: unknown, ...codes: DomainErrorCode[]): error is DomainError {
  return error instanceof DomainError && (codes.length === 0 || codes.includes(error.code));
}
