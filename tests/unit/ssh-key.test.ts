import { describe, expect, it } from "vitest";
import { parseSshKey } from "~/domain/ssh-key";

/** Fingerprints and sizes as `ssh-keygen -lf` printed them for these keys. */
import { ECDSA_384, ED25519, RSA_1024, RSA_3072 } from "../fixtures/ssh-keys";

describe("SSH public keys", () => {
  it("reads type, size, comment and the fingerprint ssh-keygen shows", () => {
    expect(parseSshKey(ED25519)).toEqual({
      type: "ssh-ed25519",
      bits: 256,
      fingerprint: "SHA256:Y1DMPfpWtk6/MHP+0yKW9Rphaw8wIsvp5sBCQ4CkErc",
      comment: "ana@laptop",
      publicKey: ED25519,
    });
    expect(parseSshKey(RSA_3072)).toMatchObject({
      type: "ssh-rsa",
      bits: 3072,
      fingerprint: "SHA256:hWeQvpPpHPwVhBAWAxXyIqh1VUPIuNJNDiFKOrOxSGg",
    });
    expect(parseSshKey(ECDSA_384)).toMatchObject({
      type: "ecdsa-sha2-nistp384",
      bits: 384,
      fingerprint: "SHA256:wDOCsRvhhYRek/BerOy9zQQuIisBc7DQ7ttk203B/2s",
    });
    // Pasted with a trailing newline or wrapped by a mail client.
    expect(parseSshKey(`  ${ED25519}\n`)).toMatchObject({
      fingerprint: "SHA256:Y1DMPfpWtk6/MHP+0yKW9Rphaw8wIsvp5sBCQ4CkErc",
    });
  });

  it("refuses private keys, small RSA keys, DSA, a blob of another type and garbage", () => {
    expect(parseSshKey("-----BEGIN OPENSSH PRIVATE KEY-----" + "\nAAAA")).toEqual({ problem: "private_key" });
    expect(parseSshKey(RSA_1024)).toEqual({ problem: "too_small" });
    expect(parseSshKey("ssh-dss AAAAB3NzaC1kc3MAAACBAP== x")).toEqual({ problem: "type" });
    const [, blob] = ED25519.split(" ");
    expect(parseSshKey(`ssh-rsa ${blob} x`)).toEqual({ problem: "mismatch" });
    expect(parseSshKey("ssh-ed25519 AAAA")).toEqual({ problem: "format" });
    expect(parseSshKey("hello")).toEqual({ problem: "format" });
    expect(parseSshKey(`ssh-ed25519 ${"A".repeat(20000)}`)).toEqual({ problem: "too_long" });
  });
});
