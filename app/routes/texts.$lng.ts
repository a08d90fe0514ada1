import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { SUPPORTED_LANGUAGES } from "~/i18n";
import { clientTexts } from "~/locales";
import { type TextGroup, pickGroups } from "~/locales/texts";

const GROUPS = Object.keys(clientTexts.en) as TextGroup[];

const query = z.object({
  lng: z.enum(SUPPORTED_LANGUAGES, { error: "Unknown language: use en or es." }),
  groups: z
    .string({ error: "groups is required: a comma-separated list of text groups." })
    .transform((s) => s.split(","))
    .pipe(
      z
        .array(
          z.enum(GROUPS as [TextGroup, ...TextGroup[]], { error: (i) => `Unknown text group: ${String(i.input)}.` }),
        )
        .min(1)
        .max(GROUPS.length),
    ),
  v: z.string().max(64).optional(),
});

/**
 * Groups of the browser's texts as JSON, for a client-side navigation to a page whose texts the
 * document did not carry (app/utils/texts.ts). Public, like the pages that show them.
 */
export function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = query.safeParse({
    lng: params.lng,
    groups: url.searchParams.get("groups") ?? undefined,
    v: url.searchParams.get("v") ?? undefined,
  });
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return Response.json({ errors }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const { lng, groups, v } = parsed.data;
  return Response.json(pickGroups(clientTexts[lng], groups), {
    headers: {
      // A versioned address never changes; an unversioned one may after a release.
      "Cache-Control": v ? "public, max-age=31536000, immutable" : "public, max-age=300",
      "Content-Language": lng,
    },
  });
}
