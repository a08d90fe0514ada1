/**
 * `npm start`: build the app when the build is missing or older than the sources, then serve it
 * (server/index.ts migrates and seeds the database before listening).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUILD = path.join(ROOT, "build", "index.js");

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

const sources = ["app", "db", "remix.config.js", "package.json"].map((p) => path.join(ROOT, p)).filter(existsSync);
const stale = !existsSync(BUILD) || statSync(BUILD).mtimeMs < Math.max(...sources.map(newestMtime));
if (stale) {
  console.log("Building SpecDesk…");
  // The same build as `npm run build` (Remix, then the assets precompressed).
  const result = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import("./index");
