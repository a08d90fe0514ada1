import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { DiskSet, LocalizedNames, ProductStatus, RaidLevel, ServerLine } from "../app/domain/catalog";
import { type BookCurrency, DEFAULT_RATE_CARD, type PriceBookStatus, type RateCard } from "../app/domain/price-book";
import type { ProductFacts } from "../app/domain/product-facts";
import type { DemandSummary, ReviewReason, RunsOutFirst } from "../app/domain/engine";
import type { RuleTrace } from "../app/domain/trace";
import type { MigrationPlan } from "../app/domain/migration-plan";
import type { OverriddenMigrationPlan } from "../app/domain/migration-override";
import type { Requirements, StorageClass, Workload } from "../app/domain/quote-input";
import type { DataCentre, LegalDocumentKind, SupportHours } from "../app/domain/company";
import type { CheckItem, InstalledKey, MeasuredFacts } from "../app/domain/delivery";
import type { CutoverStage, CutoverWindowStatus } from "../app/domain/cutover";
import type { ContractTargets, IncidentState, Severity } from "../app/domain/incidents";
import type { MaintenanceKind, MaintenanceResponse, MaintenanceState } from "../app/domain/maintenance";
import type { CreditPolicy } from "../app/domain/service-credits";
import type { ReviewFindings, UsageFigures } from "../app/domain/capacity-review";

