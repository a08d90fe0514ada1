import { data } from "@remix-run/node";
import type { Executor } from "#db/client.server";
import { type AddonRow, booksInEffect, getAddon } from "~/models/catalog-admin.server";

/** The form's starting point for a new add-on. */
export function blankAddon(): Omit<AddonRow, "createdAt" | "updatedAt"> {
  return { sku: "", name: "", names: {}, kind: "disk", sizeGb: null, storageClass: "nvme", lines: [], status: "draft" };
}

/** An add-on's page: the add-on and its prices in the books in effect. */
export async function addonPage(db: Executor, sku: string, now: Date) {
  if (sku === "new") return { addon: blankAddon(), isNew: true as const, prices: [] };
  const [addon, books] = await Promise.all([getAddon(db, sku), booksInEffect(db, now)]);
  if (!addon) throw data(null, { status: 404 });
  const { createdAt: _c, updatedAt: _u, ...shown } = addon;
  return {
    addon: shown,
    isNew: false as const,
    prices: books.map((b) => ({
      bookId: b.id,
      version: b.version,
      currency: b.currency,
      price: b.prices[sku] ?? null,
    })),
  };
}
