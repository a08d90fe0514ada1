import { createSession } from "~/models/user.server";
import { serializeSessionCookie } from "~/utils/auth.server";

/** A GET, or a form POST when `form` is given, with an optional Cookie header. */
export function req(url: string, cookie?: string, form?: Record<string, string>) {
  return new Request(`http://localhost${url}`, {
    method: form ? "POST" : "GET",
    headers: {
      ...(cookie ? { Cookie: cookie } : {}),
      ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
    },
    body: form ? new URLSearchParams(form) : undefined,
  });
}

/** What `data(value, init)` from Remix returns (single fetch's DataWithResponseInit). */
interface DataWithInit<D = unknown> {
  type: string;
  data: D;
  init: ResponseInit | null;
}

function isDataWithInit(value: unknown): value is DataWithInit {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { type?: unknown }).type === "DataWithResponseInit" &&
    "data" in value
  );
}

/**
 * Runs a loader/action and returns its status: returned and thrown responses and data() count.
 * Anything else that is thrown (a bug in the route, a failed query) is re-thrown, so a test never
 * mistakes a crash for an answer.
 */
export async function status(fn: () => Promise<unknown>): Promise<number> {
  try {
    const r = await fn();
    if (r instanceof Response) return r.status;
    if (isDataWithInit(r)) return r.init?.status ?? 200;
    if (r instanceof Error) throw r;
    return 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    if (isDataWithInit(e) && e.init?.status) return e.init.status;
    throw e;
  }
}

/** The data a loader or action returns, without the Response it may return instead. */
export type RouteData<T> = T extends Response ? never : T extends DataWithInit<infer D> ? D : T;

/** A route's answer, the way the browser would see it. */
export interface RouteAnswer<D> {
  status: number;
  headers: Headers;
  /** The Location of a redirect, else null. */
  location: string | null;
  /** The Response when the route answered with one (returned or thrown), else null. */
  response: Response | null;
  /** The returned data; reading it when the route answered with a Response fails the test. */
  data: D;
}

type RouteFunction<T> = (args: { request: Request; params: never; context: never }) => T | Promise<T>;

/**
 * Runs a loader/action call and settles it into a RouteAnswer: a thrown Response or data() with a
 * status is an answer like a returned one; anything else thrown is re-thrown.
 */
export async function settle<T>(run: () => T | Promise<T>): Promise<RouteAnswer<RouteData<T>>> {
  let result: unknown;
  try {
    result = await run();
  } catch (e) {
    if (!(e instanceof Response) && !(isDataWithInit(e) && e.init?.status)) throw e;
    result = e;
  }
  if (result instanceof Response) {
    const response = result;
    return {
      status: response.status,
      headers: response.headers,
      location: response.headers.get("Location"),
      response,
      get data(): never {
        throw new Error(`the route answered with a Response (status ${response.status}), not data`);
      },
    };
  }
  const init = isDataWithInit(result) ? result.init : null;
  return {
    status: init?.status ?? 200,
    headers: new Headers(init?.headers),
    location: null,
    response: null,
    data: (isDataWithInit(result) ? result.data : result) as RouteData<T>,
  };
}

/** Calls a route's loader with `request`, typed by what the loader returns. */
export function callLoader<T>(
  loader: RouteFunction<T>,
  request: Request,
  params: Record<string, string | undefined> = {},
  context: Record<string, unknown> = {},
) {
  return settle(() => loader({ request, params, context } as never));
}

/** Calls a route's action with `request`, typed by what the action returns. */
export function callAction<T>(
  action: RouteFunction<T>,
  request: Request,
  params: Record<string, string | undefined> = {},
  context: Record<string, unknown> = {},
) {
  return settle(() => action({ request, params, context } as never));
}

/** The Cookie header of a fresh staff session, the way a signed-in browser sends it. */
export async function staffCookie(db: Parameters<typeof createSession>[0], userId: string) {
  return (await serializeSessionCookie(await createSession(db, userId))).split(";")[0]!;
}