/** What an outbox message attaches: the proposal PDF of a quote's version, in a language. */
export type EmailAttachmentRef =
  | { kind: "proposal_pdf"; quoteRequestId: string; version: number; locale: string }
  /** The confirmed cutover window as an iCalendar invitation (app/services/cutover-ics.server.ts). */
  | { kind: "cutover_ics"; windowId: string; locale: string }
  /** A maintenance window as an iCalendar event (app/services/maintenance.server.ts). */
  | { kind: "maintenance_ics"; windowId: string; locale: string };

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** The server catalog: what the company can rack. Prices live in the price book. */
export const serverModels = pgTable("server_models", {
  sku: text("sku").primaryKey(),
  name: text("name").notNull(),
  line: text("line").$type<ServerLine>().notNull(),
  cpu: text("cpu").notNull(),
  vcpu: integer("vcpu").notNull(),
  ramGb: integer("ram_gb").notNull(),
  maxRamGb: integer("max_ram_gb").notNull(),
  disks: jsonb("disks").$type<DiskSet[]>().notNull(),
  diskBays: integer("disk_bays").notNull(),
  networkGbit: integer("network_gbit").notNull(),
  includedTrafficTb: integer("included_traffic_tb"),
  gpuCount: integer("gpu_count").notNull().default(0),
  gpuModel: text("gpu_model"),
  regions: jsonb("regions").$type<("eu" | "us")[]>().notNull(),
  sourceUrl: text("source_url"),
  /** RAID levels the model can be delivered with (the first is the default). */
  raidOptions: jsonb("raid_options").$type<RaidLevel[]>().notNull().default([]),
  /** The name in languages other than English (`name`); a missing language falls back to `name`. */
  names: jsonb("names").$type<LocalizedNames>().notNull().default({}),
  /** What the model includes and excludes (app/domain/product-facts.ts). */
  includes: jsonb("includes").$type<ProductFacts>().notNull(),
  /** draft: not sold yet; active: sold; retired: no longer sold (stored quotes keep their lines). */
  status: text("status").$type<ProductStatus>().notNull().default("active"),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const addons = pgTable("addons", {
  sku: text("sku").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind").$type<"ram" | "disk" | "volume" | "backup" | "traffic" | "ipv4" | "load_balancer">().notNull(),
  sizeGb: integer("size_gb"),
  storageClass: text("storage_class").$type<StorageClass>(),
  lines: jsonb("lines").$type<ServerLine[]>().notNull(),
  names: jsonb("names").$type<LocalizedNames>().notNull().default({}),
  status: text("status").$type<ProductStatus>().notNull().default("active"),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Versioned price book: a new version is a new row; quotes keep the version they were priced with.
 * A draft is edited freely; a published book has an effective-from moment and never changes (the
 * migration's triggers refuse it). Per currency, the book in effect at a moment is the published one
 * with the latest effective_from at or before it (highest version on a tie, which the unique index
 * below rules out).
 */
export const priceBooks = pgTable(
  "price_books",
  {
    id: serial("id").primaryKey(),
    version: integer("version").notNull().unique(),
    currency: text("currency").$type<BookCurrency>().notNull(),
    /** Rows written straight to the table (the seed, older tests) are published; drafts come from the model. */
    status: text("status").$type<PriceBookStatus>().notNull().default("published"),
    termDiscountBps: jsonb("term_discount_bps").$type<Record<string, number>>().notNull(),
    /**
     * The operations weight: technician time one server costs per month, minor units per server per
     * month (app/domain/rules.ts RULES.fit.operations). The optimiser weighs it; prices never include it.
     */
    opsMinorPerServerMonth: integer("ops_minor_per_server_month").notNull().default(2100),
    /** Hourly rates for technician work (app/domain/price-book.ts). */
    rateCard: jsonb("rate_card").$type<RateCard>().notNull().default(DEFAULT_RATE_CARD),
    /** Null while a draft; set when published. */
    effectiveFrom: timestamp("effective_from", { withTimezone: true }),
    note: text("note"),
    createdBy: uuid("created_by"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: uuid("published_by"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("price_books_published_effective_uq")
      .on(t.currency, t.effectiveFrom)
      .where(sql`status = 'published'`),
  ],
);

/**
 * Bumped by triggers on every change to the catalog and price books (migration 0013), so a process
 * can tell in one cheap query whether the catalog it built is still current.
 */
export const catalogRevision = pgTable("catalog_revision", {
  id: integer("id").primaryKey(),
  revision: bigint("revision", { mode: "number" }).notNull(),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
});

export const priceBookItems = pgTable(
  "price_book_items",
  {
    priceBookId: integer("price_book_id")
      .notNull()
      .references(() => priceBooks.id),
    sku: text("sku").notNull(),
    monthlyMinor: integer("monthly_minor").notNull(),
    setupMinor: integer("setup_minor").notNull(),
  },
  (t) => [primaryKey({ columns: [t.priceBookId, t.sku] })],
);

export type QuoteStatus = "proposed" | "needs_review" | "published" | "declined" | "accepted" | "won";

export const quoteRequests = pgTable(
  "quote_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    status: text("status").$type<QuoteStatus>().notNull(),
    locale: text("locale").notNull(),
    contactName: text("contact_name").notNull(),
    contactEmail: text("contact_email").notNull(),
    company: text("company"),
    requirements: jsonb("requirements").$type<Requirements>().notNull(),
    priceBookId: integer("price_book_id")
      .notNull()
      .references(() => priceBooks.id),
    /**
     * The quote's currency: its price book's. Every later price (refresh, adjustment, custom tier) comes
     * from a book of this currency; nothing converts between currencies.
     */
    currency: text("currency").$type<BookCurrency>().notNull().default("EUR"),
    demand: jsonb("demand").$type<DemandSummary>().notNull(),
    reviewRequired: boolean("review_required").notNull(),
    /** The proposal version the customer sees; technicians publish newer ones. */
    publishedVersion: integer("published_version").notNull().default(1),
    /** Why a technician declined, shown to the customer. */
    declineReason: text("decline_reason"),
    /** The sales rep who owns the deal (users.id; no foreign key to keep quotes independent of staff rows). */
    ownerId: uuid("owner_id"),
    reviewReasons: jsonb("review_reasons").$type<ReviewReason[]>().notNull(),
    /** The planner's move from the customer's old server (issue 16), stored with the lines it priced; null: not moving. */
    migrationPlan: jsonb("migration_plan").$type<MigrationPlan | null>(),
    /**
     * The running service this quote upgrades (issue 20): the acceptance whose subscription it changes.
     * Accepting it orders the upgrade (no second checkout); at its hand-over the subscription's monthly
     * price becomes this quote's, prorated (billing_changes). Null: a new service.
     */
    upgradesAcceptanceId: uuid("upgrades_acceptance_id").references((): AnyPgColumn => acceptances.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("quote_requests_status_idx").on(t.status, t.createdAt)],
);

/** A customer's private link to a quote; only the SHA-256 of the token is stored. */
export const quoteAccessTokens = pgTable("quote_access_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  quoteRequestId: uuid("quote_request_id")
    .notNull()
    .references(() => quoteRequests.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  /** Last time the link opened the page; links idle longer than QUOTE_LINK_IDLE_DAYS stop working. */
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }).notNull().defaultNow(),
});

export const workloads = pgTable(
  "workloads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    quoteRequestId: uuid("quote_request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind").$type<Workload["kind"]>().notNull(),
    name: text("name"),
    /** The validated workload exactly as the customer gave it (re-parsed with zod on read). */
    params: jsonb("params").$type<Workload>().notNull(),
  },
  (t) => [uniqueIndex("workloads_quote_position_uq").on(t.quoteRequestId, t.position)],
);

export const proposals = pgTable(
  "proposals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    quoteRequestId: uuid("quote_request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    version: integer("version").notNull().default(1),
    tier: text("tier").$type<"lean" | "balanced" | "resilient">().notNull(),
    position: integer("position").notNull(),
    availability: text("availability").notNull(),
    currency: text("currency").$type<BookCurrency>().notNull(),
    termMonths: integer("term_months").notNull(),
    setupMinor: integer("setup_minor").notNull(),
    monthlyMinor: integer("monthly_minor").notNull(),
    termTotalMinor: integer("term_total_minor").notNull(),
    servers: jsonb("servers").notNull(),
    capacity: jsonb("capacity").notNull(),
    explanation: jsonb("explanation").$type<RuleTrace[]>().notNull(),
    /** What happens when one server fails (a rule trace rendered in the reader's language). */
    failure: jsonb("failure").$type<RuleTrace | null>(),
    runsOutFirst: jsonb("runs_out_first").$type<RunsOutFirst | null>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("proposals_quote_version_tier_uq").on(t.quoteRequestId, t.version, t.tier)],
);

export const proposalLines = pgTable(
  "proposal_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    proposalId: uuid("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind").notNull(),
    sku: text("sku"),
    name: text("name").notNull(),
    quantity: integer("quantity").notNull(),
    unitMonthlyMinor: integer("unit_monthly_minor").notNull(),
    unitSetupMinor: integer("unit_setup_minor").notNull(),
    monthlyMinor: integer("monthly_minor").notNull(),
    setupMinor: integer("setup_minor").notNull(),
    why: jsonb("why").$type<RuleTrace[]>().notNull(),
  },
  (t) => [uniqueIndex("proposal_lines_position_uq").on(t.proposalId, t.position)],
);

/** Every state change, by whom, kept forever. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    action: text("action").notNull(),
    actor: text("actor").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    data: jsonb("data")
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entityType, t.entityId, t.createdAt)],
);

export type StaffRole = "sales" | "technician" | "admin";

/** Staff accounts. Customers have none: their private quote link is their access. */
export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role").$type<StaffRole>().notNull(),
  passwordHash: text("password_hash").notNull(),
  /**
   * Where pages for this technician are also POSTed (a phone app or chat), signed with HMAC-SHA256
   * under a key derived from PAGE_WEBHOOK_SECRET, this user and `page_webhook_key_version` (no key is
   * stored: bumping the version revokes the old one).
   */
  pageWebhookUrl: text("page_webhook_url"),
  pageWebhookKeyVersion: integer("page_webhook_key_version").notNull().default(0),
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  createdAt: createdAt(),
});

