import { describe, expect, it } from "vitest";
import { formatDate } from "~/utils/format";
import { isTimeZone, timeZoneOrUtc } from "~/utils/time-zone";
import { customerTimeZone } from "~/utils/time-zone.server";

const withCookie = (cookie: string) => new Request("http://x/q/t", { headers: { cookie } });

describe("the customer's time zone", () => {
  it("knows real IANA zones and refuses anything else", () => {
    expect(isTimeZone("Europe/Madrid")).toBe(true);
    expect(isTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("Europe/Madrid<script>")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone(42)).toBe(false);
    expect(timeZoneOrUtc("Nowhere/Land")).toBe("UTC");
  });

  it("is read from the tz cookie, validated, UTC without one", () => {
    expect(customerTimeZone(withCookie("lng=es; tz=Europe%2FMadrid"))).toBe("Europe/Madrid");
    expect(customerTimeZone(withCookie("tz=America/New_York"))).toBe("America/New_York");
    expect(customerTimeZone(withCookie("tz=Mars%2FOlympus"))).toBe("UTC");
    expect(customerTimeZone(withCookie("tz=%E0%A4%A"))).toBe("UTC");
    expect(customerTimeZone(withCookie("xtz=Europe/Madrid"))).toBe("UTC");
    expect(customerTimeZone(new Request("http://x/"))).toBe("UTC");
  });

  it("labels times with the zone they are in", () => {
    const at = "2026-12-04T13:00:00.000Z";
    expect(formatDate(at, "en", "medium", true)).toBe("Dec 4, 2026, 1:00 PM UTC");
    expect(formatDate(at, "en", "medium", true, "Europe/Madrid")).toBe("Dec 4, 2026, 2:00 PM (Europe/Madrid)");
    expect(formatDate(at, "es", "medium", true, "Europe/Madrid")).toMatch(/^4 dic 2026, 14:00 \(Europe\/Madrid\)$/);
    // A date alone is the zone's date: late evening in New York is still the 4th there.
    expect(formatDate("2026-12-05T02:00:00.000Z", "en", "long", false, "America/New_York")).toBe("December 4, 2026");
    expect(formatDate("2026-12-05T02:00:00.000Z", "en", "long")).toBe("December 5, 2026");
  });
});
