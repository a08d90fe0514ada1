import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Root ignores file permissions and there is no portable way to fill a disk, so "cannot write" is
 * made with mounts (a small tmpfs, a read-only bind); not every machine allows them. CI must.
 */
export function mountsAllowed(what: string): boolean {
  const dir = mkdtempSync(path.join(tmpdir(), "specdesk-mount-check-"));
  let allowed = false;
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir], { stdio: "ignore" });
    execFileSync("umount", [dir], { stdio: "ignore" });
    allowed = true;
  } catch {
    allowed = false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!allowed && process.env.CI) throw new Error(`CI must run ${what}: mount(8) is needed (run as root).`);
  if (!allowed) console.warn(`mount(8) is not permitted here; ${what} is skipped`);
  return allowed;
}
