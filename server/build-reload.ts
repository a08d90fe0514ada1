import { type FSWatcher, statSync, watch } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type ServerBuild, broadcastDevReady } from "@remix-run/node";
import type { Logger } from "pino";

/**
 * Imports the Remix server build. `fresh` adds the file's modification time as a query: Node caches
 * ES modules by URL, so a rebuilt build imported at the same URL would be the old one again.
 */
export async function importBuild(buildPath: string, { fresh = false } = {}): Promise<ServerBuild> {
  const url = pathToFileURL(buildPath).href;
  return (await import(fresh ? `${url}?t=${statSync(buildPath).mtimeMs}` : url)) as ServerBuild;
}

/**
 * `npm run dev` (`remix dev --manual`): the compiler rebuilds on save and leaves the app server
 * running, so the server itself loads each new build, as Remix v2's Express templates do in manual
 * mode. The compiler writes `version.txt` next to the build after the build is complete; on that
 * signal the build is imported again, handed to `onBuild`, and announced to the dev server at
 * `origin` (`broadcastDevReady`), which then reloads the browser. The first build is announced at
 * once. Each import keeps the previous build in memory (ES modules cannot be unloaded): fine for a
 * development session, and why production never does this.
 */
export function reloadOnRebuild(options: {
  buildPath: string;
  initial: ServerBuild;
  origin: string;
  onBuild: (build: ServerBuild) => void;
  logger: Logger;
}): FSWatcher {
  const { buildPath, origin, onBuild, logger } = options;
  const announce = (build: ServerBuild) =>
    broadcastDevReady(build, origin).catch((error: unknown) =>
      logger.warn({ err: error }, "dev: the Remix dev server did not answer"),
    );
  let timer: NodeJS.Timeout | undefined;
  const reload = async () => {
    try {
      const build = await importBuild(buildPath, { fresh: true });
      onBuild(build);
      logger.info({ version: build.assets.version }, "dev: serving the rebuilt app");
      await announce(build);
    } catch (error) {
      // A build that fails to load (a top-level throw) keeps the previous one serving.
      logger.error({ err: error }, "dev: could not load the rebuilt app; still serving the previous build");
    }
  };
  // The directory, not the file: version.txt may not exist yet, and a rewrite may replace it.
  const watcher = watch(path.dirname(buildPath), (_event, file) => {
    if (file !== "version.txt") return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), 50);
  });
  void announce(options.initial);
  return watcher;
}
