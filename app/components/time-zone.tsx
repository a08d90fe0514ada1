import { type ReactNode, createContext, useContext, useEffect, useState } from "react";
import { useRevalidator } from "@remix-run/react";
import { TIME_ZONE_COOKIE, isTimeZone } from "~/utils/time-zone";

const TimeZoneContext = createContext("UTC");

/** The zone the customer's times are printed in (app/utils/format.ts formatDate's `timeZone`). */
export const useTimeZone = () => useContext(TimeZoneContext);

/**
 * The browser's own zone when it differs from the one the page was printed in, remembered in the
 * cookie for the next page; null when it is the same or the browser does not say.
 */
function rememberBrowserZone(printedIn: string): string | null {
  let reported: string | undefined;
  try {
    reported = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return null;
  }
  if (!isTimeZone(reported) || reported === printedIn) return null;
  document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(reported)}; Path=/; Max-Age=31536000; SameSite=Lax`;
  return reported;
}

/**
 * Prints the page's times in `initial` (the zone the server rendered with: the remembered one, or
 * UTC) and, once hydrated, in the browser's own zone when that differs: it is remembered in a cookie
 * for the next page. Only the components that print times re-render (they read the context).
 */
export function TimeZoneProvider({ initial, children }: { initial: string; children: ReactNode }) {
  const [zone, setZone] = useState(initial);
  useEffect(() => {
    const reported = rememberBrowserZone(initial);
    if (reported) setZone(reported);
  }, [initial]);
  return <TimeZoneContext.Provider value={zone}>{children}</TimeZoneContext.Provider>;
}

/**
 * For pages whose times are worded on the server (the account): once hydrated, when the browser's
 * zone differs from the one the server printed with, it is remembered in the cookie and the page's
 * data reloaded, so every time shows in the customer's own zone from then on.
 */
export function RememberTimeZone({ printedIn }: { printedIn: string }) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (rememberBrowserZone(printedIn)) revalidator.revalidate();
    // Once per zone printed: the reload prints in the reported zone, which ends it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [printedIn]);
  return null;
}
