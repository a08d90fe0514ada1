ALTER TABLE "billing_subscriptions" ADD COLUMN "suspension_decision" text;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD COLUMN "suspension_note" text;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD COLUMN "suspension_decided_by" uuid;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD COLUMN "suspension_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD CONSTRAINT "billing_subscriptions_suspension_decided_by_users_id_fk" FOREIGN KEY ("suspension_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;