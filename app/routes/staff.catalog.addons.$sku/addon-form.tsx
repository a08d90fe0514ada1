import type { Addon } from "~/domain/catalog";
import { CheckboxGroup, Facts, type FormState, SelectField, TextField } from "../staff.catalog._index/form-parts";
import { KIND_LABELS, LINE_LABELS, STORAGE_LABELS, formatGb } from "../staff.catalog._index/labels";
import { ProductForm } from "../staff.catalog._index/product-page";

/** An add-on's form: create on /new (with its SKU), edit otherwise (the SKU is shown, never sent). */
export function AddonForm({ addon, form, isNew }: { addon: Addon; form: FormState; isNew: boolean }) {
  return (
    <ProductForm
      legend="Add-on"
      skuExample="ram-32gb"
      product={addon}
      form={form}
      isNew={isNew}
      fields={
        <>
          <SelectField name="kind" label="Kind" labels={KIND_LABELS} saved={addon.kind} form={form} />
          <TextField
            name="sizeGb"
            label="Size per unit"
            hint="RAM, disks, block volumes, backup space and traffic packs; 1 TB = 1000 GB."
            unit="GB"
            numeric
            optional
            saved={addon.sizeGb === null ? "" : String(addon.sizeGb)}
            form={form}
          />
          <SelectField
            name="storageClass"
            label="Kind of storage"
            hint="Disks and block volumes only."
            labels={STORAGE_LABELS}
            empty="None"
            saved={addon.storageClass ?? ""}
            form={form}
          />
        </>
      }
      more={
        <CheckboxGroup
          name="lines"
          legend="Fits these servers"
          hint="RAM, disks and block volumes only; leave empty for add-ons that go with any server."
          labels={LINE_LABELS}
          saved={addon.lines}
          form={form}
        />
      }
    />
  );
}

/** An add-on as text, for staff who read the catalog. */
export function AddonDetails({ addon }: { addon: Addon }) {
  return (
    <Facts
      rows={[
        ["Kind", KIND_LABELS[addon.kind]],
        ["Spanish name", addon.names.es ?? "Same as the English name"],
        ["Size per unit", addon.sizeGb === null ? "—" : formatGb(addon.sizeGb)],
        ["Kind of storage", addon.storageClass ? STORAGE_LABELS[addon.storageClass] : "—"],
        ["Fits", addon.lines.length ? addon.lines.map((l) => LINE_LABELS[l]).join(", ") : "Any server"],
      ]}
    />
  );
}