/**
 * Failed staff logins per account (keyed by the SHA-256 of the lower-cased e-mail, so unknown
 * addresses are throttled the same way and nothing tells which accounts exist).
 */
export const loginThrottles = pgTable("login_throttles", {
  emailHash: text("email_hash").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

/** Database sessions, so logging out or disabling a user ends them; only the token's hash is kept. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export type ReviewStatus = "open" | "claimed" | "waiting_customer" | "published" | "declined";

/** A quote that needs a technician: its reasons, who has it, and its SLA clock. */
export const reviewItems = pgTable(
  "review_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    quoteRequestId: uuid("quote_request_id")
      .notNull()
      .unique()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    status: text("status").$type<ReviewStatus>().notNull(),
    priority: text("priority").$type<"normal" | "high">().notNull(),
    reasons: jsonb("reasons").$type<ReviewReason[]>().notNull(),
    /** Reason codes the technician has ticked off. */
    checked: jsonb("checked")
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    assigneeId: uuid("assignee_id").references(() => users.id),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    /** When the SLA clock started (creation, or the customer reopening the item). */
    slaStartedAt: timestamp("sla_started_at", { withTimezone: true }).notNull().defaultNow(),
    /** Intervals spent waiting on the customer ({ start, end|null } ISO strings). */
    pauses: jsonb("pauses")
      .$type<{ start: string; end: string | null }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    firstRespondedAt: timestamp("first_responded_at", { withTimezone: true }),
    firstResponseDueAt: timestamp("first_response_due_at", { withTimezone: true }),
    resolutionDueAt: timestamp("resolution_due_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** When technicians were told this item is overdue (once per item). */
    overdueNotifiedAt: timestamp("overdue_notified_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("review_items_queue_idx").on(t.status, t.resolutionDueAt),
    index("review_items_assignee_idx").on(t.assigneeId, t.status),
    // The queue's default view (active items by deadline) reads the first rows of this index.
    index("review_items_active_queue_idx")
      .on(t.resolutionDueAt.asc().nullsLast(), t.createdAt.asc())
      .where(sql`status in ('open', 'claimed', 'waiting_customer')`),
  ],
);

/** Technicians' internal notes: never shown to the customer or put in their e-mails. */
export const reviewNotes = pgTable("review_notes", {
  id: uuid("id").primaryKey().defaultRandom(),
  reviewItemId: uuid("review_item_id")
    .notNull()
    .references(() => reviewItems.id, { onDelete: "cascade" }),
  authorId: uuid("author_id")
    .notNull()
    .references(() => users.id),
  body: text("body").notNull(),
  createdAt: createdAt(),
});

/** The customer-visible conversation and timeline of a quote. */
export const quoteMessages = pgTable(
  "quote_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    quoteRequestId: uuid("quote_request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    authorType: text("author_type").$type<"staff" | "customer" | "system">().notNull(),
    authorId: uuid("author_id").references(() => users.id),
    /** A status change shown on the timeline, e.g. "claimed", "published". */
    event: text("event"),
    body: text("body"),
    /** The proposal line a customer asks about ("why NVMe?"). */
    lineRef: jsonb("line_ref").$type<{ proposalId: string; position: number; label: string } | null>(),
    createdAt: createdAt(),
  },
  (t) => [index("quote_messages_quote_idx").on(t.quoteRequestId, t.createdAt)],
);

/**
 * Transactional outbox: an e-mail row is written in the same transaction as the change it reports,
 * and a worker sends it with retries. No change without its e-mail, no e-mail without its change.
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    /** What the message is about, for tests and support ("quote_link", "staff_message", …). */
    template: text("template").notNull(),
    /** A document built when the message is sent (services/email-attachments.server.ts), never stored here. */
    attachment: jsonb("attachment").$type<EmailAttachmentRef>(),
    /** cancelled: a reminder whose occasion went away (a cutover window withdrawn) before it was due. */
    status: text("status").$type<"pending" | "sent" | "failed" | "cancelled">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** email: to_address is an e-mail address; webhook: to_address is a URL and text_body the JSON POSTed (signed). */
    channel: text("channel").$type<"email" | "webhook">().notNull().default("email"),
    /** For a webhook: the staff user whose key signs it. */
    signerId: uuid("signer_id"),
    /** A scheduled message's identity ("cutover:<window>:lower_ttl"): enqueued once, however often it is asked for. */
    dedupeKey: text("dedupe_key"),
  },
  (t) => [
    index("outbox_pending_idx").on(t.status, t.nextAttemptAt),
    uniqueIndex("outbox_dedupe_key_idx")
      .on(t.dedupeKey)
      .where(sql`dedupe_key is not null`),
  ],
);

/** Where the development mail stand-in delivers (read by tests and /dev/mailbox). */
export const devMailbox = pgTable("dev_mailbox", {
  id: uuid("id").primaryKey().defaultRandom(),
  outboxId: uuid("outbox_id").notNull().unique(),
  toAddress: text("to_address").notNull(),
  subject: text("subject").notNull(),
  textBody: text("text_body").notNull(),
  raw: text("raw").notNull(),
  createdAt: createdAt(),
});

