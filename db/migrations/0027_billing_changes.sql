CREATE TABLE "billing_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"acceptance_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"from_monthly_minor" integer NOT NULL,
	"to_monthly_minor" integer NOT NULL,
	"setup_minor" integer NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone,
	"prorated_minor" integer,
	"stripe_invoice_id" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_changes_acceptance_id_unique" UNIQUE("acceptance_id")
);
--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD COLUMN "current_monthly_minor" integer;--> statement-breakpoint
ALTER TABLE "quote_requests" ADD COLUMN "upgrades_acceptance_id" uuid;--> statement-breakpoint
ALTER TABLE "billing_changes" ADD CONSTRAINT "billing_changes_acceptance_id_acceptances_id_fk" FOREIGN KEY ("acceptance_id") REFERENCES "public"."acceptances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_changes" ADD CONSTRAINT "billing_changes_subscription_id_billing_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."billing_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_changes_due_idx" ON "billing_changes" USING btree ("next_attempt_at") WHERE applied_at is null;--> statement-breakpoint
ALTER TABLE "quote_requests" ADD CONSTRAINT "quote_requests_upgrades_acceptance_id_acceptances_id_fk" FOREIGN KEY ("upgrades_acceptance_id") REFERENCES "public"."acceptances"("id") ON DELETE set null ON UPDATE no action;