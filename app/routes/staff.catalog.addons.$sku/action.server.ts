import { data, redirect } from "@remix-run/node";
import type { Executor } from "#db/client.server";
import { addonChangesSchema, newAddonSchema, productStatusSchema } from "~/domain/catalog-schemas";
import { changeAddonStatus, createAddon, getAddon, updateAddon } from "~/models/catalog-admin.server";
import type { Actor } from "~/utils/permissions";
import { answering, done, formReader, invalid, refused, sentValues } from "../staff.catalog._index/form-input.server";
import { STATUS_LABELS } from "../staff.catalog._index/labels";

const LISTS = ["lines"];

/** The add-on form as the schema's input (empty size and storage mean none). */
function addonInput(form: FormData) {
  const read = formReader(form);
  return {
    name: read.text("name"),
    names: { es: read.text("names.es") },
    kind: read.choice("kind"),
    sizeGb: read.number("sizeGb") ?? null,
    storageClass: read.choice("storageClass") ?? null,
    lines: read.list("lines"),
  };
}

/**
 * The add-on page's actions: create (on /new), save changes, change the status; admins only (the
 * route checks `write:catalog`). Bad input is a 400 with each field's message; SKUs never change.
 */
export async function addonAction(db: Executor, actor: Actor, sku: string, form: FormData) {
  const intent = form.get("intent");
  const values = sentValues(form, LISTS);
  if (sku === "new") {
    if (intent !== "create") return refused(400, [{ path: "intent", message: "Unknown action." }]);
    const parsed = newAddonSchema.safeParse({ sku: formReader(form).text("sku"), ...addonInput(form) });
    if (!parsed.success) return invalid(parsed.error, values);
    return answering("sku", values, async () => {
      const created = await createAddon(db, actor, parsed.data);
      return redirect(`/staff/catalog/addons/${created.sku}?created=1`);
    });
  }
  if (!(await getAddon(db, sku))) throw data(null, { status: 404 });
  switch (intent) {
    case "save": {
      const sent = form.get("sku");
      if (sent !== null && sent !== sku)
        return refused(
          400,
          [{ path: "sku", message: "A SKU never changes once created: create a new add-on with the new SKU instead." }],
          values,
        );
      const parsed = addonChangesSchema.safeParse(addonInput(form));
      if (!parsed.success) return invalid(parsed.error, values);
      return answering("", values, async () => {
        const result = await updateAddon(db, actor, sku, parsed.data);
        return done(result.changed ? "Saved." : "Nothing changed.");
      });
    }
    case "status": {
      const parsed = productStatusSchema.safeParse(form.get("status"));
      if (!parsed.success) return refused(400, [{ path: "status", message: parsed.error.issues[0]!.message }]);
      return answering("status", null, async () => {
        const result = await changeAddonStatus(db, actor, sku, parsed.data);
        return done(
          !result.changed
            ? `Already ${STATUS_LABELS[parsed.data].toLowerCase()}.`
            : parsed.data === "retired"
              ? "Retired: no longer offered. Quotes that carry it keep their lines."
              : "Active: offered wherever a price book in effect prices it.",
        );
      });
    }
    default:
      return refused(400, [{ path: "intent", message: "Unknown action." }]);
  }
}
