/**
 * A discount percentage exactly as a person types it ("5", "7.5", "12.25"): the discount form's
 * `pattern` and the server's schema (action.server.ts) both use it.
 */
export const PERCENT_PATTERN = /^\d{1,2}(\.\d{1,2})?$/;
