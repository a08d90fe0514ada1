import en from "./en";
import es from "./es";
import enServer from "./server-en";
import esServer from "./server-es";

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
/** Every language must provide every key English has (the type checker enforces it). */
export type TranslationShape = DeepStrings<typeof en>;
export type ServerTranslationShape = DeepStrings<typeof enServer>;

/** What the browser may be sent (app/locales/texts.ts picks a page's groups from these). */
export const clientTexts = { en, es } as const;

/**
 * The server's resources: what the browser gets (en.ts, es.ts) plus e-mails, refusals and the
 * migration planner's sentences (server-*.ts). `rules` is in both: the server's add to the browser's.
 */
export const resources = {
  en: { translation: { ...en, ...enServer, rules: { ...en.rules, ...enServer.rules } } },
  es: { translation: { ...es, ...esServer, rules: { ...es.rules, ...esServer.rules } } },
} as const;
