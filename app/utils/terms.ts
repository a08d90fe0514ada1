/**
 * The version of the terms of service customers accept. The text lives in the locale files under
 * `terms.*`; change this whenever that text changes, so every acceptance records what it agreed to.
 */
export const TERMS_VERSION = "2026-12-05.2";
