/** Browser-side keys for the wizard's draft (localStorage) and its "just submitted" flag. */
export const DRAFT_KEY = "specdesk:quote-draft:v1";
export const SUBMITTED_KEY = "specdesk:quote-draft-submitted";
