/**
 * English texts only the server needs (e-mails, refusal messages): kept out of the browser's locale
 * bundle, which every customer page downloads (scripts/js-budget.ts). Merged into the server's
 * resources in app/locales/index.ts.
 */
const enServer = {
  email: {
    quote_link: {
      subject: "Your SpecDesk server proposals",
      body: "Hello {{name}},\n\nyour server proposals are ready. This is your private link; keep it safe:\n{{link}}\n\nThe SpecDesk team",
    },
    link_request: {
      subject: "Your SpecDesk quote links",
      body: "Hello {{name}},\n\nhere are the links to your quotes you asked for, newest first. Each is private; keep it safe:\n\n{{links}}\n\nIf you did not ask for them, you can ignore this e-mail.\n\nThe SpecDesk team",
      line: "Quote {{reference}} of {{date}}: {{link}}",
    },
    claimed: {
      subject: "A technician is working on your quote",
      body: "Hello {{name}},\n\na technician has picked up your request and will be in touch. Follow its progress here:\n{{link}}\n\nThe SpecDesk team",
    },
    staff_message: {
      subject: "A message about your SpecDesk quote",
      body: "Hello {{name}},\n\nour technician wrote:\n\n{{message}}\n\nAnswer or follow your quote here:\n{{link}}\n\nThe SpecDesk team",
    },
    published: {
      subject: "Your proposals have been confirmed",
      body: "Hello {{name}},\n\nour technician has reviewed and confirmed your proposals:\n{{link}}\n\nThe SpecDesk team",
    },
    accepted: {
      subject: "You accepted your SpecDesk proposal",
      body: "Hello {{name}},\n\nthank you for accepting. If you have not paid yet, you can pay the setup fee and the first month from your quote page:\n{{link}}\n\nThe SpecDesk team",
    },
    paid: {
      subject: "Payment received: your servers are on their way",
      body: "Hello {{name}},\n\nwe have received your payment. Our technicians are preparing your servers and will contact you with the access details. Your quote:\n{{link}}\n\nThe SpecDesk team",
    },
    payment_failed: {
      subject: "Your payment did not go through",
      body: "Hello {{name}},\n\nyour payment did not go through. You can try again from your quote page:\n{{link}}\n\nThe SpecDesk team",
    },
    declined: {
      subject: "About your SpecDesk quote",
      body: "Hello {{name}},\n\nwe are sorry, we cannot offer this request. Our technician's reason:\n\n{{message}}\n\nYour quote: {{link}}\n\nThe SpecDesk team",
    },
  },
  errors: {
    not_found: "Not found; it may have been removed. Reload the page.",
    unknown_product: "Unknown product.",
    unknown_sku: "{{sku}} is not in the current price book.",
    sku_not_in_region: "{{sku}} is not sold in the {{region}} region of this request.",
    amount_too_large:
      "The amounts are too large: a line or the total over the term may not exceed €{{max}}. Check the quantities and prices.",
    no_such_line: "There is no such line.",
    no_such_tier: "Choose one of the proposals shown.",
    not_owner: "{{owner}} owns this quote: only they or an admin can change it.",
    not_assignee: "Claim this item first.",
    swap_not_server: "Only a server can be swapped, for another server model.",
    discount_too_large: "Discounts go from 0 to {{max}} %.",
    cannot_review: "That person cannot take review items.",
    not_published: "Only a published version can be shared or discounted; publish it first.",
    quote_accepted:
      "The customer accepted this quote meanwhile; its proposals and prices can no longer change. Reload to see the acceptance.",
    other_choice: "This quote was already accepted with a different choice.",
    superseded: "This proposal has changed since you opened it. Please reload the page to see the current version.",
    in_review: "A technician must confirm these proposals before they can be accepted.",
    declined: "This request cannot be accepted.",
    expired: "This version has expired; refresh it at current prices first.",
    not_expired: "This version is still valid; its prices hold until it expires.",
    draft_pending: "A technician has an unpublished version of this quote; publish or finish it first.",
    discount_pending: "A discount for this quote is already waiting for approval.",
    discount_stale: "The quote has a newer version than the one this discount was asked for.",
    discount_decided: "This request has already been decided.",
    already_owned: "Someone already owns this quote.",
    link_not_live: "No such live link.",
    unchanged: "A {{percent}} % discount is already in force on version {{version}}.",
    too_many_versions:
      "This quote has reached {{max}} versions, the most one quote can have; ask a technician to start a new quote for the customer.",
    not_latest_version: "Adjust the latest version of a proposal.",
    book_not_draft: "This price book is already published; published books never change. Make a new draft from it.",
    book_empty: "This draft has no prices, so publishing it would stop every sale. Add prices first.",
    sku_taken:
      "The SKU {{sku}} is already taken by a {{kind}}; SKUs are unique across servers and add-ons. Choose another.",
    status_change_refused:
      "A product that is {{from}} cannot become {{to}}: drafts go on sale, products on sale are retired, and retired ones can be sold again.",
    effective_in_past: "A price book takes effect now or later, never in the past.",
    effective_taken: "Another price book already takes effect at that moment. Pick another time.",
    no_longer_sold_one:
      "No longer sold: {{skus}}. Nearest model sold now: {{replacements}}. A technician has to replace it.",
    no_longer_sold_other:
      "No longer sold: {{skus}}. Nearest models sold now: {{replacements}}. A technician has to replace them.",
    item_closed: "This item is closed.",
    nothing_to_publish: "Nothing to publish.",
    empty_version:
      "Version {{version}} has no proposals, so there is nothing the customer could accept: build a configuration (servers, add-ons or custom lines) for at least one tier, then publish the new version.",
    empty_tier:
      "The {{tier}} proposal of version {{version}} has no lines: build that tier again with servers, add-ons or custom lines before publishing.",
    empty_configuration: "A configuration needs at least one server, add-on or custom line.",
    not_accepted: "Accept a proposal first.",
    already_paid: "This quote has already been paid.",
    payment_processing: "A payment for this quote is on its way.",
    nothing_due: "Nothing is due now.",
    account_exists: "An account with this e-mail address already exists.",
    payments_unavailable: "Online payment is not available at the moment. We will send you an invoice instead.",
    needs_technician:
      "This design needs a technician before it can be accepted: ask a technician for it, or choose another proposal.",
  },
};

export default enServer;
