import { data, redirect } from "@remix-run/node";
import type { Executor } from "#db/client.server";
import type { RaidLevel } from "~/domain/catalog";
import { RAID_LEVELS, newServerModelSchema, serverModelChangesSchema } from "~/domain/catalog-schemas";
import {
  changeServerModelStatus,
  createServerModel,
  getServerModel,
  updateServerModel,
} from "~/models/catalog-admin.server";
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

/** Disk-set rows the form offers: the model's sets and two empty ones, up to the schema's 8. */
export const MAX_DISK_ROWS = 8;
const LISTS = ["regions", "raidOptions", "includes.notIncluded"];

/**
 * The server form as the schema's input. Empty disk rows are left out; `rows` maps each set kept back
 * to its row on the form, so an error about set 1 shows beside the row it came from.
 */
function serverInput(form: FormData, savedRaid: readonly RaidLevel[]) {
  const read = formReader(form);
  const rows: number[] = [];
  const disks = [];
  for (let i = 0; i < MAX_DISK_ROWS; i++) {
    const count = read.number(`disks.${i}.count`);
    const sizeGb = read.number(`disks.${i}.sizeGb`);
    if (count === undefined && sizeGb === undefined) continue;
    rows.push(i);
    disks.push({ count, sizeGb, class: read.choice(`disks.${i}.class`), raid: read.choice(`disks.${i}.raid`) });
  }
  // The level the first set is delivered with leads (it is the default); the rest keep their saved order.
  const ticked = read.list("raidOptions");
  const delivered = disks[0]?.raid;
  const known = [...new Set([delivered, ...savedRaid, ...RAID_LEVELS])].filter(
    (r): r is string => !!r && ticked.includes(r),
  );
  const raidOptions = [...known, ...ticked.filter((r) => !known.includes(r))];
  const input = {
    name: read.text("name"),
    names: { es: read.text("names.es") },
    line: read.choice("line"),
    cpu: read.text("cpu"),
    vcpu: read.number("vcpu"),
    ramGb: read.number("ramGb"),
    maxRamGb: read.number("maxRamGb"),
    disks,
    diskBays: read.number("diskBays"),
    networkGbit: read.number("networkGbit"),
    includedTrafficTb: read.text("traffic") === "unmetered" ? null : read.number("includedTrafficTb"),
    gpuCount: read.number("gpuCount") ?? 0,
    gpuModel: read.text("gpuModel"),
    regions: read.list("regions"),
    raidOptions,
    includes: {
      backup: read.choice("includes.backup"),
      osManagement: read.choice("includes.osManagement"),
      support: {
        hours: read.choice("includes.support.hours"),
        responseHours: read.number("includes.support.responseHours"),
      },
      hardwareReplacementHours:
        read.text("includes.hardware") === "none" ? null : read.number("includes.hardwareReplacementHours"),
      notIncluded: read.list("includes.notIncluded"),
    },
    sourceUrl: read.text("sourceUrl"),
  };
  // "disks.1.raid" of the parsed list is the row the person typed it in.
  const path = (p: string) => p.replace(/^disks\.(\d+)/, (_, i: string) => `disks.${rows[Number(i)] ?? i}`);
  return { input, path };
}

/**
 * The server page's actions: create (on /new), save changes, change the status. Admins only (the
 * route checks `write:catalog`). Bad input is a 400 with each field's message; a SKU in an edit
 * that is not the page's own is refused, since SKUs never change.
 */
export async function serverAction(db: Executor, actor: Actor, sku: string, form: FormData) {
  const intent = form.get("intent");
  const values = sentValues(form, LISTS);
  if (sku === "new") {
    if (intent !== "create") return unknownIntent();
    const { input, path } = serverInput(form, []);
    const parsed = newServerModelSchema.safeParse({ sku: formReader(form).text("sku"), ...input });
    if (!parsed.success) return invalid(parsed.error, values, path);
    return answering("sku", values, async () => {
      const created = await createServerModel(db, actor, parsed.data);
      return redirect(`/staff/catalog/servers/${created.sku}?created=1`);
    });
  }
  const saved = await getServerModel(db, sku);
  if (!saved) throw data(null, { status: 404 });
  switch (intent) {
    case "save": {
      const skuChanged = skuChangeRefused(form, sku, "model", values);
      if (skuChanged) return skuChanged;
      const { input, path } = serverInput(form, saved.raidOptions);
      const parsed = serverModelChangesSchema.safeParse(input);
      if (!parsed.success) return invalid(parsed.error, values, path);
      return saveAnswer(values, () => updateServerModel(db, actor, sku, parsed.data));
    }
    case "status":
      return statusAnswer(form, (to) => changeServerModelStatus(db, actor, sku, to));
    default:
      return unknownIntent();
  }
}
