import en from "./en";
import es from "./es";

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
/** Every language must provide every key English has (the type checker enforces it). */
export type TranslationShape = DeepStrings<typeof en>;

export const resources = {
  en: { translation: en },
  es: { translation: es },
} as const;
