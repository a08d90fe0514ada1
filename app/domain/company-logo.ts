/** A logo for page headers and documents: small, and only formats a PDF can embed as they are. */
export const MAX_LOGO_BYTES = 100 * 1024;
export type LogoType = "image/png" | "image/jpeg";

/** What the bytes are, whatever the file is called or claims to be. */
export function sniffLogo(bytes: Uint8Array): LogoType | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  return null;
}
