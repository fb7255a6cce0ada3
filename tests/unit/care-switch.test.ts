import { describe, expect, it } from "vitest";
import { GET } from "@/app/public/care/route";

const switchTo = (query: string) => GET(new Request(`http://localhost/public/care?${query}`));

describe("the 关怀版 switch", () => {
  it("sets the cookie for a year, or clears it, and goes back to the portal page it came from", () => {
    const on = switchTo(new URLSearchParams({ mode: "on", back: "/public/plans/2?quarter=1" }).toString());
    expect(on.status).toBe(303);
    expect(on.headers.get("location")).toBe("/public/plans/2?quarter=1");
    expect(on.headers.get("set-cookie")).toBe("luoshi-care=1; Path=/; Max-Age=31536000; SameSite=Lax");
    const off = switchTo(new URLSearchParams({ mode: "off", back: "/public" }).toString());
    expect(off.headers.get("set-cookie")).toBe("luoshi-care=; Path=/; Max-Age=0; SameSite=Lax");
  });

  it("goes back to a portal path only: never another site, another part of the app, or a broken header", () => {
    for (const back of ["https://evil.example/", "//evil.example/public", "/publicity", "/review", "/public\\..\\evil", "/public/\\evil.example", "/public\r\nSet-Cookie: x=1", "/public/plans/1\r\nSet-Cookie: x=1", ""]) {
      expect(switchTo(new URLSearchParams({ mode: "on", back }).toString()).headers.get("location"), JSON.stringify(back)).toBe("/public");
    }
  });
});
