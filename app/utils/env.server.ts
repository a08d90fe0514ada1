import { z } from "zod";

/**
 * The one place that reads process.env. Validated once; a bad value stops start-up with a
 * message naming every problem. `.env.example` lists every variable; none is required.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
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
  /** Express "trust proxy": how many proxies in front of the app may set X-Forwarded-For (or a list). */
  TRUST_PROXY: z.string().optional(),
  /** On SIGTERM, how long to keep serving after /readyz turns 503, so the load balancer can stop sending. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(1_000),
  /** "1" turns on /bench/constant, the bare Remix page `npm run bench:http` compares against. */
  BENCH_ROUTE: z.enum(["0", "1"]).default("0"),
  /** Memory for memoised page renders (app/services/render-memo.server.ts), per instance; 0 turns it off. */
  RENDER_MEMO_MB: z.coerce.number().int().min(0).max(4096).default(32),
  /** Port of the local Stripe stand-in (0 = any free port). */
  STRIPE_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
}).refine((e) => Boolean(e.STRIPE_SECRET_KEY) === Boolean(e.STRIPE_WEBHOOK_SECRET), {
  message: "set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET together (or neither, for the local stand-in)",
  path: ["STRIPE_WEBHOOK_SECRET"],
});

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

/** Days a published version's prices hold. */
export function quoteValidDays() {
  return getEnv().QUOTE_VALID_DAYS;
}
