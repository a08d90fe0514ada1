import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import { parseEuros } from "~/domain/custom-configuration";
import { isDomainError } from "~/domain/errors";
import type { Currency } from "~/domain/money";
import { BOOK_TERMS, RATE_KINDS, type RateCard } from "~/domain/price-book";
import {
  catalogProducts,
  createDraft,
  deleteDraft,
  getPriceBook,
  publishDraft,
  saveDraft,
} from "~/models/price-book.server";
import { type FieldError, staffErrorMessage } from "~/utils/domain-error.server";
import { formatUtc } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { staffMultiLine } from "~/utils/text.server";

/** What the page shows after an action: a notice, or errors by field and the values the form sent back. */
export interface BookAnswer {
  errors: FieldError[];
  notice: string | null;
  /** On a refusal, what the person typed, so the form shows it again (also without JavaScript). */
  values: Record<string, string> | null;
}

const refused = (status: number, errors: FieldError[], values: Record<string, string> | null = null) =>
  data<BookAnswer>({ errors, notice: null, values }, { status });
const done = (notice: string): BookAnswer => ({ errors: [], notice, values: null });
const issuesOf = (error: z.ZodError): FieldError[] =>
  error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));

const CURRENCY_WORDS: Record<Currency, string> = { EUR: "euros", USD: "US dollars" };
const MAX_AMOUNT = "1,000,000";

/**
 * An amount as staff type it in the book's currency ("12.50", "12,50", "€ 12.50", "$12.50") in minor
 * units, through the same parser as the other staff price fields (no floating point). `optional`
 * reads an empty field as null.
 */
function amount(currency: Currency, what: string, options: { optional?: boolean; positive?: boolean } = {}) {
  return z
    .string()
    .max(40, `Enter ${what} as a plain amount, such as 12.50.`)
    .transform((raw, ctx) => {
      const text = raw.trim().replace(/^(us\$|\$|usd)\s*|\s*(\$|usd)$/i, "");
      if (text === "" && options.optional) return null;
      const parsed = parseEuros(text);
      if (parsed.ok && !(options.positive && parsed.minor === 0)) return parsed.minor;
      const reason = parsed.ok ? "zero" : parsed.reason;
      const messages = {
        format: `Enter ${what} in ${CURRENCY_WORDS[currency]}, such as 12.50 or 12,50.`,
        decimals: "Use at most 2 decimals (whole cents), such as 12.50.",
        negative: `${what[0]!.toUpperCase()}${what.slice(1)} cannot be negative.`,
        too_large: `That is more than ${MAX_AMOUNT}; check the amount.`,
        zero: `${what[0]!.toUpperCase()}${what.slice(1)} must be more than 0.`,
      };
      ctx.addIssue({ code: "custom", message: messages[reason] });
      return z.NEVER;
    });
}

/** A percentage with up to 2 decimals ("5", "7.5", "7,25") in basis points, from 0 to 100 %. */
const percent = z
  .string()
  .trim()
  .regex(/^\d{1,3}([.,]\d{1,2})?$/, "Enter a percentage as a plain number, like 5 or 7.5.")
  .transform((text) => {
    const [whole = "", fraction = ""] = text.split(/[.,]/);
    return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  })
  .refine((bps) => bps <= 10_000, "A discount is at most 100 %.");

const minutes = z
  .string()
  .trim()
  .regex(/^\d{1,4}$/, "Enter whole minutes, like 15.")
  .transform(Number)
  .refine((m) => m >= 1 && m <= 480, "Between 1 and 480 minutes.");

const priceKey = (sku: string, part: "monthly" | "setup") => `price.${sku}.${part}`;

/** The save form of a draft: every price shown, the term discounts, the operations weight, the rate card, a note. */
function saveSchema(currency: Currency, skus: readonly string[]) {
  const prices: Record<string, z.ZodType<number | null | undefined>> = {};
  for (const sku of skus) {
    prices[priceKey(sku, "monthly")] = amount(currency, "the monthly price", { optional: true }).optional();
    prices[priceKey(sku, "setup")] = amount(currency, "the setup price", { optional: true }).optional();
  }
  const terms = Object.fromEntries(BOOK_TERMS.map((t) => [`term.${t}`, percent]));
  const rates = Object.fromEntries(
    RATE_KINDS.flatMap((k) => [
      [`rate.${k}.hourly`, amount(currency, "the hourly rate", { positive: true })],
      [`rate.${k}.minutes`, minutes],
    ]),
  );
  return z
    .strictObject(
      {
        intent: z.literal("save"),
        ops: amount(currency, "the operations weight"),
        note: z.string().trim().max(500, "Keep the note under 500 characters.").check(staffMultiLine()).optional(),
        ...terms,
        ...rates,
        ...prices,
      },
      {
        error: (issue) =>
          issue.code === "unrecognized_keys" ? "The form has fields this page does not know." : undefined,
      },
    )
    .superRefine((form, ctx) => {
      const values = form as Record<string, unknown>;
      for (const sku of skus) {
        const monthly = values[priceKey(sku, "monthly")];
        const setup = values[priceKey(sku, "setup")];
        if (monthly === undefined && setup === undefined) continue;
        if ((monthly ?? null) === null && (setup ?? null) === null) continue;
        const missing = (monthly ?? null) === null ? "monthly" : (setup ?? null) === null ? "setup" : null;
        if (missing)
          ctx.addIssue({
            code: "custom",
            path: [priceKey(sku, missing)],
            message: "Enter both prices, or leave both empty to stop selling it in this book.",
          });
      }
    });
}

