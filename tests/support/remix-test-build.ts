import type { ServerBuild } from "@remix-run/node";

type RouteModule = ServerBuild["routes"][string]["module"];
/** Resource routes (no component) are what most tests need. */
type TestRouteModule = Omit<RouteModule, "default"> & { default?: RouteModule["default"] };

/**
 * A Remix server build made by hand: a root route plus the given routes (path → module), served by
 * the real Remix request handler. Document renders answer a tiny body with Remix's status, so tests
 * exercise routing, actions and handleError without a compiled app.
 */
export function remixTestBuild(
  routes: Record<string, TestRouteModule>,
  entry: Partial<ServerBuild["entry"]["module"]> = {},
): ServerBuild {
  const manifest: ServerBuild["routes"] = {
    root: { id: "root", path: "", module: { default: () => null } as RouteModule },
  };
  for (const [path, module] of Object.entries(routes))
    manifest[`routes/${path}`] = { id: `routes/${path}`, parentId: "root", path, module: module as RouteModule };
  return {
    mode: "production",
    entry: {
      module: {
        default: (_request, status) =>
          new Response(`document ${status}`, { status, headers: { "Content-Type": "text/plain" } }),
        ...entry,
      },
    },
    routes: manifest,
    assets: {
      entry: { module: "/entry.js", imports: [] },
      routes: {},
      url: "/manifest.js",
      version: "test",
    } as unknown as ServerBuild["assets"],
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
    } as ServerBuild["future"],
    isSpaMode: false,
  };
}
