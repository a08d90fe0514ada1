import en from "./en";
import es from "./es";
import enServer from "./server-en";
import esServer from "./server-es";

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
/** Every language must provide every key English has (the type checker enforces it). */
export type TranslationShape = DeepStrings<typeof en>;
export type ServerTranslationShape = DeepStrings<typeof enServer>;

/** The server's resources: what the browser gets (en.ts, es.ts) plus e-mails and refusals (server-*.ts). */
export const resources = {
  en: { translation: { ...en, ...enServer } },
  es: { translation: { ...es, ...esServer } },
} as const;
