import type { Currency } from "~/domain/money";
import type { BookStanding, RateKind } from "~/domain/price-book";
import { formatMoney } from "~/utils/format";

/** Words and numbers the three price-book pages share (staff pages are in English). */
export const STANDING_LABELS: Record<BookStanding, string> = {
  draft: "Draft",
  in_effect: "In effect now",
  scheduled: "Scheduled",
  superseded: "Superseded",
};

export const RATE_KIND_LABELS: Record<RateKind, string> = {
  business_hours: "Business hours",
  off_hours: "Off-hours (planned)",
  emergency: "Emergency",
};

export const GROUP_LABELS: Record<string, string> = {
  cloud: "Cloud servers",
  dedicated: "Dedicated servers",
  high_memory: "High-memory servers",
  storage: "Storage servers",
  gpu: "GPU servers",
  ram: "RAM upgrades",
  disk: "Disks",
  volume: "Block volumes",
  backup: "Backup space",
  traffic: "Traffic packs",
  ipv4: "IPv4 addresses",
  load_balancer: "Load balancers",
};

export const TIER_LABELS: Record<string, string> = { lean: "Lean", balanced: "Balanced", resilient: "Resilient" };

/** A quote's status as the impact preview names it (only open quotes appear there). */
export const QUOTE_STATUS_LABELS: Record<string, string> = {
  proposed: "proposed",
  needs_review: "waiting for a technician",
  published: "published by a technician",
};

export const moneyIn = (currency: Currency) => (minor: number) => formatMoney(minor, currency, "en");

/** A change in basis points as staff read it: "+10 %", "−4.5 %", "0 %", or "—" without a base. */
export function formatChange(bps: number | null): string {
  if (bps === null) return "—";
  const percent = Math.abs(bps) / 100;
  const sign = bps > 0 ? "+" : bps < 0 ? "−" : "";
  return `${sign}${percent.toLocaleString("en", { maximumFractionDigits: 2 })} %`;
}

/** A signed amount: "+€12.00", "−€3.50", "€0.00". */
export function formatDelta(minor: number, currency: Currency): string {
  const text = formatMoney(Math.abs(minor), currency, "en");
  return minor > 0 ? `+${text}` : minor < 0 ? `−${text}` : text;
}

export const percentOfBps = (bps: number) => `${(bps / 100).toLocaleString("en", { maximumFractionDigits: 2 })} %`;
