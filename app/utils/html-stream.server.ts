import { Transform } from "node:stream";
import { DEFERRED } from "./deferred-scripts";

/** The markers' rewrite across the renderer's chunks (a marker may straddle two of them). */
function deferScripts() {
  const markers = Object.values(DEFERRED).map(([from]) => from);
  /** How many characters at the end of `text` could begin a marker. */
  const partial = (text: string) => {
    let keep = 0;
    for (const marker of markers)
      for (let k = Math.min(marker.length - 1, text.length); k > keep; k--)
        if (marker.startsWith(text.slice(text.length - k))) keep = k;
    return keep;
  };
  let carry = "";
  return {
    push(bytes: Buffer, last: boolean): Buffer {
      // latin1 maps every byte to one character and back, so multi-byte UTF-8 passes through untouched.
      let text = carry + bytes.toString("latin1");
      for (const [from, to] of Object.values(DEFERRED)) text = text.split(from).join(to);
      // Keep back what could be the start of a marker until the next chunk shows the rest.
      const keep = last ? 0 : partial(text);
      carry = text.slice(text.length - keep);
      return Buffer.from(text.slice(0, text.length - keep), "latin1");
    },
  };
}

/**
 * The page's bytes on their way from React to the response.
 *
 * React 18.3's streaming renderer copies text into 2 KB buffers; when a multi-byte character (“, ñ,
 * €) does not fit in the bytes left at the end of one, it sends the whole buffer, unused zero bytes
 * included (fixed in React 19). A zero byte is never part of a page, and never part of a UTF-8
 * character, so dropping every one restores exactly what React meant to write: in text the browser
 * would ignore it, but inside a script or an attribute it becomes U+FFFD and corrupts the value.
 * `done`, when given, receives the whole page once it has been written (the render memo).
 */
export function htmlBody(done?: (html: string) => void): Transform {
  const chunks: Buffer[] = [];
  const scripts = deferScripts();
  const send = (bytes: Buffer) => {
    if (done) chunks.push(bytes);
    return bytes;
  };
  return new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      let bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      if (bytes.includes(0)) bytes = Buffer.from(bytes.filter((b) => b !== 0));
      callback(null, send(scripts.push(bytes, false)));
    },
    flush(callback) {
      const rest = send(scripts.push(Buffer.alloc(0), true));
      done?.(Buffer.concat(chunks).toString("utf8"));
      callback(null, rest.length ? rest : undefined);
    },
  });
}