/** An admin's invitation: the invitee sets their own password through a one-time link. */
export const staffInvites = pgTable("staff_invites", {
  id: uuid("id").primaryKey().defaultRandom(),
  tokenHash: text("token_hash").notNull().unique(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  role: text("role").$type<StaffRole>().notNull(),
  invitedBy: uuid("invited_by")
    .notNull()
    .references(() => users.id),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  createdAt: createdAt(),
});

/**
 * A sales rep's link to one proposal version. Only the token's hash is stored; views are counted
 * by a beacon the page sends (loaders never write).
 */
export const shareLinks = pgTable(
  "share_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    quoteRequestId: uuid("quote_request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    proposalVersion: integer("proposal_version").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    firstViewedAt: timestamp("first_viewed_at", { withTimezone: true }),
    lastViewedAt: timestamp("last_viewed_at", { withTimezone: true }),
    viewCount: integer("view_count").notNull().default(0),
  },
  (t) => [index("share_links_quote_idx").on(t.quoteRequestId)],
);

export type VersionOrigin = "engine" | "adjustment" | "refresh" | "discount";

/** How one tier's prices moved when a version was refreshed at current prices. */
export interface VersionChange {
  tier: string;
  oldSetupMinor: number;
  newSetupMinor: number;
  oldMonthlyMinor: number;
  newMonthlyMinor: number;
  lines: {
    name: string;
    quantity: number;
    oldUnitMonthlyMinor: number;
    newUnitMonthlyMinor: number;
    oldUnitSetupMinor: number;
    newUnitSetupMinor: number;
  }[];
}

/**
 * One version of a quote's proposals. The proposals and lines of a version are never changed once
 * written; a version the customer can see has a published date and a valid-until date (the price lock).
 */
export const proposalVersions = pgTable(
  "proposal_versions",
  {
    quoteRequestId: uuid("quote_request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    origin: text("origin").$type<VersionOrigin>().notNull(),
    basedOn: integer("based_on"),
    priceBookId: integer("price_book_id").references(() => priceBooks.id),
    /** The sales discount on this version in basis points (0 = none). */
    salesDiscountBps: integer("sales_discount_bps").notNull().default(0),
    /** For refreshed versions: what changed against the version they replace. */
    changes: jsonb("changes").$type<VersionChange[] | null>(),
    /**
     * A technician's change to the move (issue 16): the plan as this version has it, with the
     * override and the reason the customer sees. Null: the quote's own plan (quote_requests.migration_plan).
     */
    migrationPlan: jsonb("migration_plan").$type<OverriddenMigrationPlan | null>(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    validUntil: timestamp("valid_until", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.quoteRequestId, t.version] })],
);

/** "withdrawn": closed without a decision, when the customer accepted the quote (acceptVersion). */
export type DiscountStatus = "pending" | "approved" | "rejected" | "withdrawn";

/** A rep's discount above their own limit, waiting for an admin. */
export const discountRequests = pgTable(
  "discount_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    quoteRequestId: uuid("quote_request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    baseVersion: integer("base_version").notNull(),
    bps: integer("bps").notNull(),
    reason: text("reason").notNull(),
    status: text("status").$type<DiscountStatus>().notNull().default("pending"),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
    resultingVersion: integer("resulting_version"),
    createdAt: createdAt(),
  },
  (t) => [
    index("discount_requests_status_idx").on(t.status, t.createdAt),
    uniqueIndex("discount_requests_one_pending_uq")
      .on(t.quoteRequestId)
      .where(sql`status = 'pending'`),
  ],
);

/** The customer's acceptance: one per quote, with the locked totals and who accepted, from where. */
export const acceptances = pgTable("acceptances", {
  id: uuid("id").primaryKey().defaultRandom(),
  quoteRequestId: uuid("quote_request_id")
    .notNull()
    .unique()
    .references(() => quoteRequests.id, { onDelete: "cascade" }),
  version: integer("version").notNull(),
  tier: text("tier").$type<"lean" | "balanced" | "resilient">().notNull(),
  proposalId: uuid("proposal_id")
    .notNull()
    .references(() => proposals.id),
  currency: text("currency").$type<BookCurrency>().notNull(),
  setupMinor: integer("setup_minor").notNull(),
  monthlyMinor: integer("monthly_minor").notNull(),
  termMonths: integer("term_months").notNull(),
  termTotalMinor: integer("term_total_minor").notNull(),
  /** At the end of the term: the service ends, or renews month by month (chosen at acceptance). */
  renewal: text("renewal").$type<BillingRenewal>().notNull().default("end"),
  /** What Checkout charges at acceptance: the setup fee and one-off lines (monthly billing starts at hand-over). */
  dueNowMinor: integer("due_now_minor").notNull(),
  termsVersion: text("terms_version").notNull(),
  name: text("name").notNull(),
  company: text("company"),
  email: text("email").notNull(),
  poNumber: text("po_number"),
  ip: text("ip"),
  userAgent: text("user_agent"),
  shareLinkId: uuid("share_link_id").references(() => shareLinks.id),
  acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull().defaultNow(),
  paidAt: timestamp("paid_at", { withTimezone: true }),
});

export type PaymentStatus = "open" | "processing" | "paid" | "failed" | "expired";
export type BillingRenewal = "end" | "renew";
export type SuspensionDecision = "suspend" | "keep";

