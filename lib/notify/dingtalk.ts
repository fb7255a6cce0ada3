import { createHmac } from "node:crypto";

/**
 * DingTalk's signed robot ("加签"): the request carries the time in milliseconds and
 * base64(HMAC-SHA256(secret, "<timestamp>\n<secret>")) as query parameters; DingTalk refuses a
 * signature over an hour old, so it is made just before each request.
 */
export function dingtalkSignature(secret: string, timestamp: number): string {
  return createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
}

export function signedDingtalkUrl(webhookUrl: string, secret: string | null, timestamp: number): string {
  if (!secret) return webhookUrl;
  const url = new URL(webhookUrl);
  url.searchParams.set("timestamp", String(timestamp));
  url.searchParams.set("sign", dingtalkSignature(secret, timestamp));
  return url.toString();
}
