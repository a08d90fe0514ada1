CREATE TABLE "delivered_servers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provisioning_item_id" uuid NOT NULL,
	"server_key" text NOT NULL,
	"hostname" text NOT NULL,
	"ip_addresses" jsonb NOT NULL,
	"data_centre" text NOT NULL,
	"serial" text NOT NULL,
	"facts" jsonb,
	"results" jsonb,
	"passed" boolean,
	"checked_at" timestamp with time zone,
	"override_reason" text,
	"override_by" uuid,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "delivered_servers" ADD CONSTRAINT "delivered_servers_provisioning_item_id_provisioning_items_id_fk" FOREIGN KEY ("provisioning_item_id") REFERENCES "public"."provisioning_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivered_servers" ADD CONSTRAINT "delivered_servers_override_by_users_id_fk" FOREIGN KEY ("override_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivered_servers" ADD CONSTRAINT "delivered_servers_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "delivered_servers_item_key_idx" ON "delivered_servers" USING btree ("provisioning_item_id","server_key");