import type { ServerModel } from "~/domain/catalog";
import { CheckboxGroup, type FormState, RadioPair, SelectField, TextField } from "../staff.catalog._index/form-parts";
import { LINE_LABELS, RAID_LABELS, REGION_LABELS, STORAGE_LABELS, formatGb } from "../staff.catalog._index/labels";
import { ProductForm } from "../staff.catalog._index/product-page";
import { FactsFields } from "./facts-fields";

/** Rows the form offers: the model's disk sets and two empty ones, at most 8 (action.server.ts MAX_DISK_ROWS). */
const diskRows = (count: number) => Math.min(8, Math.max(count + 2, 3));

/** A server model's form: create on /new (with its SKU), edit otherwise (the SKU is shown, never sent). */
export function ServerForm({ model, form, isNew }: { model: ServerModel; form: FormState; isNew: boolean }) {
  // A new model starts with empty figures rather than zeros to correct.
  const figure = (n: number) => (isNew && n === 0 ? "" : String(n));
  const rows = diskRows(model.disks.length);
  return (
    <ProductForm
      legend="Model"
      skuExample="ax42"
      product={model}
      form={form}
      isNew={isNew}
      fields={<SelectField name="line" label="Line" labels={LINE_LABELS} saved={model.line} form={form} />}
      more={
        <TextField
          name="sourceUrl"
          label="Source"
          hint="Where the specification comes from, for whoever checks it later."
          optional
          saved={model.sourceUrl ?? ""}
          form={form}
          maxLength={500}
        />
      }
    >
      <fieldset className="catalog-section">
        <legend>Hardware</legend>
        <div className="form-grid">
          <TextField name="cpu" label="CPU" saved={model.cpu} form={form} />
          <TextField name="vcpu" label="CPU threads" numeric saved={figure(model.vcpu)} form={form} />
          <TextField name="ramGb" label="RAM" unit="GB" numeric saved={figure(model.ramGb)} form={form} />
          <TextField
            name="maxRamGb"
            label="Maximum RAM with upgrades"
            hint="The same as the RAM when it cannot be upgraded."
            unit="GB"
            numeric
            saved={figure(model.maxRamGb)}
            form={form}
          />
          <TextField
            name="networkGbit"
            label="Uplink"
            unit="Gbit/s"
            numeric
            saved={figure(model.networkGbit)}
            form={form}
          />
          <TextField name="gpuCount" label="GPUs" numeric saved={String(model.gpuCount)} form={form} />
          <TextField
            name="gpuModel"
            label="GPU model"
            optional
            hint="Only with one or more GPUs."
            saved={model.gpuModel ?? ""}
            form={form}
          />
        </div>
        <RadioPair
          name="traffic"
          legend="Traffic"
          options={[
            { value: "unmetered", label: "Unmetered" },
            { value: "metered", label: "A monthly allowance" },
          ]}
          saved={model.includedTrafficTb === null ? "unmetered" : "metered"}
          form={form}
        >
          <TextField
            name="includedTrafficTb"
            label="Included a month"
            unit="TB"
            numeric
            conditional
            hint="With a monthly allowance; more is billed per TB."
            saved={model.includedTrafficTb === null ? "" : String(model.includedTrafficTb)}
            form={form}
          />
        </RadioPair>
        <CheckboxGroup name="regions" legend="Sold in" labels={REGION_LABELS} saved={model.regions} form={form} />
      </fieldset>

      <fieldset className="catalog-section">
        <legend>Disks</legend>
        <TextField
          name="diskBays"
          label="Disk bays in total"
          hint="Every drive slot in the chassis, counting those the disks below fill: 4 for a server delivered with 2 disks and room for 2 more. Free slots take add-on disks, two at a time (a mirrored pair). Cloud servers: 1."
          numeric
          saved={figure(model.diskBays)}
          form={form}
        />
        <p className="hint">
          The disks the model comes with, one row per set of identical disks. Leave a row empty to skip it.
        </p>
        {form.error("disks") ? (
          <p className="field-error" role="alert">
            {form.error("disks")}
          </p>
        ) : null}
        {Array.from({ length: rows }, (_, i) => {
          const set = model.disks[i];
          return (
            <fieldset className="disk-row" key={i}>
              <legend>Disk set {i + 1}</legend>
              <TextField
                name={`disks.${i}.count`}
                label="Disks"
                numeric
                conditional
                saved={set ? figure(set.count) : ""}
                form={form}
              />
              <TextField
                name={`disks.${i}.sizeGb`}
                label="Size of each"
                unit="GB"
                numeric
                conditional
                saved={set ? figure(set.sizeGb) : ""}
                form={form}
              />
              <SelectField
                name={`disks.${i}.class`}
                label="Kind"
                labels={STORAGE_LABELS}
                saved={set?.class ?? "nvme"}
                form={form}
              />
              <SelectField
                name={`disks.${i}.raid`}
                label="Delivered as"
                labels={RAID_LABELS}
                saved={set?.raid ?? "none"}
                form={form}
              />
              {set && set.sizeGb > 0 ? (
                <p className="muted disk-total">{formatGb(set.count * set.sizeGb)} raw</p>
              ) : null}
            </fieldset>
          );
        })}
        <CheckboxGroup
          name="raidOptions"
          legend="RAID levels a customer can ask for"
          hint="Include the level each disk set is delivered as; the first set's level is the default."
          labels={RAID_LABELS}
          saved={model.raidOptions}
          form={form}
        />
      </fieldset>

      <FactsFields facts={model.includes} form={form} />
    </ProductForm>
  );
}
