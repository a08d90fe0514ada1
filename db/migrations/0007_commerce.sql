CREATE TABLE "acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"quote_request_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"tier" text NOT NULL,
	"proposal_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"setup_minor" integer NOT NULL,
	"monthly_minor" integer NOT NULL,
	"term_months" integer NOT NULL,
	"term_total_minor" integer NOT NULL,
	"due_now_minor" integer NOT NULL,
	"terms_version" text NOT NULL,
	"name" text NOT NULL,
	"company" text,
	"email" text NOT NULL,
	"po_number" text,
	"ip" text,
	"user_agent" text,
	"share_link_id" uuid,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "acceptances_quote_request_id_unique" UNIQUE("quote_request_id")
);
--> statement-breakpoint
CREATE TABLE "discount_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"quote_request_id" uuid NOT NULL,
	"base_version" integer NOT NULL,
	"bps" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"resulting_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"acceptance_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"checkout_session_id" text NOT NULL,
	"checkout_url" text,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_checkout_session_id_unique" UNIQUE("checkout_session_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_versions" (
	"quote_request_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"origin" text NOT NULL,
	"based_on" integer,
	"price_book_id" integer,
	"sales_discount_bps" integer DEFAULT 0 NOT NULL,
	"changes" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"valid_until" timestamp with time zone,
	CONSTRAINT "proposal_versions_quote_request_id_version_pk" PRIMARY KEY("quote_request_id","version")
);
--> statement-breakpoint
CREATE TABLE "provisioning_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"quote_request_id" uuid NOT NULL,
	"acceptance_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provisioning_items_quote_request_id_unique" UNIQUE("quote_request_id"),
	CONSTRAINT "provisioning_items_acceptance_id_unique" UNIQUE("acceptance_id")
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"stripe_created_at" timestamp with time zone NOT NULL,
	"checkout_session_id" text,
	"outcome" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "acceptances" ADD CONSTRAINT "acceptances_quote_request_id_quote_requests_id_fk" FOREIGN KEY ("quote_request_id") REFERENCES "public"."quote_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptances" ADD CONSTRAINT "acceptances_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptances" ADD CONSTRAINT "acceptances_share_link_id_share_links_id_fk" FOREIGN KEY ("share_link_id") REFERENCES "public"."share_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_requests" ADD CONSTRAINT "discount_requests_quote_request_id_quote_requests_id_fk" FOREIGN KEY ("quote_request_id") REFERENCES "public"."quote_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_requests" ADD CONSTRAINT "discount_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_requests" ADD CONSTRAINT "discount_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_acceptance_id_acceptances_id_fk" FOREIGN KEY ("acceptance_id") REFERENCES "public"."acceptances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_versions" ADD CONSTRAINT "proposal_versions_quote_request_id_quote_requests_id_fk" FOREIGN KEY ("quote_request_id") REFERENCES "public"."quote_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_versions" ADD CONSTRAINT "proposal_versions_price_book_id_price_books_id_fk" FOREIGN KEY ("price_book_id") REFERENCES "public"."price_books"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisioning_items" ADD CONSTRAINT "provisioning_items_quote_request_id_quote_requests_id_fk" FOREIGN KEY ("quote_request_id") REFERENCES "public"."quote_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisioning_items" ADD CONSTRAINT "provisioning_items_acceptance_id_acceptances_id_fk" FOREIGN KEY ("acceptance_id") REFERENCES "public"."acceptances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisioning_items" ADD CONSTRAINT "provisioning_items_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discount_requests_status_idx" ON "discount_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "discount_requests_one_pending_uq" ON "discount_requests" USING btree ("quote_request_id") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "payments_acceptance_attempt_uq" ON "payments" USING btree ("acceptance_id","attempt");--> statement-breakpoint
CREATE INDEX "provisioning_items_status_idx" ON "provisioning_items" USING btree ("status","created_at");--> statement-breakpoint
-- Versions written before this migration: the first is the engine's, later ones technicians'; the
-- version the customer sees counts as published when it was written, valid for 30 days.
INSERT INTO "proposal_versions" ("quote_request_id", "version", "origin", "based_on", "price_book_id", "created_at", "published_at", "valid_until")
SELECT p."quote_request_id", p."version", CASE WHEN p."version" = 1 THEN 'engine' ELSE 'adjustment' END, NULLIF(p."version" - 1, 0), q."price_book_id", min(p."created_at"),
  CASE WHEN p."version" = q."published_version" AND q."status" IN ('proposed', 'published') THEN min(p."created_at") END,
  CASE WHEN p."version" = q."published_version" AND q."status" IN ('proposed', 'published') THEN min(p."created_at") + interval '30 days' END
FROM "proposals" p JOIN "quote_requests" q ON q."id" = p."quote_request_id"
GROUP BY p."quote_request_id", p."version", q."price_book_id", q."published_version", q."status"
ON CONFLICT DO NOTHING;
