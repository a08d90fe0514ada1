ALTER TABLE "proposal_versions" ADD COLUMN "migration_plan" jsonb;--> statement-breakpoint
ALTER TABLE "quote_requests" ADD COLUMN "migration_plan" jsonb;