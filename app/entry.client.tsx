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
  // Only the page's language is downloaded (language links reload the document).
  const translation = lng === "es" ? (await import("./locales/es")).default : (await import("./locales/en")).default;
  await i18next
    .use(initReactI18next)
    .init({ ...i18nConfig, lng, fallbackLng: lng, resources: { [lng]: { translation } } });
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
