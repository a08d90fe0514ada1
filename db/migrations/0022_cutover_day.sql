CREATE TABLE "cutover_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"window_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cutover_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provisioning_item_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"proposed_by" text NOT NULL,
	"proposed_by_user" uuid,
	"note" text,
	"status" text DEFAULT 'proposed' NOT NULL,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "delivered_servers" ADD COLUMN "installed_keys" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "cutover_updates" ADD CONSTRAINT "cutover_updates_window_id_cutover_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."cutover_windows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cutover_updates" ADD CONSTRAINT "cutover_updates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cutover_windows" ADD CONSTRAINT "cutover_windows_provisioning_item_id_provisioning_items_id_fk" FOREIGN KEY ("provisioning_item_id") REFERENCES "public"."provisioning_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cutover_windows" ADD CONSTRAINT "cutover_windows_proposed_by_user_users_id_fk" FOREIGN KEY ("proposed_by_user") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cutover_updates_window_stage_idx" ON "cutover_updates" USING btree ("window_id","stage");--> statement-breakpoint
CREATE INDEX "cutover_windows_item_idx" ON "cutover_windows" USING btree ("provisioning_item_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cutover_windows_one_confirmed_idx" ON "cutover_windows" USING btree ("provisioning_item_id") WHERE status = 'confirmed';--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_key_idx" ON "outbox_messages" USING btree ("dedupe_key") WHERE dedupe_key is not null;