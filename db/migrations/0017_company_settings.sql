CREATE TABLE "company_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"legal_name" text NOT NULL,
	"address" text NOT NULL,
	"vat_id" text NOT NULL,
	"registration" text NOT NULL,
	"phone" text NOT NULL,
	"email" text NOT NULL,
	"support_hours" jsonb NOT NULL,
	"data_centres" jsonb NOT NULL,
	"logo_type" text,
	"logo_base64" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "legal_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"version" text NOT NULL,
	"body_en" text NOT NULL,
	"body_es" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid
);
--> statement-breakpoint
ALTER TABLE "company_settings" ADD CONSTRAINT "company_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_documents" ADD CONSTRAINT "legal_documents_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "legal_documents_kind_version_idx" ON "legal_documents" USING btree ("kind","version");--> statement-breakpoint
CREATE INDEX "legal_documents_kind_published_idx" ON "legal_documents" USING btree ("kind","published_at");--> statement-breakpoint
ALTER TABLE "company_settings" ADD CONSTRAINT "company_settings_single_row" CHECK ("id" = 1);--> statement-breakpoint
INSERT INTO "company_settings" ("id", "legal_name", "address", "vat_id", "registration", "phone", "email", "support_hours", "data_centres") VALUES (1, 'SpecDesk Hosting S.L.', E'Calle de Alcalá 123\n28009 Madrid\nSpain', 'ESB12345678', 'Registro Mercantil de Madrid, tomo 41234, folio 1, hoja M-730000', '+34 910 000 000', 'support@specdesk.local', '{"weekdays":[1,2,3,4,5],"opensAt":"08:00","closesAt":"20:00","timeZone":"Europe/Madrid","outagesAroundTheClock":true}', '[{"city":"Falkenstein","country":"DE"},{"city":"Nuremberg","country":"DE"},{"city":"Helsinki","country":"FI"},{"city":"Ashburn","country":"US"}]') ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "legal_documents" ("kind", "version", "body_en", "body_es", "published_at") VALUES ('terms', '2026-12-04', E'Prices are in the currency of the proposal (euros or US dollars) and exclude VAT or sales tax, which is added to the invoice where it applies.
You pay the one-time setup fee and the first month when you accept; after that we invoice monthly in advance.
The term you chose is a minimum commitment; after it the service continues month to month and either side may end it with 30 days'' notice.
We provide the servers and network as described in the accepted proposal, with the availability stated there.
Servers are delivered within 5 business days of payment unless agreed otherwise; if we cannot deliver, you get your payment back in full.
You are responsible for the software and data you run on the servers and for lawful use of the service.
The accepted prices hold for the whole term; later catalogue changes do not affect them.', 'Los precios están en la moneda de la propuesta (euros o dólares estadounidenses) y no incluyen el IVA ni otros impuestos sobre las ventas, que se añaden a la factura cuando corresponde.
Al aceptar paga la cuota de alta única y el primer mes; después facturamos mensualmente por adelantado.
El plazo elegido es un compromiso mínimo; después el servicio continúa mes a mes y cualquiera de las partes puede terminarlo con 30 días de preaviso.
Proporcionamos los servidores y la red tal como se describen en la propuesta aceptada, con la disponibilidad indicada en ella.
Los servidores se entregan en 5 días laborables desde el pago salvo otro acuerdo; si no podemos entregarlos, le devolvemos el pago íntegro.
Usted es responsable del software y los datos que ejecute en los servidores y del uso lícito del servicio.
Los precios aceptados se mantienen durante todo el plazo; los cambios posteriores del catálogo no les afectan.', '2026-12-04T00:00:00Z') ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "legal_documents" ("kind", "version", "body_en", "body_es", "published_at") VALUES ('privacy', '2026-12-04', E'SpecDesk Hosting S.L. (the company named at the foot of every page) is the controller of the personal data you give us.
We use your name, e-mail address, company and the workloads you describe to prepare, send and follow up your proposals, and, once you accept, to deliver, invoice and support the service.
The legal basis is the steps you ask for before a contract and, after acceptance, the contract itself; invoices are kept for as long as tax law requires.
Quotes that are never accepted are deleted 24 months after their last use.
Card payments are processed by Stripe; we never see or store your card number.
We do not sell your data or use it for advertising. Our staff see it only to do the work above.
You may ask for a copy, a correction or the deletion of your data at the support address below, and you may complain to your data protection authority.', 'SpecDesk Hosting S.L. (la empresa que figura al pie de cada página) es la responsable de los datos personales que nos facilita.
Usamos su nombre, dirección de correo, empresa y las cargas de trabajo que describe para preparar, enviar y dar seguimiento a sus propuestas y, una vez aceptadas, para entregar, facturar y dar soporte al servicio.
La base legal son las medidas precontractuales que usted solicita y, tras la aceptación, el propio contrato; las facturas se conservan el tiempo que exige la ley tributaria.
Los presupuestos que nunca se aceptan se eliminan 24 meses después de su último uso.
Los pagos con tarjeta los procesa Stripe; nunca vemos ni guardamos el número de su tarjeta.
No vendemos sus datos ni los usamos para publicidad. Nuestro personal solo los ve para realizar el trabajo descrito.
Puede pedir una copia, la rectificación o la supresión de sus datos en la dirección de soporte indicada abajo, y puede reclamar ante su autoridad de protección de datos.', '2026-12-04T00:00:00Z') ON CONFLICT DO NOTHING;
