import { Transform } from "node:stream";

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
  return new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      let bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      if (bytes.includes(0)) bytes = Buffer.from(bytes.filter((b) => b !== 0));
      if (done) chunks.push(bytes);
      callback(null, bytes);
    },
    flush(callback) {
      done?.(Buffer.concat(chunks).toString("utf8"));
      callback();
    },
  });
}
