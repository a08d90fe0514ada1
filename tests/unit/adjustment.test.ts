import { describe, expect, it } from "vitest";
import { estimate } from "~/domain/engine";
import { totalsOf } from "~/domain/pricing";
import { applyAdjustment } from "~/domain/adjustment";
import { DomainError } from "~/domain/errors";
import { seedCatalog } from "../fixtures/catalog";

const catalog = seedCatalog();
const proposal = estimate(
  {
    requirements: { availability: "standard", termMonths: 36, region: "eu" },
    workloads: [{ kind: "database", dataGb: 300 }],
  },
  catalog,
).proposals[0]!;
const lines = proposal.lines;

describe("proposal adjustments", () => {
  it("changes a quantity, keeps the quoted unit price and recomputes the term discount", () => {
    const next = applyAdjustment(lines, { op: "quantity", position: 0, quantity: 3 }, "More headroom", catalog, 36);
    expect(next[0]!.quantity).toBe(3);
    expect(next[0]!.monthlyMinor).toBe(3 * lines[0]!.unitMonthlyMinor);
    const discount = next.find((l) => l.kind === "discount")!;
    const recurring = next.filter((l) => l.kind !== "discount").reduce((s, l) => s + l.monthlyMinor, 0);
    expect(discount.monthlyMinor).toBe(-Math.round(recurring * 0.1));
    expect(next[0]!.why.at(-1)!.params.reason).toBe("More headroom");
  });

  it("swaps a server for another model at the current price", () => {
    const next = applyAdjustment(lines, { op: "swap", position: 0, sku: "ax102" }, "Faster CPU", catalog, 36);
    expect(next[0]).toMatchObject({
      sku: "ax102",
      quantity: lines[0]!.quantity,
      unitMonthlyMinor: catalog.priceBook.prices.ax102!.monthlyMinor,
    });
    expect(() => applyAdjustment(lines, { op: "swap", position: 0, sku: "ram-32gb" }, "x", catalog, 36)).toThrow(
      DomainError,
    );
  });

  it("adds and removes products and custom lines; totals stay the sum of the lines", () => {
    let next = applyAdjustment(lines, { op: "add", sku: "ipv4", quantity: 2 }, "Extra IPs", catalog, 36);
    next = applyAdjustment(
      next,
      { op: "custom", description: "Migration service", quantity: 1, monthlyMinor: 0, setupMinor: 15_000 },
      "Migration",
      catalog,
      36,
    );
    next = applyAdjustment(next, { op: "remove", position: 0 }, "Customer brings own server", catalog, 36);
    const totals = totalsOf(next as never, 36, "EUR");
    expect(totals.setupMinor).toBe(next.reduce((s, l) => s + l.setupMinor, 0));
    expect(totals.monthlyMinor).toBe(next.reduce((s, l) => s + l.monthlyMinor, 0));
    expect(next.some((l) => l.name === "Migration service" && l.setupMinor === 15_000)).toBe(true);
    expect(next.filter((l) => l.kind === "discount")).toHaveLength(1);
    expect(() => applyAdjustment(lines, { op: "remove", position: 42 }, "x", catalog, 36)).toThrow(DomainError);
    expect(() => applyAdjustment(lines, { op: "add", sku: "nope", quantity: 1 }, "x", catalog, 36)).toThrow(
      DomainError,
    );
  });
});
