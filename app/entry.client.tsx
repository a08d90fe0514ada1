import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig, isLanguage } from "./i18n";

async function hydrate() {
  // The server already chose the language and wrote it on <html lang>; use the same one.
  const htmlLang = document.documentElement.lang;
  const lng = isLanguage(htmlLang) ? htmlLang : "en";
  // The document carries the texts its page shows, in its language, as JSON (root.tsx); other pages'
  // texts come with a client-side navigation (app/utils/texts.ts). Language links reload the document.
  const translation = JSON.parse(document.getElementById("texts")?.textContent || "{}") as Record<string, unknown>;
  await i18next.use(initReactI18next).init({
    ...i18nConfig,
    lng,
    fallbackLng: lng,
    resources: { [lng]: { translation } },
    // A text of a group the page never loaded is a bug in a route's `handle.texts`: say so loudly.
    saveMissing: true,
    missingKeyHandler: (_lngs, _ns, key) => {
      const group = key.split(".")[0]!;
      if (i18next.getResource(lng, "translation", group) === undefined)
        console.error(`Missing text group "${group}" for "${key}": add it to the route's handle.texts`);
    },
  });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
