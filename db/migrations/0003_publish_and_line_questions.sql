ALTER TABLE "quote_messages" ADD COLUMN "line_ref" jsonb;--> statement-breakpoint
ALTER TABLE "quote_requests" ADD COLUMN "published_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "quote_requests" ADD COLUMN "decline_reason" text;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "sla_started_at" timestamp with time zone DEFAULT now() NOT NULL;