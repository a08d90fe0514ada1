/**
 * English texts only the server needs (e-mails, refusal messages): kept out of the browser's locale
 * bundle, which every customer page downloads (scripts/js-budget.ts). Merged into the server's
 * resources in app/locales/index.ts.
 */
const enServer = {
  email: {
    quote_link: {
      subject: "Your SpecDesk server proposals",
      body: "Hello {{name}},\n\nYour server proposals are ready, and the PDF of them is attached. Your private link (every link we e-mail you about this quote works; please do not share them):\n{{link}}\n\nThe SpecDesk team",
    },
    link_request: {
      subject: "Your SpecDesk quote links",
      body: "Hello {{name}},\n\nHere are the links to your quotes you asked for, newest first. Each is private; keep it safe:\n\n{{links}}\n\nIf you did not ask for them, you can ignore this e-mail.\n\nThe SpecDesk team",
      line: "Quote {{reference}} of {{date}} ({{amount}}): {{link}}",
      amountFrom: "from {{amount}} a month",
      amountNone: "no price yet",
    },
    claimed: {
      subject: "A technician is working on your quote",
      body: "Hello {{name}},\n\nA technician has picked up your request and will be in touch. Follow its progress here:\n{{link}}\n\nThe SpecDesk team",
    },
    staff_message: {
      subject: "A message about your SpecDesk quote",
      body: "Hello {{name}},\n\nOur technician wrote:\n\n{{message}}\n\nAnswer or follow your quote here:\n{{link}}\n\nThe SpecDesk team",
    },
    published: {
      subject: "Your proposals have been confirmed",
      body: "Hello {{name}},\n\nOur technician has reviewed and confirmed your proposals; the PDF of them is attached:\n{{link}}\n\nThe SpecDesk team",
    },
    accepted: {
      subject: "You accepted your SpecDesk proposal",
      body: "Hello {{name}},\n\nThank you for accepting. If you have not paid yet, you can pay the setup fee and the first month from your quote page:\n{{link}}\n\nThe SpecDesk team",
    },
    paid: {
      subject: "Payment received: your servers are on their way",
      body: "Hello {{name}},\n\nWe have received your payment of {{amount}} ({{reference}}). Our technicians are preparing your servers and will contact you with the access details.\n\nYour receipt:\n{{receipt}}\n\nYour quote:\n{{link}}\n\nThe SpecDesk team",
    },
    payment_failed: {
      subject: "Your payment did not go through",
      body: "Hello {{name}},\n\nYour payment did not go through. You can try again from your quote page:\n{{link}}\n\nThe SpecDesk team",
    },
    sign_in: {
      subject: "Sign in to your SpecDesk account",
      body: "Hello,\n\nSomeone (we hope you) asked to sign in to your SpecDesk account. This link works once, for 15 minutes:\n{{link}}\n\nIf you did not ask for it, ignore this e-mail: nothing happens without the link.\n\nThe SpecDesk team",
    },
    declined: {
      subject: "About your SpecDesk quote",
      body: "Hello {{name}},\n\nWe are sorry, we cannot offer this request. Our technician's reason:\n\n{{message}}\n\nYour quote: {{link}}\n\nThe SpecDesk team",
    },
  },
  /** The planner's sentences (app/domain/migration-plan.ts): the API and the quote page's loader word them. */
  rules: {
    "migration.assumed_data": "Data to move not given: we plan with {{gb}} GB, what your workloads keep today.",
    "migration.assumed_databases":
      "Databases from your workloads: {{count}}, versions unknown, so dump and restore; with their versions we may replicate instead.",
    "migration.assumed_uplink": "Old server's uplink not given: we assume {{mbps}} Mbit/s, erring on the slow side.",
    "migration.assumed_time_zone": "No time zone given: we plan in {{zone}}.",
    "migration.transfer":
      "{{gb}} GB over {{mbps}} Mbit/s at {{percent}} % of the line rate: about {{hours}} h for the first copy.",
    "migration.disk_cap":
      "A disk reads about {{gbit}} Gbit/s (150 MB/s), so the copy goes no faster, even over {{mbps}} Mbit/s.",
    "migration.small_files": "Many small files copy slower: file copy time ×{{factor}}.",
    "migration.files_two_phase":
      "Files ({{gb}} GB): copied live first (about {{hours}} h), then only the changes (about {{percent}} %) in the window: about {{minutes}} min.",
    "migration.db_logical_replication":
      "{{database}} ({{gb}} GB): logical replication, switch in about {{minutes}} min (dump and restore: {{dumpMinutes}} min). Every table needs a primary key.",
    "migration.db_gtid_replication":
      "{{database}} ({{gb}} GB): GTID replication over VPN or TLS, switch in about {{minutes}} min (dump and restore: {{dumpMinutes}} min).",
    "migration.db_dump_faster":
      "{{database}} ({{gb}} GB): dump and restore, about {{minutes}} min, as quick as switching a replica ({{replicationMinutes}} min).",
    "migration.db_dump_no_version":
      "{{database}} ({{gb}} GB): version unknown, so dump and restore, about {{minutes}} min down (restore at {{factor}}× the copy). From {{minVersion}} we can replicate.",
    "migration.db_dump_old_version":
      "{{database}} ({{gb}} GB): replication needs {{minVersion}}, so dump and restore, about {{minutes}} min down (restore at {{factor}}× the copy).",
    "migration.db_dump_engine":
      "{{database}} ({{gb}} GB): dump and restore, about {{minutes}} min down (restore at {{factor}}× the copy).",
    "migration.db_dump_other":
      "Your database ({{gb}} GB): dump and restore, about {{minutes}} min down (restore at {{factor}}× the copy).",
    "migration.pg_slots": "PostgreSQL {{version}} keeps its logical slots through pg_upgrade.",
    "migration.downtime":
      "Estimated downtime: about {{minutes}} min ({{switchMinutes}} min to stop, switch DNS and addresses and start, plus the final sync).",
    "migration.window": "Switch in your window: {{days}} {{start}}–{{end}} ({{zone}}), {{hours}} h.",
    "migration.window_default":
      "Switch off-hours: {{days}} {{start}}–{{end}} ({{zone}}), {{hours}} h; tell us if another window suits you better.",
    "migration.window_dst": "The night the clocks go forward the window is {{hours}} h; the switch still fits.",
    "migration.window_dst_skip":
      "The night the clocks go forward the window is only {{hours}} h: we will not switch that night.",
    "migration.window_none":
      "The switch plus switching back (about {{minutes}} min) does not fit your windows (longest {{hours}} h): a technician will agree one with you.",
    "migration.no_fit":
      "No method fits {{max}} min of downtime: the shortest switch takes about {{minutes}} min. A technician will plan it with you.",
    "migration.contract_ends":
      "Your old contract ends {{date}}: switch by {{latest}} so the old server still runs {{hours}} h and is archived.",
    "migration.provider_deletion":
      "Do not cancel the old server before its archive: providers delete data, backups included, 24 h to 7 days after the end.",
    "migration.status": "Updates every {{minutes}} min during the switch, {{perDay}} a day while validating.",
    "migration.milestone.restore_test":
      "{{days}} days before at the latest: restore test of your current backups, on record.",
    "migration.milestone.plan": "{{weeks}} weeks before: plan, inventory, dependencies and rollback criteria.",
    "migration.milestone.lower_ttl": "{{hours}} h before: lower the DNS TTL to {{ttl}} s (you or your DNS provider).",
    "migration.milestone.lower_ttl_registrar":
      "{{hours}} h before: you lower the DNS TTL to {{ttl}} s in your registrar's control panel; the records are switched there on the day too.",
    "migration.milestone.lower_ttl_dns_service":
      "{{hours}} h before: you lower the DNS TTL to {{ttl}} s in your DNS service (Cloudflare, Route 53 …); the records are switched there on the day too.",
    "migration.milestone.lower_ttl_old_provider":
      "{{hours}} h before: your old provider lowers the DNS TTL to {{ttl}} s when you ask them. Ask early: old providers can be slow and may delete the zone when the contract ends, so plan to move the zone first (to your registrar, a DNS service or us).",
    "migration.milestone.lower_ttl_us":
      "{{hours}} h before: we lower the DNS TTL to {{ttl}} s; we manage your DNS, so we also switch the records on the day.",
    "migration.milestone.traffic": "{{hours}} h before: new servers under real or replayed traffic.",
    "migration.milestone.freeze": "{{hours}} h before: content freeze until the switch.",
    "migration.milestone.cutover": "Switch from {{start}} ({{zone}}): about {{minutes}} min down.",
    "migration.milestone.cutover_unscheduled":
      "Switch: about {{minutes}} min down, in a window agreed with a technician.",
    "migration.milestone.acceptance":
      "Acceptance checks, each recorded as passed or failed: CPU, RAM and disks as proposed; checksums, file and row counts match; replication caught up; logins, main transactions, APIs, cron jobs and webhooks work; timers carried over; IP allowlists updated; backups and monitoring on.",
    "migration.milestone.go_no_go":
      "Go/no-go at {{time}}: if checks fail we switch back to the old server ({{minutes}} min, measured in a rehearsal) within the window.",
    "migration.milestone.raise_ttl": "After {{minutes}} min watching errors, and the go decision: raise the TTL again.",
    "migration.milestone.old_server_off": "{{hours}} h after: the old server stops once archived.",
    "migration.milestone.archive_deleted": "{{days}} days later: the old server's archive is deleted.",
    "migration.labour_preparation":
      "{{hours}} h of technician time, business hours: {{baseHours}} h plan, inventory and checklists, {{workloadHours}} h workloads, {{databaseHours}} h databases, {{copyHours}} h watching the copy.",
    "migration.labour_cutover":
      "{{hours}} h of technician time in the window, at the off-hours rate: the switch ({{switchMinutes}} min), acceptance checks ({{checksMinutes}} min), watching ({{watchMinutes}} min).",
    "migration.archive":
      "The old server's final archive ({{gb}} GB), kept {{days}} days: {{units}} × {{name}} for a month.",
    "migration.overlap":
      "Keep the old server at least {{hours}} h after the switch; its provider bills it for about {{months}} month. We do not; your new servers' first month is in the monthly price.",
  },
  /** The quote page's "Your move" section (app/presenters/your-move.ts): resolved by the loader, never shipped as keys. */
  yourMove: {
    title: "Your move",
    intro: "How we move what runs on your current server, what you do and when, and how we can go back.",
    method: "Method",
    methods: {
      two_phase_sync: "Two-phase copy: everything copied live first, only the changes during the switch",
      logical_replication: "PostgreSQL logical replication, then a short switch",
      gtid_replication: "MySQL/MariaDB GTID replication, then a short switch",
      dump_restore: "Dump and restore during the switch",
    },
    methodShort: {
      two_phase_sync: "live copy, then the changes",
      logical_replication: "logical replication",
      gtid_replication: "GTID replication",
      dump_restore: "dump and restore",
    },
    downtime: "Estimated downtime",
    downtimeTotal:
      "About {{minutes}} min in total, including {{switchMinutes}} min to stop, switch DNS and addresses and start again.",
    downtimeOverridden: "About {{minutes}} min in total, as set by our technician.",
    part: "What moves",
    partMethod: "How",
    partDowntime: "Service stopped",
    files: "Files ({{gb}} GB)",
    database: "{{name}} ({{gb}} GB)",
    otherDatabase: "Your database ({{gb}} GB)",
    about: "about {{minutes}} min",
    instead: "dump and restore would take {{minutes}} min",
    firstCopy: "The first copy takes about {{hours}} h while your current server keeps running.",
    window: "Switch window",
    windowText: "{{days}}, {{start}}–{{end}} ({{zone}})",
    windowNone: "None of your windows holds the switch and a way back: a technician will agree one with you.",
    timeline: "Timeline",
    proposed:
      "Proposed dates (times in {{zone}}), counted from {{date}}: the first window at least 3 weeks from today that leaves time for every step before it. We confirm them with you.",
    undated: "Dates follow once a switch window is agreed.",
    offsetBefore: "T − {{value}}",
    offsetAfter: "T + {{value}}",
    offsetZero: "T",
    weeks_one: "{{count}} week",
    weeks_other: "{{count}} weeks",
    days_one: "{{count}} day",
    days_other: "{{count}} days",
    hours: "{{value}} h",
    who: { you: "You", us: "Us", both: "Together" },
    youDo: "What you do",
    weDo: "What we do",
    you: {
      lower_ttl: "Lower the DNS TTL of the records that move to {{ttl}} s by {{when}} (you or your DNS provider).",
      freeze: "Freeze content (no uploads or edits) from {{when}} until the switch.",
      test: "Test your application on the new servers from {{when}}, and confirm the acceptance checks after the switch.",
      raise_ttl: "Raise the DNS TTL again after the go decision.",
      keep_old:
        "Keep the old server and its contract until {{when}}: cancel it only after we confirm its final archive.",
    },
    us: {
      plan: "Plan, inventory, dependencies and rollback criteria, from {{when}}.",
      restore_test: "A restore test of your current backups, on record, by {{when}}.",
      dns: "Lower the DNS TTL of the records that move to {{ttl}} s by {{when}}, and raise it again after the go decision.",
      copy: "Copy your data live while your current server keeps running (about {{hours}} h).",
      switch: "The switch on {{when}}, with status updates every {{minutes}} min, then the acceptance checks.",
      archive: "Archive the old server's data and keep the archive {{days}} days.",
    },
    rollback: "Way back",
    rollbackText:
      "Go/no-go at {{time}}: if the acceptance checks fail, we switch back to your current server ({{minutes}} min) within the window.",
    rollbackNone: "The go/no-go time is set with the window.",
    retention: "What we keep",
    retentionText:
      "Your old server keeps running {{hours}} h after the switch; its final archive ({{gb}} GB) is kept {{days}} days, then deleted.",
    contractEnds: "Your old contract ends on {{date}}: switch by {{latest}} at the latest.",
    lines: "Price of the move",
    linesNote: "One-off amounts, the same in every proposal, included in the setup and term totals.",
    oneOff: "One-off",
    total: "Total for the move",
    why: "Why this plan",
    whyPlanner: "How the planner first worked it out (before the technician's change above)",
    override: "Changed by our technician",
    overrideReason: "Reason: {{reason}}",
    overrideChanges: {
      method: "method",
      downtimeMinutes: "downtime",
      preparationHours: "preparation hours",
      cutoverHours: "hours in the window",
      window: "window",
    },
    overrideChanged: "Changed: {{what}}.",
  },
  homeFacts: {
    examplesTitle: "Example prices",
    examplesLead:
      "Monthly prices of single servers from our catalogue, before VAT. Your proposal combines them to fit what you run.",
    lines: {
      cloud: "Cloud server",
      dedicated: "Dedicated server",
      high_memory: "High-memory server",
      storage: "Storage server",
      gpu: "GPU server",
    },
    example: "{{name}}: {{vcpu}} CPU threads, {{ramGb}} GB RAM, {{storage}}",
    from: "from {{price}} a month",
    whoTitle: "Who we are",
    whereTitle: "Where your servers run",
  },
  costTimeline: {
    title: "Cost over the term",
    summary_one: "{{oneOff}} at acceptance, then {{monthly}} a month for {{count}} month: {{total}} over the term.",
    summary_other: "{{oneOff}} at acceptance, then {{monthly}} a month for {{count}} months: {{total}} over the term.",
    chartDescription: "Bar chart of what each month costs, month 0 (at acceptance) to month {{term}}.",
    month0: "At acceptance (month 0)",
    month: "Month {{month}}",
    months: "Months {{from}}–{{to}}",
    period: "When",
    amount: "Charged",
    oneOff: "{{amount}} one-off",
    perMonth: "{{amount}} a month",
    notes: "Notes",
    overlap: "Your old server still runs at your current provider (paid to them).",
    upgrade: "Predicted: +{{amount}} a month when {{resource}} runs out (not part of this contract).",
    resources: { vcpu: "CPU", ramGb: "memory", storageGb: "storage" },
    contractTotal: "Contract total: {{amount}}",
    withUpgrade: "With the predicted upgrade: {{amount}}",
    discount: "Includes the {{months}}-month term discount of {{amount}} a month.",
  },
  pdf: {
    title: "Server proposal",
    reference: "Reference",
    version: "Version",
    date: "Date",
    validUntil: "Prices valid until",
    preparedFor: "Prepared for",
    currency: "Currency",
    whatYouNeed: "What you need",
    need: "{{vcpu}} CPU threads, {{ram}} GB RAM, {{storage}} GB storage, {{traffic}} TB traffic a month, {{backup}} GB backup",
    proposal: "Proposal: {{tier}}",
    notAcceptable: "This option needs a technician before it can be accepted.",
    item: "Item",
    qty: "Qty",
    unitMonthly: "Unit / month",
    monthly: "Per month",
    setup: "Setup",
    oneOff: "one-off",
    why: "Why: ",
    totals: "Totals",
    howWeSized: "How we sized this",
    termsTitle: "Terms of service (version {{version}})",
    vatNote: "Prices exclude VAT or sales tax, which is added to the invoice where it applies.",
    acceptanceTitle: "Acceptance",
    acceptanceText: "We accept the proposal marked below on the terms of service version {{version}}.",
    chosenProposal: "Proposal chosen",
    name: "Name",
    company: "Company",
    signature: "Signature",
    signedDate: "Date",
    poNumber: "Purchase order",
    acceptOnline:
      "You can also accept and pay online, from the private link in your e-mail (never written in this document, so it can be forwarded safely).",
    page: "Page {{page}} of {{pages}}",
    receiptTitle: "Receipt",
    receiptNumber: "Receipt",
    paidAt: "Paid",
    paymentReference: "Payment reference",
    paidBy: "Paid by",
    paidFor: "For",
    paidForText: "{{tier}} proposal, version {{version}}: setup and the first month",
    amountPaid: "Amount paid",
    vatTreatment: "VAT",
    vatTreatmentText:
      "Amounts exclude VAT. Where VAT applies it is invoiced separately; for a business customer in another EU country the reverse charge applies.",
    receiptLines: "What was paid",
    receiptSetup: "One-time setup",
    receiptFirstMonth: "First month",
    remaining_one: "Then {{count}} further monthly payment of {{amount}}.",
    remaining_other: "Then {{count}} further monthly payments of {{amount}}.",
    remainingNone: "Nothing further is due for this term.",
  },
  account: {
    title: "Your account",
    signInTitle: "Sign in to your account",
    signInLead:
      "Enter the e-mail address you used for your quotes. We will send you a link that signs you in: no password needed.",
    email: "E-mail",
    sendLink: "Send me a sign-in link",
    linkSent: "If we have quotes for that address, a sign-in link is on its way. It works once, for 15 minutes.",
    signedOut: "You have signed out.",
    verifyTitle: "Sign in",
    verifyLead: "Press the button to sign in on this device.",
    verifyButton: "Sign in",
    linkDead: "This sign-in link has expired or was already used. Ask for a new one.",
    askAgain: "Ask for a new link",
    signedInAs: "Signed in as {{email}}",
    signOut: "Sign out",
    quotesTitle: "Your quotes",
    quotesNone: "No quotes yet.",
    servicesTitle: "Your services",
    servicesNone: "Nothing bought yet: services appear here once a proposal is paid.",
    reference: "Reference",
    created: "Created",
    status: "Status",
    price: "Price",
    fromPrice: "from {{amount}} a month",
    noPrice: "—",
    open: "Open quote {{reference}}",
    service: "{{tier}} proposal: {{amount}} a month for {{months}} months",
    delivery: { open: "Being prepared", claimed: "Being prepared", done: "Handed over", none: "Being prepared" },
    paidOn: "Paid on {{date}}",
    keysTitle: "SSH keys",
    keysLead:
      "We install these public keys on the servers we deliver to you: that is how you log in. We never set, store or send a password.",
    keysNone:
      "No keys yet. Add the public key of each person who will log in (the .pub file, e.g. ~/.ssh/id_ed25519.pub).",
    keyLabel: "Public key",
    keyAdd: "Add key",
    keyAdded: "Key added: {{fingerprint}}",
    keyRemove: "Remove key {{fingerprint}}",
    keyRemoved: "Key removed.",
    keyLine: "{{type}}, {{bits}} bits, added {{date}}",
    keyProblems: {
      private_key: "This is a private key: never share it. Paste the public key (the .pub file) instead.",
      format: 'This does not look like an OpenSSH public key ("ssh-ed25519 AAAA… comment").',
      type: "Use an Ed25519, ECDSA or RSA key (DSA keys are no longer safe).",
      mismatch: "The key's data does not match its type: copy the whole line again.",
      too_small: "RSA keys must be at least 2048 bits (3072 or Ed25519 recommended).",
      too_long: "This is far too long for a public key.",
      duplicate: "You have already added this key.",
      limit: "At most 20 keys per account.",
    },
    quoteLinksKeepWorking: "The links in your e-mails keep working too; you do not need an account to use them.",
  },
  company: {
    vatId: "VAT ID {{id}}",
    supportHours: "Support: {{hours}}",
    outagesAroundTheClock: "Outages are taken around the clock.",
    everyDay: "Every day",
    dayRange: "{{from}} to {{to}}",
    dataCentres: "Data centres: {{list}}",
    dataCentre: "{{city}} ({{country}})",
    imprint: "Company details",
    terms: "Terms of service",
    privacy: "Privacy policy",
    contact: "Contact",
    footerLabel: "About the provider",
    version: "Version {{version}}, in force since {{date}}.",
    olderVersion: "This is an earlier version. The version in force is {{version}}.",
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
    no_migration_plan: "This quote has no move from an old server to change.",
  },
};

export default enServer;
