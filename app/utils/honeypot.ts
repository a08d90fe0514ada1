/** The public forms' trap field: named like something a bot would fill in. */
export const HONEYPOT_FIELD = "website";

/** True when a submission filled the trap field (a person never sees it). */
export function caughtInHoneypot(body: unknown): boolean {
  if (!body || typeof body !== "object") return false;
  const value = (body as Record<string, unknown>)[HONEYPOT_FIELD];
  return typeof value === "string" ? value.trim() !== "" : value !== undefined && value !== null;
}
