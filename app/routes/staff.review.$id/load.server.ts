import { data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { loadCatalog } from "~/models/catalog.server";
import { latestVersion } from "~/models/proposal-version.server";
import { getQuoteById } from "~/models/quote-request.server";
import { getReviewItem } from "~/models/review-item.server";
import { listStaff } from "~/models/user.server";
import { presentReviewItem } from "~/presenters/staff-review";
import { presentStaffMigration } from "~/presenters/staff-migration";
import { i18next } from "~/i18next.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { staffTime } from "~/utils/staff-time.server";
import { presentCustomConfiguration, readCustomConfigurationFields } from "./custom-config.server";

/** The review item of the URL, or a 404 for malformed and unknown ids alike. */
export async function requireReviewItem(rawId: string | undefined) {
  const parsed = z.uuid().safeParse(rawId);
  if (!parsed.success) throw data(null, { status: 404 });
  const db = getDb();
  const review = await getReviewItem(db, parsed.data);
  if (!review) throw data(null, { status: 404 });
  return { db, id: parsed.data, review };
}

/**
 * The review page for every staff role that reads the queue; the item's quote at its latest version.
 * The URL's query is the custom configuration form submitted with GET: its catalog search (`q`), the
 * products and lines picked so far, and their capacity against the request's demand.
 */
export async function loadReviewPage(request: Request, rawId: string | undefined) {
  const user = await requireStaffPermission(request, "read:review_queue");
  const { db, review } = await requireReviewItem(rawId);
  // The engine records version 1 even when it proposed nothing (no proposal rows): call it that, as the customer does.
  const latest = (await latestVersion(db, review.quote.id)) || 1;
  const [quote, staff, catalog] = await Promise.all([
    getQuoteById(db, review.quote.id, latest),
    can(user.role, "assign:review_item") ? listStaff(db) : Promise.resolve([]),
    loadCatalog(db, new Date(), review.quote.currency),
  ]);
  if (!quote) throw data(null, { status: 404 });
  const fields = readCustomConfigurationFields(new URL(request.url).searchParams);
  const t = await i18next.getFixedT("en");
  return {
    ...presentReviewItem({ user, review, quote, latest, catalog, staff, t, time: staffTime() }),
    // The plan of the latest version (a technician's override, else the planner's); null: not moving.
    migration: quote.migrationPlan ? presentStaffMigration(quote.migrationPlan, t) : null,
    custom: await presentCustomConfiguration(
      { ...fields, availability: fields.availability || quote.requirements.availability },
      catalog,
      quote.requirements.termMonths,
      quote.demand,
      quote.requirements.region,
    ),
  };
}
