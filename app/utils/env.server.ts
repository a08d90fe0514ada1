import { isIP } from "node:net";
import { z } from "zod";

/**
 * The one place that reads process.env. Validated once; a bad value stops start-up with a
 * message naming every problem. `.env.example` lists every variable; none is required.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** Default: 127.0.0.1 outside production (demo accounts, /dev/mailbox), 0.0.0.0 in production; see the end of the schema. */
    HOST: z.string().min(1).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    PGLITE_DIR: z.string().min(1).default("./.data/pglite"),
    PUBLIC_BASE_URL: z.url().optional(),
    /** smtp(s)://user:pass@host:port; without it e-mail goes to the local mailbox stand-in. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    MAIL_FROM: z.string().min(3).default("SpecDesk <quotes@specdesk.local>"),
    /**
     * How e-mail leaves: smtp (SMTP_URL), mailbox (the development stand-in at /dev/mailbox, never in
     * production) or disabled (nothing is sent; messages wait in the outbox, so customers would
     * silently lose their links: only on purpose). Default: smtp with SMTP_URL, else mailbox.
     */
    MAIL_TRANSPORT: z
      .enum(["smtp", "mailbox", "disabled"])
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /**
     * /metrics (Prometheus) is served only when this is set, and only to `Authorization: Bearer <it>`.
     * At least 24 characters: it guards operational figures.
     */
    METRICS_TOKEN: z
      .string()
      .min(24, "METRICS_TOKEN must be at least 24 characters")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /**
     * Turns on technicians' signed page webhooks (/staff/account): each technician's signing key is
     * HMAC-SHA256(this, "page-webhook:<user id>:<key version>"), derived when needed, never stored.
     * At least 32 characters; unset, no page is POSTed anywhere (e-mail pages still go out).
     */
    PAGE_WEBHOOK_SECRET: z
      .string()
      .min(32, "PAGE_WEBHOOK_SECRET must be at least 32 characters")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** Scales every rate limit; the end-to-end suite raises it because all its browsers share one IP. */
    RATE_LIMIT_MULTIPLIER: z.coerce.number().int().min(1).max(1000).default(1),
    /** The review SLA's business calendar. */
    SLA_TIME_ZONE: z.string().min(1).default("Europe/Madrid"),
    SLA_WEEKDAYS: z
      .string()
      .regex(/^[1-7](,[1-7])*$/, "comma-separated ISO weekdays, 1 = Monday")
      .default("1,2,3,4,5"),
    SLA_HOURS: z
      .string()
      .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, "HH:mm-HH:mm")
      .default("09:00-18:00"),
    SLA_HOLIDAYS: z
      .string()
      .regex(/^(\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2})*)?$/, "comma-separated yyyy-MM-dd dates")
      .default(""),
    /** Days a published proposal version keeps its prices (its valid-until date). */
    QUOTE_VALID_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** A customer's private quote link stops working after this many days without use; a new one is a request away (/quote/link). */
    QUOTE_LINK_IDLE_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    /** Real Stripe (test or live mode). Without them, the local Stripe stand-in takes payments. */
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_/, "must be a Stripe secret key (sk_test_… or sk_live_…)")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_/, "must be a Stripe webhook signing secret (whsec_…)")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** redis:// URL: rate-limit counters shared by every instance. Without it, in memory per instance. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** Default: info (warn under NODE_ENV=test, to keep test output readable). */
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
    /** Set by `remix dev` (`npm run dev`): the server then loads every rebuild and tells the dev server (server/build-reload.ts). */
    REMIX_DEV_ORIGIN: z.url().optional(),
    /**
     * Express "trust proxy": which proxies may say who the client is (X-Forwarded-For, -Host, -Proto),
     * for rate limits, acceptance records and the same-origin guard. A hop count believes whoever
     * connects, so it is safe only when the app's port is reachable through the proxy alone; a list
     * of proxy addresses/CIDRs is preferred. `true` (believe everyone) is refused.
     */
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const v = value?.trim();
        if (!v) return undefined;
        if (/^\d+$/.test(v) && Number(v) <= 10) return Number(v);
        const entries = v.split(",").map((e) => e.trim());
        const bad = entries.filter((e) => !isProxyAddress(e));
        if (bad.length) {
          ctx.addIssue({
            code: "custom",
            message: `a hop count (0-10) or a comma-separated list of proxy addresses or CIDRs (or loopback, linklocal, uniquelocal); not ${bad.map((b) => JSON.stringify(b)).join(", ")}`,
          });
          return z.NEVER;
        }
        return entries;
      }),
    /** On SIGTERM, how long to keep serving after /readyz turns 503, so the load balancer can stop sending. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(1_000),
    /** "1" turns on /bench/constant, the bare Remix page `npm run bench:http` compares against. */
    BENCH_ROUTE: z.enum(["0", "1"]).default("0"),
    /** Memory for memoised page renders (app/services/render-memo.server.ts), per instance; 0 turns it off. */
    RENDER_MEMO_MB: z.coerce.number().int().min(0).max(4096).default(32),
    /** Largest request body in KB on routes without their own limit (server/body-limit.ts); bigger gets 413. */
    BODY_LIMIT_KB: z.coerce.number().int().min(16).max(10_240).default(256),
    /** Port of the local Stripe stand-in (0 = any free port). */
    STRIPE_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    /**
     * The stand-in's webhook signing secret. Unset (the norm), it is random per start, so nobody can
     * forge a "paid" event with a published one; set it only where several local instances must
     * accept one signer's events (the scale-out test).
     */
    STRIPE_STANDIN_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_[A-Za-z0-9_-]{32,}$/, "whsec_ followed by at least 32 random characters")
      .refine(
        (v) => v !== "whsec_specdesk_local_standin_not_a_real_secret",
        "this secret is published: use a random one",
      )
      .optional()
      .or(z.literal("").transform(() => undefined)),
  })
  .refine((e) => Boolean(e.STRIPE_SECRET_KEY) === Boolean(e.STRIPE_WEBHOOK_SECRET), {
    message: "set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET together (or neither, for the local stand-in)",
    path: ["STRIPE_WEBHOOK_SECRET"],
  })
  .superRefine((e, ctx) => {
    // Customers get their private link only by e-mail: production must send it or say on purpose that it will not.
    const transport = resolveMailTransport(e);
    if (transport === "smtp" && !e.SMTP_URL)
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "MAIL_TRANSPORT=smtp needs SMTP_URL" });
    if (transport === "mailbox" && e.NODE_ENV === "production") {
      ctx.addIssue(
        e.MAIL_TRANSPORT
          ? {
              code: "custom",
              path: ["MAIL_TRANSPORT"],
              message: "the development mailbox never runs in production: use smtp (with SMTP_URL) or disabled",
            }
          : {
              code: "custom",
              path: ["SMTP_URL"],
              message: "required in production (or MAIL_TRANSPORT=disabled to start without sending any e-mail)",
            },
      );
    }
  })
  .transform((e) => ({
    ...e,
    // Outside production the server has demo accounts with a published password, /dev/mailbox and
    // a Stripe stand-in: it listens on loopback unless HOST says otherwise.
    HOST: e.HOST ?? (e.NODE_ENV === "production" ? "0.0.0.0" : "127.0.0.1"),
  }));

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An address, CIDR (prefix or netmask) or named range, as Express's proxy-addr accepts them. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (/^\d{1,3}$/.test(prefix)) return Number(prefix) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(prefix) === 4;
}

