import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startProductionServer } from "../../scripts/support/server";

/**
 * The production build's scripts and stylesheet are sent as compressed once at build time
 * (scripts/compress-assets.ts): Brotli when the browser takes it, else gzip, else the file itself,
 * always with the long-lived immutable caching their fingerprinted names allow.
 */
const postgresUrl = process.env.DATABASE_URL;
if (!postgresUrl && process.env.CI) throw new Error("The static-asset test needs PostgreSQL: set DATABASE_URL.");

describe.each(postgresUrl ? ["PostgreSQL"] : [])("precompressed build assets on %s", () => {
  let server: RunningServer;
  let assets: string[];

  beforeAll(async () => {
    server = await startProductionServer("assets");
    const html = await (await fetch(`${server.base}/quote/new`)).text();
    // Every script and the stylesheet the wizard loads.
    assets = [...html.matchAll(/(?:href|src)="(\/build\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith(".css"))).toBe(true);
    expect(assets.filter((a) => a.endsWith(".js")).length).toBeGreaterThan(3);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const onDisk = (asset: string) => path.join("public", asset);

  it("sends the Brotli file made at build time, else the gzip one, else the file itself", async () => {
    let compressed = 0;
    for (const asset of assets) {
      const file = onDisk(asset);
      const plain = readFileSync(file, "utf8");
      if (statSync(file).size < 1024) continue;
      compressed++;
      expect(existsSync(`${file}.br`) && existsSync(`${file}.gz`)).toBe(true);
      for (const [accept, encoding, stored] of [
        ["gzip, deflate, br, zstd", "br", `${file}.br`],
        ["gzip, deflate", "gzip", `${file}.gz`],
        ["identity", null, file],
      ] as const) {
        const response = await fetch(`${server.base}${asset}`, { headers: { "Accept-Encoding": accept } });
        expect(response.status).toBe(200);
        expect(response.headers.get("content-encoding")).toBe(encoding);
        // The stored file's bytes, not a fresh on-the-fly compression (fetch decodes the body).
        expect(Number(response.headers.get("content-length"))).toBe(statSync(stored).size);
        expect(await response.text()).toBe(plain);
        expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
        expect(response.headers.get("vary")).toContain("Accept-Encoding");
        expect(response.headers.get("content-type")).toMatch(asset.endsWith(".css") ? /^text\/css/ : /javascript/);
      }
    }
    expect(compressed).toBeGreaterThan(3);
  });

  it("answers an unknown asset with the app's 404, not a server error", async () => {
    const response = await fetch(`${server.base}/build/_shared/chunk-NOPE1234.js`, {
      headers: { "Accept-Encoding": "br" },
    });
    expect(response.status).toBe(404);
  });
});
