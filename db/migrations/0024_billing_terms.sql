-- Issue 20: monthly billing starts at hand-over and the customer chooses at acceptance whether the
-- service ends or renews after the term. The terms in force say so in a new version, published only
-- where an admin has not rewritten those two clauses (everything else in the newest version is kept).
INSERT INTO "legal_documents" ("kind", "version", "body_en", "body_es", "published_at")
SELECT 'terms', '2026-12-05',
  replace(replace(body_en,
    'You pay the one-time setup fee and the first month when you accept; after that we invoice monthly in advance.',
    'You pay the one-time setup fee and any one-off work (such as a migration) when you accept. Monthly invoices start on the day we hand the servers over to you, in advance, on the same day each month, charged to the card you gave at payment.'),
    'The term you chose is a minimum commitment; after it the service continues month to month and either side may end it with 30 days'' notice.',
    'The term you chose is a minimum commitment. At acceptance you choose whether the service ends with the term or continues month to month at the same monthly price; a continuing service can be cancelled from your account and then ends at the end of the term or of the month already paid. If a monthly payment fails we try again and tell you each time; after the last attempt we may suspend the service, never delete it, until it is paid.'),
  replace(replace(body_es,
    'Al aceptar paga la cuota de alta única y el primer mes; después facturamos mensualmente por adelantado.',
    'Al aceptar paga la cuota de alta única y los trabajos puntuales (como una migración). Las facturas mensuales empiezan el día en que le entregamos los servidores, por adelantado, el mismo día de cada mes, con cargo a la tarjeta que indicó al pagar.'),
    'El plazo elegido es un compromiso mínimo; después el servicio continúa mes a mes y cualquiera de las partes puede terminarlo con 30 días de preaviso.',
    'El plazo elegido es un compromiso mínimo. Al aceptar elige si el servicio termina con el plazo o continúa mes a mes con el mismo precio mensual; un servicio que continúa puede cancelarse desde su cuenta y termina al final del plazo o del mes ya pagado. Si un pago mensual falla, lo intentamos de nuevo y se lo decimos cada vez; tras el último intento podemos suspender el servicio, nunca borrarlo, hasta que se pague.'),
  now()
FROM "legal_documents"
WHERE "kind" = 'terms'
  AND "published_at" = (SELECT max("published_at") FROM "legal_documents" WHERE "kind" = 'terms')
  AND "version" < '2026-12-05'
  AND body_en LIKE '%You pay the one-time setup fee and the first month when you accept%'
ON CONFLICT DO NOTHING;
