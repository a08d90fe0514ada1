import { describe, expect, it } from "vitest";
import { clientTexts } from "~/locales";
import { PAGE_TEXTS, groupsFor, pickGroups, scriptJson } from "~/locales/texts";
import { loader } from "~/routes/texts.$lng";

const get = async (path: string, lng: string) => {
  const response = loader({ request: new Request(`http://localhost${path}`), params: { lng }, context: {} });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
};

describe("a page's texts", () => {
  it("are the union of its routes' groups, in a stable order; routes that name none add none", () => {
    expect(groupsFor([{ texts: PAGE_TEXTS.root }, { texts: PAGE_TEXTS.wizard }])).toEqual([
      "common",
      "storageClasses",
      "validation",
      "wizard",
    ]);
    expect(groupsFor([{ texts: PAGE_TEXTS.root }, undefined, { pureRender: true }])).toEqual(["common"]);
    expect(groupsFor([{ texts: ["quote", "common"] }, { texts: ["common"] }])).toEqual(["common", "quote"]);
  });

  it("carry only the named groups of one language", () => {
    const picked = pickGroups(clientTexts.es, ["wizard", "common", "nonsense"]);
    expect(Object.keys(picked)).toEqual(["common", "wizard"]);
    expect(picked.common).toBe(clientTexts.es.common);
  });

  it("are JSON that cannot close the <script> element carrying it", () => {
    const json = scriptJson({ text: "</script><script>alert(1)</script>\u2028" });
    expect(json).not.toContain("<");
    expect(json).not.toContain("\u2028");
    expect(JSON.parse(json)).toEqual({ text: "</script><script>alert(1)</script>\u2028" });
  });

  it("every group each kind of page names exists in both languages", () => {
    for (const groups of Object.values(PAGE_TEXTS))
      for (const g of groups) for (const texts of Object.values(clientTexts)) expect(texts).toHaveProperty(g);
  });
});

describe("GET /texts/<lng>", () => {
  it("answers the asked groups of that language; a versioned address may be kept for a year", async () => {
    const { status, headers, body } = await get("/texts/es?groups=wizard,validation&v=abc123", "es");
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(["validation", "wizard"]);
    expect(body.wizard).toEqual(clientTexts.es.wizard);
    expect(headers.get("Cache-Control")).toContain("immutable");
    expect(headers.get("Content-Language")).toBe("es");
    const unversioned = await get("/texts/en?groups=home", "en");
    expect(unversioned.body).toEqual({ home: clientTexts.en.home });
    expect(unversioned.headers.get("Cache-Control")).toBe("public, max-age=300");
  });

  it("refuses an unknown language, an unknown group or no groups with a 400 naming the field", async () => {
    const language = await get("/texts/fr?groups=home", "fr");
    expect(language.status).toBe(400);
    expect(language.body).toEqual({ errors: [{ path: "lng", message: "Unknown language: use en or es." }] });
    const group = await get("/texts/en?groups=home,secrets", "en");
    expect(group.status).toBe(400);
    expect(group.body).toEqual({ errors: [{ path: "groups.1", message: "Unknown text group: secrets." }] });
    const none = await get("/texts/en", "en");
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([expect.objectContaining({ path: "groups" })]);
    expect(none.headers.get("Cache-Control")).toBe("no-store");
  });
});
