import { describe, expect, it } from "vitest";
import { caresFor, etagMatches, pageKey, pageOf, rememberPage, rememberedPage } from "@/lib/public/page-memory";
import { forgetPublicRevision, freshRevision, revisionMemo } from "@/lib/public/revision-memo";

const page = (text: string) => ({ body: new TextEncoder().encode(text), etag: `"${text}"` });

describe("the portal's page memory", () => {
  it("holds a page for its revision only: a newer revision drops every page of the older one", () => {
    rememberPage("r1", pageKey(false, "/public/plans/1"), page("一"));
    expect(pageOf("r1", pageKey(false, "/public/plans/1"))?.etag).toBe('"一"');
    // The other view and another address are other pages.
    expect(pageOf("r1", pageKey(true, "/public/plans/1"))).toBeUndefined();
    expect(pageOf("r1", pageKey(false, "/public/plans/1?quarter=2"))).toBeUndefined();
    // Asking under a new revision (what the proxy does) neither finds nor drops it…
    expect(pageOf("r2", pageKey(false, "/public/plans/1"))).toBeUndefined();
    expect(pageOf("r1", pageKey(false, "/public/plans/1"))).toBeDefined();
    // …a route that read the new revision does drop it.
    expect(rememberedPage("r2", pageKey(false, "/public/plans/1"))).toBeUndefined();
    expect(pageOf("r1", pageKey(false, "/public/plans/1"))).toBeUndefined();
  });

  it("keeps at most 64 MB, the oldest pages leaving first", () => {
    const big = { body: new Uint8Array(20 * 1024 * 1024), etag: '"big"' };
    for (const n of [1, 2, 3, 4]) rememberPage("r3", `page ${n}`, big);
    expect(["page 1", "page 2", "page 3", "page 4"].map((key) => pageOf("r3", key) !== undefined)).toEqual([false, true, true, true]);
  });

  it("answers 304 to the page's own ETag only, and reads the 关怀版 cookie", () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc", "x"', '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(null, '"abc"')).toBe(false);
    expect(caresFor("a=1; luoshi-care=1")).toBe(true);
    expect(caresFor("luoshi-care=0")).toBe(false);
    expect(caresFor("xluoshi-care=1")).toBe(false);
    expect(caresFor(null)).toBe(false);
  });
});

describe("the revision memo", () => {
  it("trusts a token for a second after it was read, and not after the process's own change", () => {
    revisionMemo.token = "t";
    revisionMemo.readAt = 1_000_000;
    expect(freshRevision(1_000_999)).toBe("t");
    expect(freshRevision(1_001_000)).toBeNull();
    forgetPublicRevision();
    expect(freshRevision(1_000_001)).toBeNull();
  });
});
