import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import i18next from "i18next";
import type { TextGroup } from "~/locales/texts";

declare global {
  interface Window {
    __remixManifest?: { version?: string };
  }
}

const pending = new Map<string, Promise<void>>();

/** Fetches the groups of texts the browser does not have yet (GET /texts/<lng>, app/routes/texts.$lng.ts). */
export async function loadTexts(groups: readonly TextGroup[]): Promise<void> {
  const lng = i18next.language;
  const missing = groups.filter((g) => i18next.getResource(lng, "translation", g) === undefined);
  if (missing.length === 0) return;
  const key = `${lng}:${missing.join(",")}`;
  let loading = pending.get(key);
  if (!loading) {
    // The build's version makes the address change with the texts, so browsers may keep it for a year.
    const params = new URLSearchParams({ groups: missing.join(","), v: window.__remixManifest?.version ?? "" });
    loading = fetch(`/texts/${lng}?${params}`)
      .then(async (response) => {
        if (!response.ok) throw new Error(`texts for ${missing.join(", ")} could not be loaded (${response.status})`);
        i18next.addResourceBundle(lng, "translation", await response.json(), true, false);
      })
      .finally(() => pending.delete(key));
    pending.set(key, loading);
  }
  await loading;
}

/**
 * A route's clientLoader: on a client-side navigation the page's texts arrive together with its data,
 * so it never renders a missing text. On the first load the document already carries them and this
 * does not run (no `hydrate` flag). The route must have a server `loader`, or Remix runs this on
 * hydration too.
 */
export function textsFirst(groups: readonly TextGroup[]) {
  return async ({ serverLoader }: ClientLoaderFunctionArgs) => {
    const [data] = await Promise.all([serverLoader(), loadTexts(groups)]);
    return data;
  };
}
