import { isIP } from "node:net";

/**
 * What `npm start` shows a newcomer once the server listens: the app's address, last and on its own
 * line. In development also where to sign in as each staff role and where e-mail lands. Production
 * and tests print nothing here (their logs are JSON lines; the "listening" line carries the URL).
 */
export function firstScreen(options: {
  env: { NODE_ENV: string; HOST: string; DATABASE_URL?: string; PGLITE_DIR: string };
  port: number;
  stripeStandInUrl?: string;
  devUsers: readonly { email: string; role: string }[];
  devPassword: string;
}): { url: string; text: string | null } {
  const { env, port } = options;
  const url = `http://${browsableHost(env.HOST)}:${port}`;
  if (env.NODE_ENV !== "development") return { url, text: null };
  const loopback = browsableHost(env.HOST) === "localhost";
  const width = Math.max(...options.devUsers.map((u) => u.role.length));
  const lines = [
    "",
    `  SpecDesk (development, ${env.DATABASE_URL ? "PostgreSQL" : `PGlite in ${env.PGLITE_DIR}`})`,
    "",
    `  Staff sign-in   ${url}/staff/login`,
    ...(loopback
      ? [
          ...options.devUsers.map((u) => `    ${u.role.padEnd(width)}  ${u.email}`),
          `    password${" ".repeat(Math.max(width - 8, 0))}  ${options.devPassword}`,
        ]
      : ["    (the demo accounts are disabled while the server listens beyond loopback)"]),
    `  Mailbox         ${url}/dev/mailbox`,
    ...(options.stripeStandInUrl ? [`  Stripe stand-in ${options.stripeStandInUrl} (no real payments)`] : []),
    "",
    `  SpecDesk is running at ${url}`,
    "",
  ];
  return { url, text: `${lines.join("\n")}\n` };
}

/** The address to type into a browser: loopback and "every interface" are localhost. */
function browsableHost(host: string): string {
  if (["127.0.0.1", "::1", "localhost", "0.0.0.0", "::"].includes(host)) return "localhost";
  return isIP(host) === 6 ? `[${host}]` : host;
}
