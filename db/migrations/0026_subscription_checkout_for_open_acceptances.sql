-- Issue 20: acceptances made before billing by subscription and not yet paid asked for the setup fee
-- plus the first month in one payment. They now pay the setup fee at Checkout and the months from
-- hand-over: what is due now becomes the setup fee, and their open payment-mode sessions are
-- retired, so the next "Pay" makes a subscription-mode session (a late payment of an old session is
-- refused as an amount mismatch and audited, never marked paid).
UPDATE "acceptances" SET "due_now_minor" = "setup_minor"
WHERE "paid_at" IS NULL AND "due_now_minor" <> "setup_minor"
  -- A bank transfer already on its way settles the old amount: leave those as they are.
  AND NOT EXISTS (SELECT 1 FROM "payments" p WHERE p."acceptance_id" = "acceptances"."id" AND p."status" = 'processing');
--> statement-breakpoint
UPDATE "payments" SET "status" = 'expired', "updated_at" = now()
WHERE "status" = 'open' AND "acceptance_id" IN (SELECT "id" FROM "acceptances" WHERE "paid_at" IS NULL);
