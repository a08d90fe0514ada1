-- The operations weight (issue 14, item 2): technician time one server costs per month, in minor units
-- per server per month. The optimiser adds it per proposed server; prices never include it. Existing
-- price books get the default: 15 minutes at EUR 84 an hour = EUR 21.00 (app/domain/rules.ts).
ALTER TABLE "price_books" ADD COLUMN "ops_minor_per_server_month" integer DEFAULT 2100 NOT NULL;
