import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import {
  type FixtureQuoteRef,
  deleteFixtureQuote,
  expireFixtureQuote,
  findFixtureQuote,
} from "~/models/fixtures.server";
import { getEnv, mailTransport } from "~/utils/env.server";

/**
 * The end-to-end suite's fixtures (tests/e2e/fixtures.ts) look up and delete the quotes they made.
 * Development and tests only, guarded exactly as /dev/mailbox is: never in production, and only while
 * the local mailbox stand-in is the transport. A resource route (no component): nothing of it reaches
 * the browser.
 *   GET  /dev/fixtures?token=<token> | ?id=<uuid>           → { quote: { id, status, reviewItemId } | null }
 *   POST /dev/fixtures { "intent": "delete_quote", "token" | "id" } → { deleted: boolean }
 *   POST /dev/fixtures { "intent": "expire_quote", "token" | "id" } → { expired: boolean }
 *        (its published versions' prices ended a minute ago, so the customer can refresh them)
 */
function available() {
  const env = getEnv();
  return env.NODE_ENV !== "production" && mailTransport(env) === "mailbox";
}

const notFound = () => new Response(null, { status: 404 });
const problem = (status: number, message: string) =>
  Response.json({ errors: [{ path: "", message }] }, { status, headers: { "Cache-Control": "no-store" } });

/** Exactly one of the quote's id or its customer link's token. */
const refFields = {
  id: z.uuid().optional(),
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
};
const exactlyOne = (r: { id?: string; token?: string }) => (r.id === undefined) !== (r.token === undefined);

const lookupSchema = () => z.strictObject(refFields).refine(exactlyOne);
const deleteSchema = () =>
  z.strictObject({ intent: z.enum(["delete_quote", "expire_quote"]), ...refFields }).refine(exactlyOne);

function refOf(input: { id?: string; token?: string }): FixtureQuoteRef {
  return input.id !== undefined ? { id: input.id } : { token: input.token! };
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (!available()) throw notFound();
  const parsed = lookupSchema().safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return problem(400, "Give exactly one of id (a UUID) or token.");
  const quote = await findFixtureQuote(getDb(), refOf(parsed.data));
  return Response.json({ quote }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (!available()) throw notFound();
  if (request.method !== "POST") return problem(405, "Use POST.");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return problem(400, "Body is not valid JSON.");
  }
  const parsed = deleteSchema().safeParse(body);
  if (!parsed.success) return problem(400, 'Send { "intent": "delete_quote" } with an id (a UUID) or a token.');
  if (parsed.data.intent === "expire_quote") {
    const expired = await expireFixtureQuote(getDb(), refOf(parsed.data));
    return Response.json({ expired }, { headers: { "Cache-Control": "no-store" } });
  }
  const deleted = await deleteFixtureQuote(getDb(), refOf(parsed.data));
  return Response.json({ deleted }, { headers: { "Cache-Control": "no-store" } });
}
