ALTER TABLE "outbox_messages" ADD COLUMN "attachment" jsonb;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "payment_intent_id" text;