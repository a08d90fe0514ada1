-- A quote's currency is its price book's (issue 15, item 6); quotes before USD books existed are EUR.
ALTER TABLE "quote_requests" ADD COLUMN "currency" text DEFAULT 'EUR' NOT NULL;--> statement-breakpoint
UPDATE "quote_requests" q SET "currency" = b."currency" FROM "price_books" b WHERE b."id" = q."price_book_id";--> statement-breakpoint
ALTER TABLE "quote_requests" ADD CONSTRAINT "quote_requests_currency_ck" CHECK ("currency" IN ('EUR', 'USD'));
