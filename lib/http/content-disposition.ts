/** RFC 5987 ext-value: percent-encoded UTF-8, with the characters encodeURIComponent leaves but attr-char forbids. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment` with an ASCII fallback name and the Chinese name for every current browser. */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${rfc5987(fileName)}`;
}
