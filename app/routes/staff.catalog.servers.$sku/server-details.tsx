import type { ServerModel } from "~/domain/catalog";
import { storageCapacity } from "~/domain/catalog";
import { Facts } from "../staff.catalog._index/form-parts";
import { RAID_LABELS, REGION_LABELS, formatDiskSet, formatGb } from "../staff.catalog._index/labels";
import { factRows } from "./facts-fields";

/** A server model as text, for staff who read the catalog (sales and technicians). */
export function ServerDetails({ model }: { model: ServerModel }) {
  const storage = storageCapacity(model.disks);
  const used = model.disks.reduce((n, d) => n + d.count, 0);
  return (
    <>
      <section aria-labelledby="hardware-title">
        <h2 id="hardware-title">Hardware</h2>
        <Facts
          rows={[
            ["Spanish name", model.names.es ?? "Same as the English name"],
            ["CPU", `${model.cpu}, ${model.vcpu} threads`],
            [
              "RAM",
              model.maxRamGb > model.ramGb
                ? `${formatGb(model.ramGb)}, up to ${formatGb(model.maxRamGb)} with upgrades`
                : `${formatGb(model.ramGb)} (no upgrades)`,
            ],
            [
              "Disks",
              <>
                {model.disks.map((d, i) => (
                  <div key={i}>{formatDiskSet(d)}</div>
                ))}
                <div className="muted">
                  {formatGb(storage.nvmeGb + storage.ssdGb + storage.hddGb)} usable; {used} of {model.diskBays} bays
                  used
                </div>
              </>,
            ],
            ["RAID on request", model.raidOptions.map((r) => RAID_LABELS[r]).join(", ")],
            ["Uplink", `${model.networkGbit} Gbit/s`],
            [
              "Traffic",
              model.includedTrafficTb === null ? "Unmetered" : `${model.includedTrafficTb} TB a month included`,
            ],
            ["GPUs", model.gpuCount ? `${model.gpuCount} × ${model.gpuModel ?? "GPU"}` : "None"],
            ["Sold in", model.regions.map((r) => REGION_LABELS[r]).join(", ")],
            [
              "Source",
              model.sourceUrl ? (
                <a href={model.sourceUrl} rel="noreferrer noopener" target="_blank">
                  {model.sourceUrl.length > 60 ? `${model.sourceUrl.slice(0, 60)}…` : model.sourceUrl}
                </a>
              ) : (
                "—"
              ),
            ],
          ]}
        />
      </section>
      <section aria-labelledby="facts-title">
        <h2 id="facts-title">What the price includes</h2>
        <Facts rows={factRows(model.includes)} />
      </section>
    </>
  );
}
