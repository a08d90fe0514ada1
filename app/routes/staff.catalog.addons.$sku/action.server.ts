import { data, redirect } from "@remix-run/node";
import type { Executor } from "#db/client.server";
import { addonChangesSchema, newAddonSchema } from "~/domain/catalog-schemas";
import { changeAddonStatus, createAddon, getAddon, updateAddon } from "~/models/catalog-admin.server";
import type { Actor } from "~/utils/permissions";
import {
  answering,
  formReader,
  invalid,
  saveAnswer,
  sentValues,
  skuChangeRefused,
  statusAnswer,
  unknownIntent,
} from "../staff.catalog._index/form-input.server";

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
    if (intent !== "create") return unknownIntent();
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
      const skuChanged = skuChangeRefused(form, sku, "add-on", values);
      if (skuChanged) return skuChanged;
      const parsed = addonChangesSchema.safeParse(addonInput(form));
      if (!parsed.success) return invalid(parsed.error, values);
      return saveAnswer(values, () => updateAddon(db, actor, sku, parsed.data));
    }
    case "status":
      return statusAnswer(form, (to) => changeAddonStatus(db, actor, sku, to));
    default:
      return unknownIntent();
  }
}
