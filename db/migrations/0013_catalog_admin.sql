-- Catalog and price-book administration (issue 15): product statuses, translatable names, what each
-- model includes, price books as drafts and published versions with a rate card.
CREATE TABLE "catalog_revision" (
	"id" integer PRIMARY KEY NOT NULL,
	"revision" bigint NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "price_books" ALTER COLUMN "effective_from" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "addons" ADD COLUMN "names" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "addons" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "addons" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "price_books" ADD COLUMN "status" text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE "price_books" ADD COLUMN "rate_card" jsonb DEFAULT '[{"kind":"business_hours","minorPerHour":8400,"minimumMinutes":15},{"kind":"off_hours","minorPerHour":12600,"minimumMinutes":15},{"kind":"emergency","minorPerHour":16800,"minimumMinutes":15}]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "price_books" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "price_books" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "price_books" ADD COLUMN "published_by" uuid;--> statement-breakpoint
ALTER TABLE "server_models" ADD COLUMN "raid_options" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "server_models" ADD COLUMN "names" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Existing models get their line's default facts (app/domain/product-facts.ts defaultFacts); the seed
-- then writes each model's own.
ALTER TABLE "server_models" ADD COLUMN "includes" jsonb DEFAULT '{"backup":"none","osManagement":"none","support":{"hours":"business","responseHours":4},"hardwareReplacementHours":4,"notIncluded":["control_panel_licence","os_licence","database_licence","migration_labour","restore_labour","emergency_work","datacenter_visits","maintenance_downtime","dns_email_migration"]}'::jsonb NOT NULL;--> statement-breakpoint
UPDATE "server_models" SET "includes" = '{"backup":"none","osManagement":"none","support":{"hours":"business","responseHours":4},"hardwareReplacementHours":null,"notIncluded":["control_panel_licence","os_licence","database_licence","migration_labour","restore_labour","emergency_work","maintenance_downtime","dns_email_migration"]}'::jsonb WHERE "line" = 'cloud';--> statement-breakpoint
ALTER TABLE "server_models" ALTER COLUMN "includes" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "server_models" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "server_models" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "price_books_published_effective_uq" ON "price_books" USING btree ("currency","effective_from") WHERE status = 'published';--> statement-breakpoint
UPDATE "price_books" SET "published_at" = "effective_from";--> statement-breakpoint
ALTER TABLE "price_books" ADD CONSTRAINT "price_books_status_ck" CHECK ("status" IN ('draft', 'published'));--> statement-breakpoint
ALTER TABLE "price_books" ADD CONSTRAINT "price_books_published_ck" CHECK ("status" = 'draft' OR ("effective_from" IS NOT NULL AND "published_at" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "server_models" ADD CONSTRAINT "server_models_status_ck" CHECK ("status" IN ('draft', 'active', 'retired'));--> statement-breakpoint
ALTER TABLE "addons" ADD CONSTRAINT "addons_status_ck" CHECK ("status" IN ('draft', 'active', 'retired'));--> statement-breakpoint
-- Products switched off before statuses existed are retired.
UPDATE "server_models" SET "status" = 'retired' WHERE NOT "active";--> statement-breakpoint
UPDATE "addons" SET "status" = 'retired' WHERE NOT "active";--> statement-breakpoint
-- A published price book never changes: quotes priced with it must be reproducible (issue 15). The
-- application never tries; these triggers make sure nothing else does either.
CREATE FUNCTION "price_book_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."status" = 'published' THEN
      RAISE EXCEPTION 'price book % is published and cannot change', OLD."version" USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" = 'published' THEN
    RAISE EXCEPTION 'price book % is published and cannot change', OLD."version" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "price_books_immutable" BEFORE UPDATE OR DELETE ON "price_books" FOR EACH ROW EXECUTE FUNCTION "price_book_immutable"();--> statement-breakpoint
CREATE FUNCTION "price_book_item_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE book_id integer;
BEGIN
  IF TG_OP = 'INSERT' THEN book_id := NEW."price_book_id"; ELSE book_id := OLD."price_book_id"; END IF;
  IF EXISTS (SELECT 1 FROM "price_books" WHERE "id" = book_id AND "status" = 'published') THEN
    RAISE EXCEPTION 'price book % is published and cannot change', book_id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW."price_book_id" <> OLD."price_book_id"
     AND EXISTS (SELECT 1 FROM "price_books" WHERE "id" = NEW."price_book_id" AND "status" = 'published') THEN
    RAISE EXCEPTION 'price book % is published and cannot change', NEW."price_book_id" USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "price_book_items_immutable" BEFORE INSERT OR UPDATE OR DELETE ON "price_book_items" FOR EACH ROW EXECUTE FUNCTION "price_book_item_immutable"();--> statement-breakpoint
-- One row counts changes to the catalog and price books, so a process can tell in one cheap query
-- whether the catalog it built (app/models/catalog.server.ts) is still current.
INSERT INTO "catalog_revision" ("id", "revision") VALUES (1, 1);--> statement-breakpoint
CREATE FUNCTION "bump_catalog_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "catalog_revision" SET "revision" = "revision" + 1, "changed_at" = now() WHERE "id" = 1;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "server_models_revision" AFTER INSERT OR UPDATE OR DELETE ON "server_models" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalog_revision"();--> statement-breakpoint
CREATE TRIGGER "addons_revision" AFTER INSERT OR UPDATE OR DELETE ON "addons" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalog_revision"();--> statement-breakpoint
CREATE TRIGGER "price_books_revision" AFTER INSERT OR UPDATE OR DELETE ON "price_books" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalog_revision"();--> statement-breakpoint
CREATE TRIGGER "price_book_items_revision" AFTER INSERT OR UPDATE OR DELETE ON "price_book_items" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalog_revision"();