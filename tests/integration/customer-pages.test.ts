import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { quoteMessages, reviewItems } from "#db/schema";
import { action as quotePageAction, loader as quotePageLoader } from "~/routes/q.$token/route";
import { action as shareAction, loader as shareLoader } from "~/routes/s.$token";
import { TERMS_VERSION } from "~/utils/terms";
import { createQuote, createShareLink, createStaff } from "../factories";
import { callAction, callLoader, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const quotePage = (token: string, cookie?: string) =>
  callLoader(quotePageLoader, req(`/q/${token}`, cookie), { token });
const postQuote = (token: string, form: Record<string, string>) =>
  callAction(quotePageAction, req(`/q/${token}`, undefined, form), { token });
const sharePage = (token: string) => callLoader(shareLoader, req(`/s/${token}`), { token });
const postShare = (token: string, form: Record<string, string>) =>
  callAction(shareAction, req(`/s/${token}`, undefined, form), { token });

describe.each(TEST_DATABASES)("the customer's pages on $name", (target) => {
  const database = useTestDatabase(target);

  it("a question from the share page reaches the technicians (a review item), and shows on the quote's timeline", async () => {
    const db = database().db;
    const quote = await createQuote(db);
    expect(quote.reviewItemId).toBeNull();
    const { user: rep } = await createStaff(db, "sales", { name: "Rita Rep", email: "rita.rep@test.local" });
    const link = await createShareLink(db, { quoteRequestId: quote.id, createdBy: rep.id });

    const shared = await sharePage(link.token);
    expect(shared.data.contact).toEqual({ name: "Rita Rep", email: "rita.rep@test.local" });
    expect(shared.data.quote.reference).toBe(quote.id.slice(0, 8).toUpperCase());

    const empty = await postShare(link.token, { intent: "question", body: "  " });
    expect(empty.status).toBe(400);
    expect(empty.data).toMatchObject({ sent: false, target: { intent: "question" }, errors: [{ path: "body" }] });
    // The share page has no timeline to reply on.
    expect((await postShare(link.token, { intent: "reply", body: "Hello" })).status).toBe(400);

    const asked = await postShare(link.token, { intent: "question", body: "Can you invoice our subsidiary?" });
    expect(asked.status).toBe(200);
    expect(asked.data).toMatchObject({ sent: true, errors: [] });
    const [item] = await db.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, quote.id));
    expect(item?.status).toBe("open");
    expect(item?.reasons.map((r) => r.code)).toContain("customer_question");
    const [message] = await db
      .select()
      .from(quoteMessages)
      .where(and(eq(quoteMessages.quoteRequestId, quote.id), eq(quoteMessages.event, "customer_question")));
    expect(message?.body).toBe("Can you invoice our subsidiary?");

    const page = await quotePage(quote.token);
    expect(page.data.timeline.map((m) => m.event)).toContain("customer_question");
  });

  it("a question about a line names the line on the timeline, and answers next to that line", async () => {
    const db = database().db;
    const quote = await createQuote(db);
    const before = await quotePage(quote.token);
    const proposal = before.data.quote.proposals[0]!;
    const asked = await postQuote(quote.token, {
      intent: "ask",
      proposalId: proposal.id,
      position: "0",
      body: "Why this one?",
    });
    expect(asked.data).toMatchObject({ sent: true, target: { intent: "ask", proposalId: proposal.id, position: 0 } });
    const after = await quotePage(quote.token);
    const question = after.data.timeline.find((m) => m.event === "line_question");
    expect(question?.lineRef).toEqual({
      proposalId: proposal.id,
      position: 0,
      label: `${proposal.tier}: ${proposal.lines[0]!.name}`,
    });

    // A line of another quote's proposal is not this page's.
    const other = await createQuote(db);
    const foreign = (await quotePage(other.token)).data.quote.proposals[0]!;
    const refused = await postQuote(quote.token, {
      intent: "ask",
      proposalId: foreign.id,
      position: "0",
      body: "?",
    });
    expect(refused.status).toBe(400);
  });

  it("the time zone comes from the cookie, checked; a refused acceptance gives back what was typed", async () => {
    const db = database().db;
    const quote = await createQuote(db);
    expect((await quotePage(quote.token, "tz=Europe%2FMadrid")).data.timeZone).toBe("Europe/Madrid");
    expect((await quotePage(quote.token, "tz=Europe%2FNowhere")).data.timeZone).toBe("UTC");
    expect((await quotePage(quote.token)).data.timeZone).toBe("UTC");

    const refused = await postQuote(quote.token, {
      intent: "accept",
      version: "1",
      tier: "lean",
      termsVersion: TERMS_VERSION,
      name: "Carla",
      company: "Carla S.L.",
      email: "not-an-address",
      poNumber: "",
    });
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({
      commerce: {
        values: { tier: "lean", name: "Carla", company: "Carla S.L.", email: "not-an-address" },
        errors: expect.arrayContaining([
          expect.objectContaining({ path: "email" }),
          expect.objectContaining({ path: "terms" }),
        ]),
      },
    });
  });
});
