import { z } from "zod";

/** The address whose quotes' links to e-mail. */
export const linkRequestSchema = z.object({ email: z.email().max(254) });
