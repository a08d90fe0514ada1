import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { quoteRequestSchema } from "~/domain/quote-input";
import { i18nConfig } from "~/i18n";
import { resources } from "~/locales";
import { DEFAULTS, type FormInput, firstStepWithErrors, forSubmission, stepOf } from "~/routes/quote.new/form";
import { addMigrationTexts } from "~/routes/quote.new/migration-texts";

const base: FormInput = {
  ...DEFAULTS,
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Mona", email: "mona@example.com" },
};
const withMove = (migration: NonNullable<FormInput["requirements"]["migration"]>): FormInput => ({
  ...base,
  requirements: { ...base.requirements, migration },
});

describe("the wizard's moving step", () => {
  it("sends nothing about a move when the customer is not moving, whatever the draft still holds", () => {
    const values = withMove({
      fromExistingServer: false,
      dataGb: -3,
      databases: [{ engine: "postgresql", dataGb: undefined as unknown as number }],
    });
    const sent = forSubmission(values);
    expect(sent.requirements).not.toHaveProperty("migration", expect.anything());
    expect(quoteRequestSchema.safeParse(sent).success).toBe(true);
  });

  it("sends a mover's answers as the API defines them, without empty lists", () => {
    const sent = forSubmission(
      withMove({
        fromExistingServer: true,
        dataGb: 3000,
        sourceUplinkMbps: 500,
        databases: [],
        preferredWindows: [{ days: ["sun"], start: "22:00", end: "06:00" }],
        maxDowntimeMinutes: 120,
        timeZone: "Europe/Madrid",
      }),
    );
    expect(sent.requirements.migration).toEqual({
      fromExistingServer: true,
      dataGb: 3000,
      sourceUplinkMbps: 500,
      preferredWindows: [{ days: ["sun"], start: "22:00", end: "06:00" }],
      maxDowntimeMinutes: 120,
      timeZone: "Europe/Madrid",
    });
    expect(quoteRequestSchema.safeParse(sent).success).toBe(true);
  });

  it("a window that ends when it starts is refused on the field the step shows", () => {
    const parsed = quoteRequestSchema.safeParse(
      forSubmission(
        withMove({ fromExistingServer: true, preferredWindows: [{ days: ["sun"], start: "22:00", end: "22:00" }] }),
      ),
    );
    expect(parsed.success).toBe(false);
    const path = parsed.error!.issues[0]!.path.join(".");
    expect(path).toBe("requirements.migration.preferredWindows.0.end");
    expect(stepOf(path)).toBe("migration");
  });

  it("errors lead to the step that holds them, the move's to its own step", () => {
    expect(stepOf("requirements.monthlyBudgetMinor")).toBe("requirements");
    expect(stepOf("requirements.migration.timeZone")).toBe("migration");
    expect(firstStepWithErrors({ requirements: { migration: { dataGb: { type: "min" } } } })).toBe("migration");
    expect(
      firstStepWithErrors({
        requirements: { migration: { dataGb: { type: "min" } }, growthPercentPerYear: { type: "min" } },
      }),
    ).toBe("requirements");
    expect(firstStepWithErrors({ contact: { name: { type: "too_small" } } })).toBe("contact");
    expect(firstStepWithErrors({})).toBeUndefined();
  });

  it.each([
    ["en", 1, "1 window"],
    ["en", 2, "2 windows"],
    ["es", 1, "1 franja"],
    ["es", 3, "3 franjas"],
  ] as const)("the details' texts count windows in %s: %s", async (lng, count, expected) => {
    await i18next.init({ ...i18nConfig, lng, resources });
    addMigrationTexts();
    expect(i18next.t("wizard.migration.windowCount", { count })).toBe(expected);
    // The details' texts join the language's own, which keep the question itself.
    expect(i18next.t("wizard.migration.moving")).not.toBe("wizard.migration.moving");
  });
});