/** A moment typed in a datetime-local field, read as UTC ("2027-01-01T00:00"); null when it is no real moment. */
export function utcMoment(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const same =
    s < 60 &&
    at.getUTCFullYear() === y &&
    at.getUTCMonth() === mo - 1 &&
    at.getUTCDate() === d &&
    at.getUTCHours() === h &&
    at.getUTCMinutes() === mi;
  return same ? at : null;
}

/** The publish form: now, or a moment from now on in UTC (a minute's grace for a form submitted "now"). */
function publishSchema(now: Date) {
  return z
    .strictObject({
      intent: z.literal("publish"),
      when: z.enum(["now", "at"], { error: "Choose now or a date and time." }),
      effectiveAt: z.string().max(40).optional(),
    })
    .transform((form, ctx) => {
      if (form.when === "now") return now;
      const at = form.effectiveAt ? utcMoment(form.effectiveAt) : null;
      if (!at) {
        ctx.addIssue({ code: "custom", path: ["effectiveAt"], message: "Enter a date and time (UTC)." });
        return z.NEVER;
      }
      if (at.getTime() < now.getTime() - 60_000) {
        ctx.addIssue({
          code: "custom",
          path: ["effectiveAt"],
          message: `A price book takes effect now or later, never in the past: it is now ${formatUtc(now)}.`,
        });
        return z.NEVER;
      }
      return at;
    });
}

const simpleIntent = z.strictObject({ intent: z.enum(["delete", "draft"]) });

/**
 * The price book page's actions: save a draft (prices and settings together), publish it, delete it,
 * or start a new draft from this book. Refusals of the model (a published book, an empty draft, a
 * moment another book has taken) are DomainErrors answered with their status and English message.
 */
export async function priceBookAction(db: Executor, actor: Actor, id: number, form: FormData, now = new Date()) {
  const fields = Object.fromEntries([...form].map(([k, v]) => [k, typeof v === "string" ? v : ""]));
  const found = await getPriceBook(db, id);
  if (!found) throw data(null, { status: 404 });
  try {
    switch (fields.intent) {
      case "save":
        return await save(db, actor, found, fields);
      case "publish": {
        const parsed = publishSchema(now).safeParse(fields);
        if (!parsed.success) return refused(400, issuesOf(parsed.error), fields);
        const book = await publishDraft(db, actor, id, parsed.data, now);
        return done(
          book.effectiveFrom! <= now
            ? `Published: version ${book.version} is in effect from now (${formatUtc(book.effectiveFrom)}).`
            : `Published: version ${book.version} takes effect at ${formatUtc(book.effectiveFrom)}.`,
        );
      }
      default: {
        const parsed = simpleIntent.safeParse(fields);
        if (!parsed.success) return refused(400, [{ path: "intent", message: "Unknown action." }]);
        if (parsed.data.intent === "delete") {
          await deleteDraft(db, actor, id);
          return redirect("/staff/price-books");
        }
        const draft = await createDraft(db, actor, id);
        return redirect(`/staff/price-books/${draft.id}`);
      }
    }
  } catch (error) {
    if (isDomainError(error))
      return refused(error.status, [
        { path: error.field || String(fields.intent ?? ""), message: await staffErrorMessage(error) },
      ]);
    throw error;
  }
}

async function save(
  db: Executor,
  actor: Actor,
  found: NonNullable<Awaited<ReturnType<typeof getPriceBook>>>,
  fields: Record<string, string>,
) {
  const skus = [...new Set([...(await catalogProducts(db)).map((p) => p.sku), ...found.items.map((i) => i.sku)])];
  const parsed = saveSchema(found.book.currency, skus).safeParse(fields);
  if (!parsed.success) return refused(400, issuesOf(parsed.error), fields);
  const form = parsed.data as Record<string, unknown> & { ops: number; note?: string };
  const prices = new Map<string, { monthlyMinor: number; setupMinor: number } | null>();
  for (const sku of skus) {
    const monthly = form[priceKey(sku, "monthly")] as number | null | undefined;
    const setup = form[priceKey(sku, "setup")] as number | null | undefined;
    if (monthly === undefined && setup === undefined) continue;
    prices.set(sku, monthly == null || setup == null ? null : { monthlyMinor: monthly, setupMinor: setup });
  }
  const rateCard: RateCard = RATE_KINDS.map((kind) => ({
    kind,
    minorPerHour: form[`rate.${kind}.hourly`] as number,
    minimumMinutes: form[`rate.${kind}.minutes`] as number,
  }));
  const termDiscountBps = Object.fromEntries(BOOK_TERMS.map((t) => [String(t), form[`term.${t}`] as number]));
  const saved = await saveDraft(db, actor, found.book.id, {
    settings: { termDiscountBps, opsMinorPerServerMonth: form.ops, rateCard, note: form.note || null },
    prices,
  });
  if (!saved.prices && !saved.settings) return done("Nothing changed.");
  const parts = [
    saved.prices ? `${saved.prices} ${saved.prices === 1 ? "price" : "prices"}` : null,
    saved.settings ? "the settings" : null,
  ].filter(Boolean);
  return done(`Saved ${parts.join(" and ")}.`);
}
