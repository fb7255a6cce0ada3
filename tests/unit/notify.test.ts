import { describe, expect, it } from "vitest";
import { smtpConfig } from "@/lib/notify/config";
import { dingtalkSignature, signedDingtalkUrl } from "@/lib/notify/dingtalk";
import { maskWebhook } from "@/lib/notify/robots";
import { messageId, webhookPayload } from "@/lib/notify/transports";

describe("DingTalk's signature", () => {
  it("is base64(HMAC-SHA256(secret, timestamp LF secret)), as openssl computes it", () => {
    // printf '1700000000000\nSECtestsecret' | openssl dgst -sha256 -hmac SECtestsecret -binary | base64
    expect(dingtalkSignature("SECtestsecret", 1_700_000_000_000)).toBe("7LVwF0dAF3/+MRRulbpE4y72Ogzykc6bS2nG4I99T4s=");
  });

  it("goes into the query with the timestamp, the access token kept; no secret, no signature", () => {
    const url = new URL(signedDingtalkUrl("https://oapi.dingtalk.com/robot/send?access_token=tok", "SECtestsecret", 1_700_000_000_000));
    expect(Object.fromEntries(url.searchParams)).toEqual({ access_token: "tok", timestamp: "1700000000000", sign: "7LVwF0dAF3/+MRRulbpE4y72Ogzykc6bS2nG4I99T4s=" });
    expect(url.search).toContain("sign=7LVwF0dAF3%2F%2BMRRulbpE4y72Ogzykc6bS2nG4I99T4s%3D");
    expect(signedDingtalkUrl("https://oapi.dingtalk.com/robot/send?access_token=tok", null, 1)).toBe("https://oapi.dingtalk.com/robot/send?access_token=tok");
  });
});

describe("message formats", () => {
  it("DingTalk markdown has a title and text, WeCom markdown content", () => {
    const message = { subject: "催报", body: "请提交" };
    expect(webhookPayload("dingtalk", message)).toEqual({ msgtype: "markdown", markdown: { title: "催报", text: "### 催报\n\n请提交" } });
    expect(webhookPayload("wecom", message)).toEqual({ msgtype: "markdown", markdown: { content: "### 催报\n\n请提交" } });
  });

  it("an email's Message-ID is the row's, in the sender's domain", () => {
    expect(messageId(42, "落实 <noreply@pinghu.gov.cn>")).toBe("<outbox-42@pinghu.gov.cn>");
    expect(messageId(42, "noreply@pinghu.gov.cn")).toBe("<outbox-42@pinghu.gov.cn>");
    expect(messageId(42, "落实")).toBe("<outbox-42@luoshi.local>");
  });
});

describe("SMTP configuration", () => {
  it("reads SMTP_URL first, else the host and its parts; none configured is null", () => {
    expect(smtpConfig({ SMTP_URL: "smtps://u:p@mail.example:465", SMTP_HOST: "ignored" })).toEqual({ transport: "smtps://u:p@mail.example:465", from: "落实 <noreply@localhost>" });
    expect(smtpConfig({ SMTP_HOST: "mail.example", SMTP_PORT: "465", SMTP_USER: "u", SMTP_PASS: "p", SMTP_FROM: "x <a@b.c>" })).toEqual({
      transport: { host: "mail.example", port: 465, secure: true, auth: { user: "u", pass: "p" } },
      from: "x <a@b.c>",
    });
    expect(smtpConfig({ SMTP_HOST: "mail.example" })).toMatchObject({ transport: { port: 587, secure: false, auth: undefined } });
    expect(smtpConfig({})).toBeNull();
  });
});

describe("a robot's webhook shown back", () => {
  it("keeps four characters at each end of the token", () => {
    expect(maskWebhook("https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef")).toBe("https://oapi.dingtalk.com/robot/send?access_token=0123…cdef");
    expect(maskWebhook("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=short")).toBe("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****");
  });
});
