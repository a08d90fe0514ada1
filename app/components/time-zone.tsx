import { type ReactNode, createContext, useContext, useEffect, useState } from "react";
import { TIME_ZONE_COOKIE, isTimeZone } from "~/utils/time-zone";

const TimeZoneContext = createContext("UTC");

/** The zone the customer's times are printed in (app/utils/format.ts formatDate's `timeZone`). */
export const useTimeZone = () => useContext(TimeZoneContext);

/**
 * Prints the page's times in `initial` (the zone the server rendered with: the remembered one, or
 * UTC) and, once hydrated, in the browser's own zone when that differs: it is remembered in a cookie
 * for the next page. Only the components that print times re-render (they read the context).
 */
export function TimeZoneProvider({ initial, children }: { initial: string; children: ReactNode }) {
  const [zone, setZone] = useState(initial);
  useEffect(() => {
    let reported: string | undefined;
    try {
      reported = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return;
    }
    if (!isTimeZone(reported) || reported === initial) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(reported)}; Path=/; Max-Age=31536000; SameSite=Lax`;
    setZone(reported);
  }, [initial]);
  return <TimeZoneContext.Provider value={zone}>{children}</TimeZoneContext.Provider>;
}
