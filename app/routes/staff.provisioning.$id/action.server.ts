import { data } from "@remix-run/node";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import { serverFactsSchema } from "~/domain/delivery";
import {
  type DeliveryRefusal,
  assignDelivery,
  deliveryItem,
  handOver,
  overrideCheck,
  readyToHandOver,
  recordCheck,
  recordDelivery,
} from "~/models/delivery.server";
import { notifyCustomer, notifyDeliveryStarted } from "~/services/notifications.server";
import { cutoverForm, isCutoverIntent, staffCutoverAction } from "~/services/cutover.server";
import { type Actor, accessOf } from "~/utils/permissions";
import { decideOnSuspension } from "~/services/billing.server";
import { readUpload } from "~/utils/upload.server";
import { staffSingleLine } from "~/utils/text.server";

/** The check script prints a few KB; anything much larger is not its output. */
export const MAX_FACTS_BYTES = 64 * 1024;

export interface DeliveryFieldError {
  path: string;
  message: string;
}
const answer = (status: number, errors: DeliveryFieldError[], ok: string | null = null) =>
  data({ errors, ok }, { status });

const REFUSALS: Record<DeliveryRefusal, [number, string]> = {
  not_yours: [403, "Only the technician who claimed this item (or an admin) can change it."],
  unknown_server: [400, "That server is not on this checklist."],
  not_delivered: [409, "Record where the server was delivered (hostname) before testing it."],
  wrong_host: [400, "This output is from another server: its hostname does not match the one recorded."],
  checks_failing: [409, "A server failed its acceptance test: fix it, or an admin overrides with a reason."],
  unknown_key: [400, "Only the customer's own SSH keys (from their account) can be recorded as installed."],
};
const refused = (reason: DeliveryRefusal, path = "") => {
  const [status, message] = REFUSALS[reason];
  return answer(status, [{ path, message }]);
};

const line = (max: number) => z.string().trim().min(1, "Required.").max(max).check(staffSingleLine());
const deliverySchema = z.object({
  serverKey: z.string().max(80),
  hostname: line(253).refine((h) => /^[A-Za-z0-9.-]+$/.test(h), "Letters, digits, dots and hyphens only."),
  ipAddresses: z
    .string()
    .transform((s) => s.split(/[\s,]+/).filter(Boolean))
    .pipe(
      z
        .array(z.union([z.ipv4(), z.ipv6()], { error: "Each address must be an IPv4 or IPv6 address." }))
        .min(1, "At least one address.")
        .max(32),
    ),
  dataCentre: line(80),
  serial: line(120),
  keyIds: z.array(z.uuid("Choose keys from the list.")).max(20).default([]),
});

/** The form, multipart (an uploaded file) or not; 413 for an upload over the limit. */
async function readForm(request: Request) {
  if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? ""))
    return { form: await request.formData() };
  const upload = await readUpload(request, {
    maxBytes: MAX_FACTS_BYTES,
    field: "facts",
    tooLarge: `The file is too large for the check script's output (at most ${MAX_FACTS_BYTES / 1024} KB).`,
  });
  return upload.refusal
    ? { refusal: answer(upload.refusal.status, [{ path: "facts", message: upload.refusal.message }]) }
    : { form: upload.form };
}

/** The check script's output from the uploaded file or the pasted text: 400 when it is not that. */
async function factsFrom(form: FormData) {
  const file = form.get("factsFile");
  const text = file instanceof Blob && file.size > 0 ? await file.text() : String(form.get("factsText") ?? "");
  if (text.length > MAX_FACTS_BYTES)
    return { refusal: answer(413, [{ path: "facts", message: `At most ${MAX_FACTS_BYTES / 1024} KB.` }]) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      refusal: answer(400, [
        { path: "facts", message: "This is not JSON: paste exactly what specdesk-check.sh printed." },
      ]),
    };
  }
  const parsed = serverFactsSchema.safeParse(json);
  if (!parsed.success)
    return {
      refusal: answer(
        400,
        parsed.error.issues.map((i) => ({ path: "facts", message: `${i.path.join(".") || "document"}: ${i.message}` })),
      ),
    };
  return { facts: parsed.data };
}

const intents = z.enum(["deliver", "check", "override", "handOver", "assign", "suspension"]);