function resolveMailTransport(e: { MAIL_TRANSPORT?: "smtp" | "mailbox" | "disabled"; SMTP_URL?: string }) {
  return e.MAIL_TRANSPORT ?? (e.SMTP_URL ? "smtp" : "mailbox");
}

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** The business calendar review SLAs count in (see domain/sla.ts). */
export function businessCalendar() {
  const env = getEnv();
  const [start, end] = env.SLA_HOURS.split("-") as [string, string];
  return {
    timeZone: env.SLA_TIME_ZONE,
    weekdays: env.SLA_WEEKDAYS.split(",").map(Number),
    start,
    end,
    holidays: env.SLA_HOLIDAYS ? env.SLA_HOLIDAYS.split(",") : [],
  };
}

/** Where links in e-mails point. */
export function publicBaseUrl() {
  const env = getEnv();
  return env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`;
}

/** The secret technicians' page-webhook keys derive from, or null when page webhooks are off. */
export function pageWebhookSecret(): string | null {
  return getEnv().PAGE_WEBHOOK_SECRET ?? null;
}

/** Days a published version's prices hold. */
export function quoteValidDays() {
  return getEnv().QUOTE_VALID_DAYS;
}

/** How e-mail leaves this instance: SMTP, the development mailbox, or not at all. */
export function mailTransport(env: Env = getEnv()): "smtp" | "mailbox" | "disabled" {
  return resolveMailTransport(env);
}

/** Days without use after which a customer's private quote link stops working. */
export function quoteLinkIdleDays() {
  return getEnv().QUOTE_LINK_IDLE_DAYS;
}
