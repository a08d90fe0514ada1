import { type AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpTransport } from "~/services/email.server";

/** The SMTP path against a real SMTP server on loopback (smtp-server, from the nodemailer project). */
describe("smtp transport", () => {
  const received: { from: string; to: string[]; raw: string }[] = [];
  let server: SMTPServer;
  let port = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let raw = "";
        stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("delivers the message over SMTP with the outbox id as Message-ID", async () => {
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
    await transport.send({
      id: "0b0c2f1e-1111-4222-8333-444455556666",
      from: "SpecDesk <quotes@specdesk.local>",
      to: "ana@example.es",
      subject: "Sus propuestas",
      text: "Hola, Ana",
    });
    expect(received).toHaveLength(1);
    expect(received[0]!.from).toBe("quotes@specdesk.local");
    expect(received[0]!.to).toEqual(["ana@example.es"]);
    expect(received[0]!.raw).toContain("Subject: Sus propuestas");
    expect(received[0]!.raw).toContain("Message-ID: <0b0c2f1e-1111-4222-8333-444455556666@specdesk>");
  });

  it("fails loudly when the server is unreachable, so the outbox retries", async () => {
    const transport = smtpTransport("smtp://127.0.0.1:1");
    await expect(transport.send({ id: "x", from: "a@b.c", to: "d@e.f", subject: "s", text: "t" })).rejects.toThrow();
  });
});
