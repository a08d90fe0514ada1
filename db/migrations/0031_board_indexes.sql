ALTER TABLE "provisioning_items" ADD COLUMN "capacity_review_due_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "billing_invoices_open_idx" ON "billing_invoices" USING btree ("stripe_subscription_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "billing_subscriptions_attention_idx" ON "billing_subscriptions" USING btree ("overdue_since") WHERE overdue_since is not null or suspension_flagged_at is not null;--> statement-breakpoint
CREATE INDEX "provisioning_items_review_due_idx" ON "provisioning_items" USING btree ("capacity_review_due_at") WHERE status = 'done';--> statement-breakpoint
-- Backfill: each running service's next capacity review is its last review, else its hand-over
-- (the item's last change), plus its cadence (service_settings, else 3 months), in UTC calendar months.
UPDATE "provisioning_items" p SET "capacity_review_due_at" = (
  (coalesce((SELECT max(r."recorded_at") FROM "capacity_reviews" r WHERE r."quote_request_id" = p."quote_request_id"), p."updated_at")
    AT TIME ZONE 'UTC')
  + make_interval(months => coalesce(
    (SELECT ss."review_every_months" FROM "service_settings" ss WHERE ss."quote_request_id" = p."quote_request_id"), 3))
) AT TIME ZONE 'UTC'
WHERE p."status" = 'done';
