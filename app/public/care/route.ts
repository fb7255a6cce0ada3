import { CARE_COOKIE } from "@/lib/public/page-memory";

/**
 * GET /public/care?mode=on|off&back=/public/…: the 关怀版 switch, a plain link (no JavaScript).
 * It sets or clears the cookie and goes back to the page it came from — a path of the portal only,
 * never another site.
 */
export function GET(request: Request) {
  const url = new URL(request.url);
  const on = url.searchParams.get("mode") === "on";
  const back = url.searchParams.get("back") ?? "";
  // A control character (a line break would end the Location header) or a backslash is never a portal path.
  const safe = [...back].every((char) => char !== "\\" && char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f);
  const target = /^\/public(?:[/?#]|$)/.test(back) && safe ? back : "/public";
  const cookie = on ? `${CARE_COOKIE}=1; Path=/; Max-Age=31536000; SameSite=Lax` : `${CARE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
  return new Response(null, { status: 303, headers: { Location: target, "Set-Cookie": cookie, "Cache-Control": "no-store" } });
}
