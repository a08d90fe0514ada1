import { TIME_ZONE_COOKIE, timeZoneOrUtc } from "./time-zone";

/**
 * The zone the customer's pages print times in: the one their browser reported and the `tz` cookie
 * remembers (set by app/components/time-zone.tsx), checked against the zones this runtime knows;
 * UTC when there is none or it is not a zone. The root layout may call this too.
 */
export function customerTimeZone(request: Request): string {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== TIME_ZONE_COOKIE) continue;
    try {
      return timeZoneOrUtc(decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      return "UTC";
    }
  }
  return "UTC";
}
