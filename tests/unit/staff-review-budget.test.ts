import { describe, expect, it } from "vitest";
import { monthlyBudgetText } from "~/presenters/staff-review";

describe("the customer's monthly budget on the staff review page", () => {
  it("reads in the quote's currency, not always euros", () => {
    expect(monthlyBudgetText({ monthlyBudgetMinor: 50_000 }, "USD")).toBe("US$500.00");
    expect(monthlyBudgetText({ monthlyBudgetMinor: 50_000 }, "EUR")).toBe("€500.00");
    expect(monthlyBudgetText({ monthlyBudgetMinor: 0 }, "USD")).toBe("US$0.00");
  });

  it("is absent when the customer gave none", () => {
    expect(monthlyBudgetText({}, "USD")).toBeNull();
  });
});
