/**
 * The path a request reaches in Remix, for middleware that decides by path before Remix runs (rate
 * limits, body limits, the cross-site guard). Express's req.path is the raw request target, but
 * the Remix adapter parses it with `new URL()` (backslashes become slashes, dot segments resolve,
 * `%2e` included), single fetch serves `/x.data` as `/x`, and routing decodes each segment and
 * ignores case and trailing slashes. Deciding on the raw path would let `/Q/<t>`, `/q\<t>` or
 * `/staff/login.data` (how a browser with JavaScript signs in) slip past a check of `/q/` or
 * `/staff/login`. Repeated slashes elsewhere are kept: Remix does not match `//q/<t>` either.
 *
 * `url` is Express's req.originalUrl (path and query). The result is lower case, without trailing
 * slashes, "/" for the root.
 */
export function routePath(url: string): string {
  let pathname: string;
  try {
    // Joined as @remix-run/express does (origin + originalUrl), so `//q/x` stays a path, not a host.
    pathname = new URL(`http://route.invalid${url}`).pathname;
  } catch {
    // The adapter cannot build its URL either, so Remix never routes this request.
    return url.toLowerCase();
  }
  // Single fetch (v3_singleFetch), as @remix-run/server-runtime strips it: case-sensitive, before decoding.
  if (pathname.endsWith(".data")) pathname = pathname.slice(0, -".data".length).replace(/^\/_root$/, "/");
  return decodeSegments(pathname).toLowerCase().replace(/\/+$/, "") || "/";
}

/** As @remix-run/router's decodePath: every segment decoded, or (one malformed escape) none. */
function decodeSegments(pathname: string): string {
  try {
    return pathname
      .split("/")
      .map((segment) => decodeURIComponent(segment).replace(/\//g, "%2F"))
      .join("/");
  } catch {
    return pathname;
  }
}
