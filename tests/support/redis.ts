import { spawn, type ChildProcess } from "node:child_process";
import { createClient } from "redis";
import { freePort } from "../../scripts/support/server";

/** A throw-away redis-server on a free loopback port (no persistence). Fails loudly if Redis is not installed. */
export async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const failed = new Promise<never>((_, reject) =>
    child.once("error", (e) =>
      reject(new Error(`redis-server could not start (apt-get install -y redis-server): ${e.message}`)),
    ),
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    const client = createClient({ url, socket: { reconnectStrategy: false } });
    client.on("error", () => {});
    try {
      await Promise.race([client.connect(), failed]);
      await client.ping();
      await client.quit();
      return {
        url,
        stop: async () => {
          child.kill("SIGTERM");
          await new Promise((r) => child.once("exit", r));
        },
      };
    } catch (error) {
      if ((error as Error).message.startsWith("redis-server could not start")) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill("SIGKILL");
  throw new Error("redis-server did not answer within 5 s");
}
