/**
 * Where to go after signing in: a path on this site, never another site. Browsers read "//host"
 * and "/\host" (a backslash counts as a slash) as another host, so a callback is accepted only
 * when, resolved against this site's origin, it stays on it and names a path.
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
  return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : null;
}