/** The delivery page's intents: record a delivery, test it, override a failed test (admins), hand over. */
export async function deliveryAction(db: Executor, actor: Actor, id: string, request: Request) {
  const item = await deliveryItem(db, id);
  if (!item) return answer(404, [{ path: "", message: "No such provisioning item." }]);
  const read = await readForm(request);
  if (read.refusal) return read.refusal;
  const form = read.form;
  if (isCutoverIntent(form.get("intent"))) {
    const { status, ok, errors } = await staffCutoverAction(db, actor, id, cutoverForm(form));
    // A refusal of the whole request (path "intent") shows at the top of the page.
    return answer(
      status,
      errors.map((e) => (e.path === "intent" ? { ...e, path: "" } : e)),
      ok,
    );
  }
  const intent = intents.safeParse(form.get("intent"));
  if (!intent.success) return answer(400, [{ path: "intent", message: "Unknown request." }]);
  const serverKey = String(form.get("serverKey") ?? "");
  if (intent.data === "suspension") {
    // Any technician or admin decides about an overdue service (not only whoever built it).
    if (!accessOf(actor.role, "write:provisioning")) return refused("not_yours");
    const parsed = z
      .object({ decision: z.enum(["suspend", "keep"]), note: line(500) })
      .safeParse(Object.fromEntries(form));
    if (!parsed.success)
      return answer(
        400,
        parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      );
    const decided = await decideOnSuspension(db, actor, item.quoteRequestId, parsed.data.decision, parsed.data.note);
    if (!decided) return answer(409, [{ path: "", message: "This service is not flagged for suspension (any more)." }]);
    return answer(
      200,
      [],
      parsed.data.decision === "suspend"
        ? "Recorded: suspend the service. The customer has been told; resume it once the invoice is paid."
        : "Recorded: the service keeps running.",
    );
  }
  if (intent.data === "deliver") {
    const parsed = deliverySchema.safeParse({ ...Object.fromEntries(form), keyIds: form.getAll("keyIds") });
    if (!parsed.success)
      return answer(
        400,
        parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      );
    const { serverKey: key, ...input } = parsed.data;
    const refusal = await recordDelivery(
      db,
      actor,
      id,
      key,
      input,
      item.checklist.servers.map((s) => s.key),
    );
    return refusal
      ? refused(refusal, refusal === "unknown_key" ? "keyIds" : "")
      : answer(200, [], `Delivery recorded for ${key}.`);
  }
  if (intent.data === "check") {
    const got = await factsFrom(form);
    if (got.refusal) return got.refusal;
    const refusal = await recordCheck(db, actor, item, serverKey, got.facts);
    return refusal ? refused(refusal, "facts") : answer(200, [], `Acceptance test recorded for ${serverKey}.`);
  }
  if (intent.data === "assign") {
    const assignee = z.uuid().safeParse(form.get("assigneeId"));
    if (!assignee.success) return answer(400, [{ path: "assigneeId", message: "Choose a technician." }]);
    // The customer hears that their servers are being built (once per item, whoever takes it first).
    const refusal = await assignDelivery(db, actor, id, assignee.data, (tx) => notifyDeliveryStarted(tx, id));
    if (refusal === "unknown_server")
      return answer(400, [{ path: "assigneeId", message: "Not an active technician." }]);
    return refusal ? refused(refusal) : answer(200, [], "Assigned.");
  }
  if (intent.data === "override") {
    const parsed = z
      .object({
        serverKey: z.string().max(80),
        reason: line(500).refine((r) => r.length >= 10, "Say why, in a sentence."),
      })
      .safeParse(Object.fromEntries(form));
    if (!parsed.success)
      return answer(
        400,
        parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      );
    const refusal = await overrideCheck(db, actor, id, parsed.data.serverKey, parsed.data.reason);
    return refusal ? refused(refusal, "reason") : answer(200, [], "Override recorded.");
  }
  if (!readyToHandOver(item)) return refused("checks_failing");
  // Handed over, on the customer's timeline and in their inbox, in one transaction.
  const done = await handOver(db, actor, item, (tx) => notifyCustomer(tx, item.quoteRequestId, "handed_over"));
  return done ? answer(200, [], "Handed over; the customer has been told.") : refused("not_yours");
}