/** One Stripe Checkout Session for an acceptance (a new one only after the last failed or expired). */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    acceptanceId: uuid("acceptance_id")
      .notNull()
      .references(() => acceptances.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    checkoutSessionId: text("checkout_session_id").notNull().unique(),
    checkoutUrl: text("checkout_url"),
    /** Stripe's PaymentIntent behind a paid session (the reference on the customer's receipt). */
    paymentIntentId: text("payment_intent_id"),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    status: text("status").$type<PaymentStatus>().notNull().default("open"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("payments_acceptance_attempt_uq").on(t.acceptanceId, t.attempt)],
);

/** Every Stripe event id we have acted on, written in the same transaction as its effect. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  stripeCreatedAt: timestamp("stripe_created_at", { withTimezone: true }).notNull(),
  checkoutSessionId: text("checkout_session_id"),
  outcome: text("outcome").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The Stripe subscription that bills an accepted term month by month (issue 20), as its events last
 * described it. It is made by Checkout with a trial until hand-over; hand-over asks for billing to
 * start (billing_requested_at) and the outbox worker ends the trial at Stripe (billing_started_at).
 */
export const billingSubscriptions = pgTable(
  "billing_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    acceptanceId: uuid("acceptance_id")
      .notNull()
      .unique()
      .references(() => acceptances.id, { onDelete: "cascade" }),
    stripeSubscriptionId: text("stripe_subscription_id").notNull().unique(),
    stripeCustomerId: text("stripe_customer_id").notNull(),
    /** Stripe's status: trialing, active, past_due, unpaid, canceled, … */
    status: text("status").notNull(),
    trialEnd: timestamp("trial_end", { withTimezone: true }),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }),
    cancelAt: timestamp("cancel_at", { withTimezone: true }),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** When the last event applied here was created at Stripe: an older one changes nothing. */
    stripeEventAt: timestamp("stripe_event_at", { withTimezone: true }).notNull(),
    billingRequestedAt: timestamp("billing_requested_at", { withTimezone: true }),
    billingStartedAt: timestamp("billing_started_at", { withTimezone: true }),
    /** The end of the accepted term: billing start plus the term's months. */
    termEndsAt: timestamp("term_ends_at", { withTimezone: true }),
    /** The first failed charge not yet paid; null when nothing is overdue. */
    overdueSince: timestamp("overdue_since", { withTimezone: true }),
    /** Stripe's last retry failed: a technician decides whether to suspend (nothing is deleted). */
    suspensionFlaggedAt: timestamp("suspension_flagged_at", { withTimezone: true }),
    /** What a technician decided about a flagged service: suspend it until paid, or keep it running. */
    suspensionDecision: text("suspension_decision").$type<SuspensionDecision>(),
    suspensionNote: text("suspension_note"),
    suspensionDecidedBy: uuid("suspension_decided_by").references(() => users.id),
    suspensionDecidedAt: timestamp("suspension_decided_at", { withTimezone: true }),
    /** The monthly price after an upgrade during the term (billing_changes) or a renewal; null: the accepted one. */
    currentMonthlyMinor: integer("current_monthly_minor"),
    /**
     * A renewing service continues after its term at the price then current for its configuration:
     * worked out (and set at Stripe, and told to the customer) in the term's last month, once.
     */
    renewalPricedAt: timestamp("renewal_priced_at", { withTimezone: true }),
    renewalMonthlyMinor: integer("renewal_monthly_minor"),
    /** Stripe refused or was unreachable when pricing the renewal: not before this. */
    renewalRetryAt: timestamp("renewal_retry_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("billing_subscriptions_overdue_idx")
      .on(t.overdueSince)
      .where(sql`overdue_since is not null`),
    // The operations board's overdue payments (overdueServices): its filter is this predicate, in its order.
    index("billing_subscriptions_attention_idx")
      .on(t.overdueSince)
      .where(sql`overdue_since is not null or suspension_flagged_at is not null`),
    index("billing_subscriptions_due_start_idx")
      .on(t.billingRequestedAt)
      .where(sql`billing_requested_at is not null and billing_started_at is null`),
  ],
);

