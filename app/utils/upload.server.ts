import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { PayloadTooLargeError } from "~/utils/http.server";

/** Multipart boundaries, headers and the form's other fields around the file. */
const FORM_OVERHEAD_BYTES = 16 * 1024;

export interface UploadRefusal {
  status: 400 | 413 | 415;
  path: string;
  message: string;
}

/**
 * A staff form with one file, read into memory with a cap, or why it cannot be read: not multipart
 * (415), too large (413, `tooLarge` says what is allowed), cut off or malformed (400). Never a 500.
 */
export async function readUpload(
  request: Request,
  { maxBytes, field, tooLarge }: { maxBytes: number; field: string; tooLarge: string },
): Promise<{ form: FormData; refusal?: undefined } | { refusal: UploadRefusal }> {
  if (!/^multipart\/form-data\s*;/i.test(request.headers.get("Content-Type") ?? ""))
    return { refusal: { status: 415, path: field, message: "Send the file with the form (multipart/form-data)." } };
  const refuseSize = { refusal: { status: 413 as const, path: field, message: tooLarge } };
  if (Number(request.headers.get("Content-Length")) > maxBytes + FORM_OVERHEAD_BYTES) return refuseSize;
  try {
    const form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
    );
    return { form };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || error instanceof PayloadTooLargeError) return refuseSize;
    // A malformed or cut-off upload is the client's fault: say so, never a 500.
    return { refusal: { status: 400, path: field, message: "The upload could not be read. Choose the file again." } };
  }
}
