ALTER TABLE "billing_subscriptions" ADD COLUMN "renewal_priced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD COLUMN "renewal_monthly_minor" integer;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD COLUMN "renewal_retry_at" timestamp with time zone;--> statement-breakpoint
-- Issue 20: a service that continues after its term does so at the price then current for its
-- configuration (told a month ahead), not at the accepted one. Published as a new terms version only
-- where an admin has not rewritten that clause.
INSERT INTO "legal_documents" ("kind", "version", "body_en", "body_es", "published_at")
SELECT 'terms', '2026-12-05.2',
  replace(body_en,
    'continues month to month at the same monthly price;',
    'continues month to month at the monthly price then current for its configuration (we tell you that price a month before the term ends, and you can still choose to end the service with the term);'),
  replace(body_es,
    'continúa mes a mes con el mismo precio mensual;',
    'continúa mes a mes con el precio mensual vigente entonces para su configuración (se lo comunicamos un mes antes de que termine el plazo y aún puede elegir que el servicio termine con el plazo);'),
  now()
FROM "legal_documents"
WHERE "kind" = 'terms'
  AND "published_at" = (SELECT max("published_at") FROM "legal_documents" WHERE "kind" = 'terms')
  AND "version" < '2026-12-05.2'
  AND body_en LIKE '%continues month to month at the same monthly price;%'
  AND body_es LIKE '%continúa mes a mes con el mismo precio mensual;%'
ON CONFLICT DO NOTHING;
