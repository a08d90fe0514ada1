/**
 * The customer's own time zone: the browser reports it (Intl), a cookie remembers it, the loader
 * reads it back (time-zone.server.ts) so the server prints times the way the browser will. A name
 * that is not a zone this runtime knows falls back to UTC.
 */
export const TIME_ZONE_COOKIE = "tz";

/** Whether `name` is an IANA time zone this runtime can format in ("Europe/Madrid", "UTC"). */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== "string" || name.length === 0 || name.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(name))
    return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** `name` if it is a time zone, else "UTC". */
export function timeZoneOrUtc(name: unknown): string {
  return isTimeZone(name) ? name : "UTC";
}
