/**
 * A technician's change to a proposal's lines. Pure: no database; the model saves the result as a
 * new version. Its schema uses full zod at module level, so only server code imports this module
 * (routes reach it through ~/models/proposal-version.server), never a customer page.
 */
import { DomainError } from "./errors";
import { z } from "zod";
import { type Catalog, findPrice } from "./catalog";
import { priceLine } from "./pricing";
import type { TermMonths } from "./quote-input";
import { type StoredLine, itemsOf, salesDiscountBpsOf, withDiscounts } from "./repricing";
import { staffSingleLine } from "./text";
import type { RuleTrace } from "./trace";

const position = z.coerce.number().int().min(0).max(500);
const quantity = z.coerce.number().int().min(1).max(1000);
const minor = z.coerce.number().int().min(0).max(100_000_000);

/** One change a technician makes to a proposal; each saves a new version, older ones stay. */
export const adjustmentSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("quantity"), position, quantity }),
  z.object({ op: z.literal("remove"), position }),
  z.object({ op: z.literal("swap"), position, sku: z.string().min(1).max(60).check(staffSingleLine()) }),
  z.object({ op: z.literal("add"), sku: z.string().min(1).max(60).check(staffSingleLine()), quantity }),
  z.object({
    op: z.literal("custom"),
    description: z.string().trim().min(1).max(200).check(staffSingleLine()),
    quantity,
    monthlyMinor: minor,
    setupMinor: minor,
  }),
]);
export type Adjustment = z.infer<typeof adjustmentSchema>;

function priced(catalog: Catalog, kind: string, sku: string, name: string, qty: number, why: RuleTrace[]): StoredLine {
  const p = findPrice(catalog, sku);
  if (!p) throw new DomainError("unknown_sku", { sku }, "adjustment");
  return priceLine({ kind, sku, name, quantity: qty, why }, p);
}

/** Applies one change to a proposal's lines; lines already there keep the price they were quoted at. */
export function applyAdjustment(
  lines: readonly StoredLine[],
  adjustment: Adjustment,
  reason: string,
  catalog: Catalog,
  termMonths: TermMonths,
): StoredLine[] {
  const why: RuleTrace[] = [{ ruleId: "adjust.technician", inputs: { op: adjustment.op }, params: { reason } }];
  const items = itemsOf(lines);
  const at = (pos: number) => {
    const line = items[pos];
    if (!line) throw new DomainError("no_such_line", {}, "adjustment");
    return line;
  };
  switch (adjustment.op) {
    case "quantity": {
      const line = at(adjustment.position);
      // The line keeps the unit price it was quoted at.
      items[adjustment.position] = {
        ...line,
        ...priceLine(
          { ...line, quantity: adjustment.quantity, why: [...line.why, ...why] },
          { monthlyMinor: line.unitMonthlyMinor, setupMinor: line.unitSetupMinor },
        ),
      };
      break;
    }
    case "remove":
      at(adjustment.position);
      items.splice(adjustment.position, 1);
      break;
    case "swap": {
      const line = at(adjustment.position);
      const model = catalog.servers.find((s) => s.sku === adjustment.sku);
      if (line.kind !== "server" || !model) throw new DomainError("swap_not_server", {}, "adjustment");
      items[adjustment.position] = priced(catalog, "server", model.sku, model.name, line.quantity, why);
      break;
    }
    case "add": {
      const addon = catalog.addons.find((a) => a.sku === adjustment.sku);
      const model = catalog.servers.find((s) => s.sku === adjustment.sku);
      if (!addon && !model) throw new DomainError("unknown_product", {}, "adjustment");
      const kind = model ? "server" : addon!.kind === "disk" || addon!.kind === "volume" ? "storage" : addon!.kind;
      items.push(priced(catalog, kind, adjustment.sku, (model ?? addon)!.name, adjustment.quantity, why));
      break;
    }
    case "custom":
      items.push(
        priceLine(
          { kind: "custom", sku: null, name: adjustment.description, quantity: adjustment.quantity, why },
          { monthlyMinor: adjustment.monthlyMinor, setupMinor: adjustment.setupMinor },
        ),
      );
      break;
  }
  // The term discount follows the new subtotal; a sales discount given earlier stays at its rate.
  return withDiscounts(
    items,
    termMonths,
    catalog.priceBook.termDiscountBps[termMonths] ?? 0,
    salesDiscountBpsOf(lines),
  );
}