/** One Stripe invoice of a subscription, as its events last described it (the customer's billing page lists them). */
export const billingInvoices = pgTable(
  "billing_invoices",
  {
    id: text("id").primaryKey(),
    acceptanceId: uuid("acceptance_id")
      .notNull()
      .references(() => acceptances.id, { onDelete: "cascade" }),
    stripeSubscriptionId: text("stripe_subscription_id").notNull(),
    number: text("number"),
    /** Stripe's status: draft, open, paid, uncollectible, void. */
    status: text("status").notNull(),
    billingReason: text("billing_reason"),
    amountDueMinor: integer("amount_due_minor").notNull(),
    amountPaidMinor: integer("amount_paid_minor").notNull(),
    currency: text("currency").notNull(),
    attemptCount: integer("attempt_count").notNull().default(0),
    nextPaymentAttempt: timestamp("next_payment_attempt", { withTimezone: true }),
    /** Failed attempts the customer has been e-mailed about (each once). */
    failuresNotified: integer("failures_notified").notNull().default(0),
    hostedInvoiceUrl: text("hosted_invoice_url"),
    invoicePdf: text("invoice_pdf"),
    periodStart: timestamp("period_start", { withTimezone: true }),
    periodEnd: timestamp("period_end", { withTimezone: true }),
    stripeCreatedAt: timestamp("stripe_created_at", { withTimezone: true }).notNull(),
    stripeEventAt: timestamp("stripe_event_at", { withTimezone: true }).notNull(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
  },
  (t) => [
    index("billing_invoices_acceptance_idx").on(t.acceptanceId, t.stripeCreatedAt),
    // A subscription's open invoices (what is owed, the next retry: overdueServices).
    index("billing_invoices_open_idx")
      .on(t.stripeSubscriptionId)
      .where(sql`status = 'open'`),
  ],
);

/**
 * An upgrade during the term (issue 20): the upgrade quote's acceptance changes its service's
 * subscription to the new monthly price when the upgrade is handed over (requested_at). The outbox
 * worker makes the change at Stripe with proration from that moment (`proration_date`): the unused
 * part of the billing month at the old price is credited, the rest at the new price charged, with
 * the upgrade's setup fee, on one invoice that day, as the quote stated (app/domain/proration.ts).
 */
export const billingChanges = pgTable(
  "billing_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The upgrade quote's acceptance (one change each). */
    acceptanceId: uuid("acceptance_id")
      .notNull()
      .unique()
      .references(() => acceptances.id, { onDelete: "cascade" }),
    subscriptionId: uuid("subscription_id")
      .notNull()
      .references(() => billingSubscriptions.id, { onDelete: "cascade" }),
    fromMonthlyMinor: integer("from_monthly_minor").notNull(),
    toMonthlyMinor: integer("to_monthly_minor").notNull(),
    setupMinor: integer("setup_minor").notNull(),
    /** The upgrade's hand-over: the moment the new price runs from (Stripe's proration_date). */
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    /** When the worker may try (again): a refusal or an outage waits a few minutes. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
    /** The prorated difference the invoice carries (credit for unused time subtracted), without setup. */
    proratedMinor: integer("prorated_minor"),
    stripeInvoiceId: text("stripe_invoice_id"),
    /** Why Stripe refused the last try (shown to staff). */
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [
    index("billing_changes_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`applied_at is null`),
  ],
);

export type ProvisioningStatus = "open" | "claimed" | "done";

/** A paid order handed to technicians to build. */
export const provisioningItems = pgTable(
  "provisioning_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    quoteRequestId: uuid("quote_request_id")
      .notNull()
      .unique()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    acceptanceId: uuid("acceptance_id")
      .notNull()
      .unique()
      .references(() => acceptances.id),
    status: text("status").$type<ProvisioningStatus>().notNull().default("open"),
    assigneeId: uuid("assignee_id").references(() => users.id),
    /**
     * A running service's ('done') next capacity review (issue 19 item 6): the last review, else the
     * hand-over, plus the service's cadence (models/capacity-review.server.ts, refreshReviewDue), so
     * the operations board reads the services due from an index instead of working it out for all.
     */
    capacityReviewDueAt: timestamp("capacity_review_due_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("provisioning_items_status_idx").on(t.status, t.createdAt),
    index("provisioning_items_review_due_idx")
      .on(t.capacityReviewDueAt)
      .where(sql`status = 'done'`),
  ],
);

/**
 * /readyz commits a write here on every probe: reads alone do not show that the database can take a
 * submission (a standby after a fail-over, a read-only database, a full disk on PGlite), and a
 * rolled-back write proves nothing because nothing has to reach the disk. One row, updated in place.
 */
export const readinessProbes = pgTable("readiness_probes", {
  id: integer("id").primaryKey(),
  checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Who the provider is (app/domain/company.ts): one row (id 1), edited by an admin, shown on every
 * customer page, e-mail and document. The logo is a small PNG or JPEG kept here so that PDFs can
 * embed it without a file store.
 */
export const companySettings = pgTable("company_settings", {
  id: integer("id").primaryKey(),
  legalName: text("legal_name").notNull(),
  address: text("address").notNull(),
  vatId: text("vat_id").notNull(),
  registration: text("registration").notNull(),
  phone: text("phone").notNull(),
  email: text("email").notNull(),
  supportHours: jsonb("support_hours").$type<SupportHours>().notNull(),
  dataCentres: jsonb("data_centres").$type<DataCentre[]>().notNull(),
  logoType: text("logo_type").$type<"image/png" | "image/jpeg">(),
  logoBase64: text("logo_base64"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => users.id),
});

/**
 * Terms of service and privacy policy, versioned: a published version never changes, customers see
 * the newest, and every acceptance records the terms version it agreed to.
 */
export const legalDocuments = pgTable(
  "legal_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").$type<LegalDocumentKind>().notNull(),
    version: text("version").notNull(),
    bodyEn: text("body_en").notNull(),
    bodyEs: text("body_es").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid("published_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("legal_documents_kind_version_idx").on(t.kind, t.version),
    index("legal_documents_kind_published_idx").on(t.kind, t.publishedAt),
  ],
);

/**
 * Customers' accounts (issue 18): an e-mail address, nothing else to remember. Sign-in is by a
 * one-time link; quote links keep working without an account.
 */
export const customerAccounts = pgTable("customer_accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Lower-cased: the account sees every quote made with this address in any case. */
  email: text("email").notNull().unique(),
  createdAt: createdAt(),
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
});

/** A one-time sign-in link: only its hash is kept; it expires after 15 minutes and works once. */
export const customerSignInLinks = pgTable(
  "customer_sign_in_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    email: text("email").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("customer_sign_in_links_email_idx").on(t.email, t.createdAt)],
);

/** Customers' sessions, like the staff ones (hashed token, expiry, revocable), in a cookie of their own. */
export const customerSessions = pgTable(
  "customer_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => customerAccounts.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("customer_sessions_account_idx").on(t.accountId)],
);

/**
 * What a technician delivered for one server of a provisioning item's checklist (app/domain/delivery.ts):
 * where it is, the facts measured on it (the check script's JSON) and the acceptance test's result.
 * A failed test blocks the hand-over unless an admin overrides it with a reason.
 */
export const deliveredServers = pgTable(
  "delivered_servers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    provisioningItemId: uuid("provisioning_item_id")
      .notNull()
      .references(() => provisioningItems.id, { onDelete: "cascade" }),
    /** The checklist row ("ax41-nvme-2"). */
    serverKey: text("server_key").notNull(),
    hostname: text("hostname").notNull(),
    ipAddresses: jsonb("ip_addresses").$type<string[]>().notNull(),
    dataCentre: text("data_centre").notNull(),
    serial: text("serial").notNull(),
    facts: jsonb("facts").$type<MeasuredFacts>(),
    results: jsonb("results").$type<CheckItem[]>(),
    passed: boolean("passed"),
    checkedAt: timestamp("checked_at", { withTimezone: true }),
    overrideReason: text("override_reason"),
    overrideBy: uuid("override_by").references(() => users.id),
    /** The customer's SSH keys installed on this server, as they were when installed (a key deleted later stays listed). */
    installedKeys: jsonb("installed_keys").$type<InstalledKey[]>().notNull().default([]),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("delivered_servers_item_key_idx").on(t.provisioningItemId, t.serverKey)],
);

/** The SSH public keys a customer adds on their account, installed on the servers delivered to them (no password ever). */
export const customerSshKeys = pgTable(
  "customer_ssh_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => customerAccounts.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    bits: integer("bits").notNull(),
    fingerprint: text("fingerprint").notNull(),
    comment: text("comment").notNull(),
    publicKey: text("public_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("customer_ssh_keys_account_fingerprint_idx").on(t.accountId, t.fingerprint)],
);

/**
 * Cutover windows (issue 18): the technician proposes windows in the customer's off-hours, the
 * customer confirms one (or suggests another). The database keeps one confirmed window per item.
 */
export const cutoverWindows = pgTable(
  "cutover_windows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    provisioningItemId: uuid("provisioning_item_id")
      .notNull()
      .references(() => provisioningItems.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** The customer's zone the window was planned in (the plan's). */
    timeZone: text("time_zone").notNull(),
    proposedBy: text("proposed_by").$type<"staff" | "customer">().notNull(),
    proposedByUser: uuid("proposed_by_user").references(() => users.id),
    note: text("note"),
    status: text("status").$type<CutoverWindowStatus>().notNull().default("proposed"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("cutover_windows_item_idx").on(t.provisioningItemId, t.startsAt),
    uniqueIndex("cutover_windows_one_confirmed_idx")
      .on(t.provisioningItemId)
      .where(sql`status = 'confirmed'`),
  ],
);

/** What happened during the confirmed window, as the technician posts it; each stage once. */
export const cutoverUpdates = pgTable(
  "cutover_updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    windowId: uuid("window_id")
      .notNull()
      .references(() => cutoverWindows.id, { onDelete: "cascade" }),
    stage: text("stage").$type<CutoverStage>().notNull(),
    note: text("note"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("cutover_updates_window_stage_idx").on(t.windowId, t.stage)],
);

/**
 * Something wrong with a running service (issue 19): opened by a technician, or reported by the
 * customer from their account (which pages the person on call). Every public update promises the
 * next one (`next_update_due_at`, from the severity's cadence: app/domain/incidents.ts); when that
 * time passes, the outbox worker pages the person on call, then an admin (`paged_step`, once each
 * per due time, across instances).
 */
export const incidents = pgTable(
  "incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The number customers and staff quote ("INC-42"). */
    number: bigserial("number", { mode: "number" }).notNull().unique(),
    /** The service (its quote) the incident affects. */
    quoteRequestId: uuid("quote_request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    severity: text("severity").$type<Severity>().notNull(),
    state: text("state").$type<IncidentState>().notNull().default("investigating"),
    /** What is affected, in the customer's words or the technician's (public). */
    title: text("title").notNull(),
    reportedByCustomer: boolean("reported_by_customer").notNull().default(false),
    openedBy: uuid("opened_by").references(() => users.id),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    firstResponseDueAt: timestamp("first_response_due_at", { withTimezone: true }).notNull(),
    firstRespondedAt: timestamp("first_responded_at", { withTimezone: true }),
    /** When the next public update is due (the first response first); null: none due (resolved, or P4 on change). */
    nextUpdateDueAt: timestamp("next_update_due_at", { withTimezone: true }),
    /** Escalation steps already paged for the current due time (0 none, 1 on call, 2 admins too). */
    pagedStep: integer("paged_step").notNull().default(0),
    /** The service was down from … to … (availability and credits count this, minus announced maintenance). */
    downtimeFrom: timestamp("downtime_from", { withTimezone: true }),
    downtimeTo: timestamp("downtime_to", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** The post-incident summary sent with the resolution. */
    summary: text("summary"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("incidents_due_idx")
      .on(t.nextUpdateDueAt)
      .where(sql`state <> 'resolved'`),
    index("incidents_quote_idx").on(t.quoteRequestId, t.openedAt),
  ],
);

/** An incident's timeline: public updates (the customer sees them) and internal notes (staff only). */
export const incidentUpdates = pgTable(
  "incident_updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    state: text("state").$type<IncidentState>().notNull(),
    body: text("body").notNull(),
    internal: boolean("internal").notNull().default(false),
    /** The next update this one promised (public updates of an open incident). */
    nextUpdateAt: timestamp("next_update_at", { withTimezone: true }),
    authorKind: text("author_kind").$type<"staff" | "customer">().notNull(),
    authorId: uuid("author_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("incident_updates_incident_idx").on(t.incidentId, t.createdAt)],
);

/** The weekly on-call rotation: technicians in turn (app/domain/incidents.ts onCallAt). */
export const oncallMembers = pgTable("oncall_members", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
});

/** When the rotation starts and hands over (one row). */
export const oncallSettings = pgTable("oncall_settings", {
  id: integer("id").primaryKey().default(1),
  startsOn: text("starts_on").notNull(),
  handoverWeekday: integer("handover_weekday").notNull().default(1),
  handoverTime: text("handover_time").notNull().default("09:00"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Someone else on call for a period (holidays, swaps): wins over the rotation, the latest made first. */
export const oncallOverrides = pgTable(
  "oncall_overrides",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    madeBy: uuid("made_by").references(() => users.id),
    madeAt: timestamp("made_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("oncall_overrides_time_idx").on(t.endsAt)],
);

/**
 * A running service's own settings (issue 19), one row per service (its quote): the contract's
 * incident targets over the defaults, its credit policy, how often its capacity is reviewed and the
 * customer's time zone for maintenance. No row: the defaults.
 */
export const serviceSettings = pgTable("service_settings", {
  quoteRequestId: uuid("quote_request_id")
    .primaryKey()
    .references(() => quoteRequests.id, { onDelete: "cascade" }),
  incidentTargets: jsonb("incident_targets").$type<ContractTargets>().notNull().default({}),
  /** Null: DEFAULT_CREDIT_POLICY. */
  creditPolicy: jsonb("credit_policy").$type<CreditPolicy | null>(),
  /** Months between capacity reviews (3: quarterly). */
  reviewEveryMonths: integer("review_every_months").notNull().default(3),
  /** The customer's zone for maintenance windows and their e-mails (null: the business zone). */
  timeZone: text("time_zone"),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A service's recurring maintenance window (RFC 5545 rule in the customer's zone: app/domain/maintenance.ts). */
export const maintenancePolicies = pgTable("maintenance_policies", {
  quoteRequestId: uuid("quote_request_id")
    .primaryKey()
    .references(() => quoteRequests.id, { onDelete: "cascade" }),
  rrule: text("rrule").notNull(),
  startTime: text("start_time").notNull(),
  durationMinutes: integer("duration_minutes").notNull(),
  timeZone: text("time_zone").notNull(),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Work a technician schedules on a service (issue 19), with the notice its kind needs. Reminders go
 * out at 72 h, 24 h, 1 h and at the start (outbox rows with a due time, withdrawn when the work moves). Work that
 * affects the service asks the customer to acknowledge it or ask for another slot; a technician
 * decides. Every state change is a customer-visible update (maintenance_updates).
 */
export const maintenanceWindows = pgTable(
  "maintenance_windows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The number customers and staff quote ("MW-7"). */
    number: bigserial("number", { mode: "number" }).notNull().unique(),
    quoteRequestId: uuid("quote_request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    kind: text("kind").$type<MaintenanceKind>().notNull(),
    /** What is done, for the customer. */
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** The delivered servers' hostnames the work touches (empty: the whole service). */
    affectedServers: jsonb("affected_servers").$type<string[]>().notNull().default([]),
    expectedDowntimeMinutes: integer("expected_downtime_minutes").notNull().default(0),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** The customer's zone the window was planned in. */
    timeZone: text("time_zone").notNull(),
    /** Why an emergency could not wait (required for emergencies). */
    reason: text("reason"),
    state: text("state").$type<MaintenanceState>().notNull().default("scheduled"),
    /** Downtime or disruptive work: the customer is asked to acknowledge it. */
    affectsService: boolean("affects_service").notNull(),
    customerResponse: text("customer_response").$type<MaintenanceResponse>(),
    customerNote: text("customer_note"),
    /** The slot the customer asked for instead (one of their policy's windows, or any time they name). */
    requestedStartsAt: timestamp("requested_starts_at", { withTimezone: true }),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    /** A technician's answer to "another slot": moved (to the slot) or kept (with a reason). */
    decision: text("decision").$type<"moved" | "kept">(),
    decisionNote: text("decision_note"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("maintenance_windows_quote_idx").on(t.quoteRequestId, t.startsAt),
    index("maintenance_windows_open_idx")
      .on(t.startsAt)
      .where(sql`state in ('scheduled', 'in_progress', 'extended')`),
  ],
);

/** A window's customer-visible timeline: scheduled, moved, started, extended, completed, cancelled. */
export const maintenanceUpdates = pgTable(
  "maintenance_updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    windowId: uuid("window_id")
      .notNull()
      .references(() => maintenanceWindows.id, { onDelete: "cascade" }),
    state: text("state").$type<MaintenanceState>().notNull(),
    body: text("body").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("maintenance_updates_window_idx").on(t.windowId, t.createdAt)],
);

/**
 * A capacity review (issue 19): the usage recorded (by a technician, or from the customer's
 * `specdesk-check.sh --usage` output), the capacity it is measured against, and what the engine
 * found; when something runs out within two quarters, the upgrade quote it drafted.
 */
export const capacityReviews = pgTable(
  "capacity_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    quoteRequestId: uuid("quote_request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    source: text("source").$type<"technician" | "customer">().notNull(),
    usage: jsonb("usage").$type<UsageFigures>().notNull(),
    capacity: jsonb("capacity").$type<UsageFigures>().notNull(),
    /** SMART raw values by attribute id (only the watched ones matter). */
    smart: jsonb("smart").$type<Record<string, number>>().notNull().default({}),
    findings: jsonb("findings").$type<ReviewFindings>().notNull(),
    upgradeQuoteRequestId: uuid("upgrade_quote_request_id").references((): AnyPgColumn => quoteRequests.id, {
      onDelete: "set null",
    }),
    recordedBy: uuid("recorded_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("capacity_reviews_quote_idx").on(t.quoteRequestId, t.recordedAt)],
);
