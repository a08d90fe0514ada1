ALTER TABLE "proposals" ADD COLUMN "failure" jsonb;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "runs_out_first" jsonb;