/**
 * `npm start`: build the app when the build is missing or older than the sources, then serve it with
 * the compiled server, build/server/index.js, as `npm run start:prod` does (server/index.ts migrates
 * and seeds the database before listening).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The Remix build and the compiled server (scripts/build-server.ts).
const SERVER = path.join(ROOT, "build", "server", "index.js");
const OUTPUTS = [path.join(ROOT, "build", "index.js"), SERVER];

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

const sources = ["app", "db", "server", "scripts/build-server.ts", "remix.config.js", "package.json"]
  .map((p) => path.join(ROOT, p))
  .filter(existsSync);
const newestSource = Math.max(...sources.map(newestMtime));
const stale = OUTPUTS.some((output) => !existsSync(output) || statSync(output).mtimeMs < newestSource);
if (stale) {
  console.log("Building SpecDesk…");
  // The same build as `npm run build` (Remix, the assets precompressed, the server compiled).
  const result = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import(pathToFileURL(SERVER).href);
