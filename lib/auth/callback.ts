/**
 * Where to go after signing in: a path on this site, never another site. Browsers read "//host"
 * and "/\host" (a backslash counts as a slash) as another host, so a callback is accepted only
 * when, resolved against this site's origin, it stays on it, and the path it resolves to does not
 * itself start with "//" ("/.//host" resolves to "//host").
 */
export function safeCallback(value: unknown): string | null {
  // eslint-disable-next-line no-control-regex -- a control character in a callback is refused, so the pattern names them
  if (typeof value !== "string" || !value.startsWith("/") || /[\\\u0000-\u001F]/.test(value)) return null;
  const origin = "http://luoshi.invalid";
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || url.pathname.startsWith("//")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
