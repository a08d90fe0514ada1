/**
 * `npm run build`, last step: the Express server (server/index.ts and the app, db and server modules
 * it imports outside the Remix build) compiled to one JavaScript file, build/server/index.js, so
 * production runs `node` on compiled code (`npm run start:prod`) instead of compiling TypeScript at
 * start-up. Packages stay external (node_modules is there at run time, as for the Remix build).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Plugin, build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SERVER_OUTFILE = path.join(ROOT, "build", "server", "index.js");

/** Bare imports are packages, except the tsconfig path aliases (`~/`, `#db/`), which are our sources. */
const packagesExternal: Plugin = {
  name: "packages-external",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("~/") || args.path.startsWith("#db/") ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Modules find files beside them through `import.meta.url` (db/migrate.ts its migrations,
 * server/index.ts the project root). Bundled, every module would see the bundle's URL; each gets its
 * own source file's URL back, relative to the bundle, so the project can move as a whole.
 */
const sourceLocation: Plugin = {
  name: "source-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const contents = await readFile(args.path, "utf8");
      if (!contents.includes("import.meta.url")) return undefined;
      const relative = path.relative(path.dirname(SERVER_OUTFILE), args.path).split(path.sep).join("/");
      return {
        contents: contents.replaceAll("import.meta.url", `new URL(${JSON.stringify(relative)}, import.meta.url).href`),
        loader: args.path.endsWith("x") ? "tsx" : "ts",
      };
    });
  },
};

await build({
  absWorkingDir: ROOT,
  entryPoints: [path.join(ROOT, "server", "index.ts")],
  outfile: SERVER_OUTFILE,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: "linked",
  tsconfig: path.join(ROOT, "tsconfig.json"),
  jsx: "automatic",
  plugins: [packagesExternal, sourceLocation],
  logLevel: "warning",
});
console.log(`server built: ${path.relative(ROOT, SERVER_OUTFILE)}`);
