CREATE TABLE "billing_invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"acceptance_id" uuid NOT NULL,
	"stripe_subscription_id" text NOT NULL,
	"number" text,
	"status" text NOT NULL,
	"billing_reason" text,
	"amount_due_minor" integer NOT NULL,
	"amount_paid_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"next_payment_attempt" timestamp with time zone,
	"failures_notified" integer DEFAULT 0 NOT NULL,
	"hosted_invoice_url" text,
	"invoice_pdf" text,
	"period_start" timestamp with time zone,
	"period_end" timestamp with time zone,
	"stripe_created_at" timestamp with time zone NOT NULL,
	"stripe_event_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "billing_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"acceptance_id" uuid NOT NULL,
	"stripe_subscription_id" text NOT NULL,
	"stripe_customer_id" text NOT NULL,
	"status" text NOT NULL,
	"trial_end" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"cancel_at" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"ended_at" timestamp with time zone,
	"stripe_event_at" timestamp with time zone NOT NULL,
	"billing_requested_at" timestamp with time zone,
	"billing_started_at" timestamp with time zone,
	"term_ends_at" timestamp with time zone,
	"overdue_since" timestamp with time zone,
	"suspension_flagged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_subscriptions_acceptance_id_unique" UNIQUE("acceptance_id"),
	CONSTRAINT "billing_subscriptions_stripe_subscription_id_unique" UNIQUE("stripe_subscription_id")
);
--> statement-breakpoint
ALTER TABLE "acceptances" ADD COLUMN "renewal" text DEFAULT 'end' NOT NULL;--> statement-breakpoint
ALTER TABLE "billing_invoices" ADD CONSTRAINT "billing_invoices_acceptance_id_acceptances_id_fk" FOREIGN KEY ("acceptance_id") REFERENCES "public"."acceptances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD CONSTRAINT "billing_subscriptions_acceptance_id_acceptances_id_fk" FOREIGN KEY ("acceptance_id") REFERENCES "public"."acceptances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_invoices_acceptance_idx" ON "billing_invoices" USING btree ("acceptance_id","stripe_created_at");--> statement-breakpoint
CREATE INDEX "billing_subscriptions_overdue_idx" ON "billing_subscriptions" USING btree ("overdue_since") WHERE overdue_since is not null;--> statement-breakpoint
CREATE INDEX "billing_subscriptions_due_start_idx" ON "billing_subscriptions" USING btree ("billing_requested_at") WHERE billing_requested_at is not null and billing_started_at is null;