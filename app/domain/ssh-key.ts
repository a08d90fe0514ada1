import { createHash } from "node:crypto";

/**
 * A customer's SSH public key as OpenSSH writes it ("ssh-ed25519 AAAA… comment"), checked before it
 * is installed on a server: a known, current type (no DSA), a key blob that says the same type, a
 * size worth trusting (RSA at least 2048 bits), and the SHA256 fingerprint `ssh-keygen -lf` shows,
 * so the customer can compare it with their own. Only public keys: a private key is refused loudly.
 */
export type SshKeyType =
  | "ssh-ed25519"
  | "ssh-rsa"
  | "ecdsa-sha2-nistp256"
  | "ecdsa-sha2-nistp384"
  | "ecdsa-sha2-nistp521"
  | "sk-ssh-ed25519@openssh.com";

export interface SshKey {
  type: SshKeyType;
  bits: number;
  fingerprint: string;
  comment: string;
  /** Normalised: type, base64 blob and comment on one line. */
  publicKey: string;
}

export type SshKeyProblem = "private_key" | "format" | "type" | "mismatch" | "too_small" | "too_long";

const FIXED_BITS: Partial<Record<SshKeyType, number>> = {
  "ssh-ed25519": 256,
  "sk-ssh-ed25519@openssh.com": 256,
  "ecdsa-sha2-nistp256": 256,
  "ecdsa-sha2-nistp384": 384,
  "ecdsa-sha2-nistp521": 521,
};
const TYPES = new Set<string>(["ssh-rsa", ...Object.keys(FIXED_BITS)]);

/** The length-prefixed fields of an SSH wire-format blob. */
function fields(blob: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at + 4 <= blob.length) {
    const length = blob.readUInt32BE(at);
    if (at + 4 + length > blob.length) throw new Error("truncated");
    out.push(blob.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  if (at !== blob.length) throw new Error("trailing bytes");
  return out;
}

function rsaBits(modulus: Buffer): number {
  let i = 0;
  while (i < modulus.length && modulus[i] === 0) i++;
  if (i === modulus.length) return 0;
  return (modulus.length - i - 1) * 8 + (32 - Math.clz32(modulus[i]!));
}

export function parseSshKey(text: string): SshKey | { problem: SshKeyProblem } {
  const trimmed = text.trim();
  if (/PRIVATE KEY/.test(trimmed)) return { problem: "private_key" };
  if (trimmed.length > 16_384) return { problem: "too_long" };
  const match = /^(\S+)\s+([A-Za-z0-9+/]+={0,2})(?:\s+(.*))?$/.exec(trimmed.replace(/\s*\n\s*/g, " "));
  if (!match) return { problem: "format" };
  const [, type, base64, comment = ""] = match;
  if (!TYPES.has(type!)) return { problem: "type" };
  let parts: Buffer[];
  const blob = Buffer.from(base64!, "base64");
  try {
    parts = fields(blob);
  } catch {
    return { problem: "format" };
  }
  if (parts[0]?.toString("latin1") !== type) return { problem: "mismatch" };
  let bits = FIXED_BITS[type as SshKeyType] ?? 0;
  if (type === "ssh-rsa") {
    if (parts.length !== 3) return { problem: "format" };
    bits = rsaBits(parts[2]!);
    if (bits < 2048) return { problem: "too_small" };
  } else if (type === "ssh-ed25519" && parts[1]?.length !== 32) return { problem: "format" };
  const fingerprint = `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
  const cleanComment = comment.replace(/[\p{Cc}]/gu, "").slice(0, 200);
  return {
    type: type as SshKeyType,
    bits,
    fingerprint,
    comment: cleanComment,
    publicKey: `${type} ${base64}${cleanComment ? ` ${cleanComment}` : ""}`,
  };
}
