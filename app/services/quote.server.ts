import type { TFunction } from "i18next";
import { LRUCache } from "lru-cache";
import { getDb } from "#db/client.server";
import { estimate } from "~/domain/engine";
import type { QuoteInput, QuoteRequestInput } from "~/domain/quote-input";
import { isLanguage } from "~/i18n";
import { i18next } from "~/i18next.server";
import { suggestedCurrency } from "~/domain/currency";
import { loadCatalog } from "~/models/catalog.server";
import { companyProfile } from "~/models/company.server";
import { presentCompany } from "~/presenters/company";
import { createQuoteRequest } from "~/models/quote-request.server";
import { businessCalendar, publicBaseUrl } from "~/utils/env.server";
import { customerEmail, notifyTechniciansOfNewItem } from "./notifications.server";

const translators = new Map<string, Promise<TFunction>>();

/** A translation function for one of our languages, made once per language (see translatorFor). */
function sharedTranslator(locale: string): Promise<TFunction> {
  if (!isLanguage(locale)) return i18next.getFixedT(locale);
  let t = translators.get(locale);
  if (!t) {
    t = i18next.getFixedT(locale);
    translators.set(locale, t);
    t.catch(() => translators.delete(locale));
  }
  return t;
}

/** The memo key of a call whose options are all plain values (their answer depends on nothing else); else null. */
function callKey(key: unknown, options: unknown, extra: number): string | null {
  if (typeof key !== "string" || extra > 2) return null;
  if (options === undefined) return key;
  if (!options || typeof options !== "object" || Object.getPrototypeOf(options) !== Object.prototype) return null;
  let memo = key;
  for (const [name, value] of Object.entries(options)) {
    const type = typeof value;
    if (value !== null && type !== "string" && type !== "number" && type !== "boolean" && type !== "undefined")
      return null;
    memo += `\u0000${name}\u0001${type}\u0001${Object.is(value, -0) ? "-0" : String(value)}`;
  }
  return memo;
}

/**
 * The translation function for one request. remix-i18next's getFixedT builds and initialises a new
 * i18next instance on every call (its plural-rule and number-format caches start cold), which the
 * estimate API and every submission paid per request; a fixed T never changes its instance's
 * language, so one per language serves every request. An estimate's explanations ask for the same
 * sentence many times (one small web app: 162 calls, 58 different), so the function returned
 * remembers its answers, across requests in our languages (sharedAnswers) and for one request in
 * any other, and only for calls whose options are plain values, for which i18next's answer depends
 * on nothing else (the resources are fixed).
 */
export function translatorFor(locale: string): Promise<TFunction> {
  if (!isLanguage(locale)) return memoisedTranslator(locale);
  // One per language, the same function for every request: what remembers per translation
  // function (presenters/estimate.ts, the sentences of an estimate) is shared across requests too.
  let t = memoisedTranslators.get(locale);
  if (!t) {
    t = memoisedTranslator(locale);
    memoisedTranslators.set(locale, t);
    t.catch(() => memoisedTranslators.delete(locale));
  }
  return t;
}

const memoisedTranslators = new Map<string, Promise<TFunction>>();

async function memoisedTranslator(locale: string): Promise<TFunction> {
  const t = await sharedTranslator(locale);
  const translate = t as unknown as (...args: unknown[]) => unknown;
  const answers = isLanguage(locale) ? sharedAnswers(locale) : new Map<string, unknown>();
  const memoised = (...args: unknown[]) => {
    const memo = callKey(args[0], args[1], args.length);
    if (memo === null) return translate(...args);
    const known = answers.get(memo);
    if (known !== undefined) return known;
    const answer = translate(...args);
    if (answer !== undefined && answer !== null) answers.set(memo, answer);
    return answer;
  };
  return Object.assign(memoised, t) as unknown as TFunction;
}

const answerCaches = new Map<string, LRUCache<string, NonNullable<unknown>>>();
/**
 * Answers shared by every request in one of our languages: the resources never change while the
 * process runs, so a sentence with the same values reads the same for everyone. Bounded (entries
 * and characters), because values come from requests: a flood of distinct numbers only evicts.
 */
function sharedAnswers(locale: string) {
  let cache = answerCaches.get(locale);
  if (!cache) {
    cache = new LRUCache<string, NonNullable<unknown>>({
      max: 50_000,
      maxSize: 20_000_000,
      sizeCalculation: (value, key) => key.length + (typeof value === "string" ? value.length : 64),
    });
    answerCaches.set(locale, cache);
  }
  return cache;
}

/** Runs the engine on the current catalog without storing anything (the JSON API). */
export async function estimateQuote(input: QuoteInput, db = getDb()) {
  const catalog = await loadCatalog(db, new Date(), input.currency ?? suggestedCurrency(input.requirements.region));
  return estimate(input, catalog);
}

/**
 * A customer's submitted wizard: size, price, store, and hand back the private link token. The
 * quote, its proposals and the customer's e-mail with the link (customerEmail, the renderer
 * notifyCustomer uses too) are stored in one statement; a quote for review also gets its review
 * item and the technicians' e-mails in the same transaction.
 */
export async function submitQuoteRequest(input: QuoteRequestInput, locale: string, db = getDb()) {
  const currency = input.currency ?? suggestedCurrency(input.requirements.region);
  const [catalog, t, profile] = await Promise.all([
    loadCatalog(db, new Date(), currency),
    translatorFor(locale),
    companyProfile(db),
  ]);
  const company = presentCompany(profile, t, locale);
  const result = estimate(input, catalog);
  const created = await createQuoteRequest(
    db,
    input,
    result,
    catalog.priceBook.id,
    locale,
    businessCalendar(),
    new Date(),
    result.review.required
      ? async (tx, c) => {
          if (c.reviewItemId) await notifyTechniciansOfNewItem(tx, c.reviewItemId, c.reviewCodes);
        }
      : undefined,
    ({ id, token }) => [
      {
        to: input.contact.email,
        ...customerEmail(t, "quote_link", { name: input.contact.name, link: `${publicBaseUrl()}/q/${token}` }, company),
        attachment: { kind: "proposal_pdf", quoteRequestId: id, version: 1, locale },
      },
    ],
  );
  return { ...created, result };
}
