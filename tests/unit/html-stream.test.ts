import { PassThrough, type Writable } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { htmlBody } from "~/utils/html-stream.server";

// Short texts with a three-byte character (“ ”), so that one of them falls across the end of one of
// React's 2 KB buffers: the case in which React 18.3 sends the buffer's unused zero bytes.
const page = createElement(
  "ul",
  null,
  Array.from({ length: 400 }, (_, i) =>
    createElement("li", { key: i, title: `“${i}”` }, `Line “${"x".repeat(i % 7)}” ñ €`),
  ),
);

function stream(through: Writable & { on: PassThrough["on"] }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    through.on("data", (c: Buffer) => chunks.push(c));
    through.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(page, { onAllReady: () => pipe(through), onError: reject });
  });
}

describe("htmlBody", () => {
  it("passes React's page through without the zero bytes React 18.3 leaves at buffer ends", async () => {
    const expected = renderToString(page);
    const raw = await stream(new PassThrough());
    // The React bug this guards against is there: without htmlBody the page carries zero bytes.
    expect(raw.includes(0)).toBe(true);
    let remembered = "";
    const cleaned = await stream(htmlBody((html) => (remembered = html)));
    expect(cleaned.includes(0)).toBe(false);
    expect(cleaned.toString("utf8")).toBe(expected);
    expect(remembered).toBe(expected);
  });
});

describe("htmlBody: the page's scripts are asked for after the first paint", () => {
  const remixScripts =
    '<p>“Señal” €</p><link rel="modulepreload" href="/build/entry.client-A.js"/><link rel="modulepreload" href="/build/_shared/chunk-B.js"/>' +
    '<script nonce="n0" type="module" async="">import * as route0 from "/build/root-C.js";import("/build/entry.client-A.js");</script>' +
    "<p>type=&quot;module&quot; in a customer's text</p>";
  const deferred =
    '<p>“Señal” €</p><link rel="x-deferred-modulepreload" href="/build/entry.client-A.js"/><link rel="x-deferred-modulepreload" href="/build/_shared/chunk-B.js"/>' +
    '<script nonce="n0" type="x-deferred-module" async="">import * as route0 from "/build/root-C.js";import("/build/entry.client-A.js");</script>' +
    "<p>type=&quot;module&quot; in a customer's text</p>";

  async function through(chunks: Buffer[]) {
    let remembered = "";
    const body = htmlBody((html) => (remembered = html));
    const out: Buffer[] = [];
    body.on("data", (c: Buffer) => out.push(c));
    const ended = new Promise((resolve) => body.on("end", resolve));
    for (const c of chunks) body.write(c);
    body.end();
    await ended;
    return { sent: Buffer.concat(out).toString("utf8"), remembered };
  }

  it("renames Remix's modulepreload links and module script wherever the renderer's chunks split them", async () => {
    const bytes = Buffer.from(remixScripts, "utf8");
    for (let cut = 0; cut <= bytes.length; cut++) {
      const { sent, remembered } = await through([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(sent, `split at byte ${cut}`).toBe(deferred);
      expect(remembered).toBe(deferred);
    }
    // One byte at a time, multi-byte characters split too.
    expect((await through([...bytes].map((b) => Buffer.from([b])))).sent).toBe(deferred);
  });

  it("holds back only what could begin a marker, so a streamed chunk is not delayed", async () => {
    const body = htmlBody();
    const out: string[] = [];
    body.on("data", (c: Buffer) => out.push(c.toString("utf8")));
    body.write(Buffer.from("<div>shell</div>"));
    body.write(Buffer.from('<p>more</p><link rel="module'));
    await new Promise((r) => setImmediate(r));
    expect(out.join("")).toBe("<div>shell</div><p>more</p>");
    body.end(Buffer.from('preload" href="/x.js"/>'));
    await new Promise((r) => body.on("end", r));
    expect(out.join("")).toBe('<div>shell</div><p>more</p><link rel="x-deferred-modulepreload" href="/x.js"/>');
  });
});
