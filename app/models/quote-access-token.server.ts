import type { Executor } from "#db/client.server";
import { quoteAccessTokens } from "#db/schema";
import { hashToken, newAccessToken } from "~/utils/token.server";

/** A new private link token for a quote's customer: returned once, only its hash is stored. */
export async function issueQuoteAccessToken(db: Executor, quoteRequestId: string) {
  const token = newAccessToken();
  await db.insert(quoteAccessTokens).values({ quoteRequestId, tokenHash: hashToken(token) });
  return token;
}
