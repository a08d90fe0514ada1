ALTER TABLE "addons" DROP COLUMN "active";--> statement-breakpoint
ALTER TABLE "server_models" DROP COLUMN "active";