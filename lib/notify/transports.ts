import nodemailer from "nodemailer";
import type { RobotPlatform } from "@/lib/generated/prisma/enums";
import { smtpConfig, type SmtpConfig } from "@/lib/notify/config";
import { signedDingtalkUrl } from "@/lib/notify/dingtalk";

/** What a transport needs of an outbox row. */
export interface Outgoing {
  id: number;
  subject: string;
  body: string;
  address: string | null;
  robot: { platform: RobotPlatform; webhookUrl: string; secret: string | null } | null;
}

export interface Transports {
  email(message: Outgoing & { address: string }): Promise<void>;
  webhook(message: Outgoing & { robot: NonNullable<Outgoing["robot"]> }, now: Date): Promise<void>;
}

/** A failure that no retry can mend (no mail server configured, a robot deleted): the message fails at once. */
export class PermanentDeliveryError extends Error {}

/**
 * Every network call ends well within the runner's lease (lib/notify/deliver.ts), so a message
 * still being sent is never taken over by another runner as if its sender had died.
 */
export const SEND_TIMEOUT_MS = 30_000;

/**
 * The Message-ID is the row's, the same on every attempt: a message sent again after a crash
 * (lib/notify/deliver.ts) can be recognised as the same one by the receiving server and client.
 */
export function messageId(id: number, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "luoshi.local";
  return `<outbox-${id}@${domain}>`;
}

export function createTransports(config: SmtpConfig | null = smtpConfig()): Transports {
  const mailer = config
    ? nodemailer.createTransport(
        typeof config.transport === "string"
          ? config.transport
          : { ...config.transport, connectionTimeout: SEND_TIMEOUT_MS, greetingTimeout: SEND_TIMEOUT_MS, socketTimeout: SEND_TIMEOUT_MS },
      )
    : null;
  return {
    async email(message) {
      if (!mailer || !config) throw new PermanentDeliveryError("未配置邮件服务器(SMTP_URL 或 SMTP_HOST)");
      await mailer.sendMail({
        from: config.from,
        to: message.address,
        subject: message.subject,
        text: message.body,
        messageId: messageId(message.id, config.from),
      });
    },
    async webhook(message, now) {
      const { platform, webhookUrl, secret } = message.robot;
      const url = platform === "dingtalk" ? signedDingtalkUrl(webhookUrl, secret, now.getTime()) : webhookUrl;
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(webhookPayload(platform, message)),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
      // Both platforms answer 200 with {"errcode":0,"errmsg":"ok"}; any other errcode is a refusal.
      const reply = parseReply(text);
      if (reply && reply.errcode !== 0) throw new Error(`errcode ${reply.errcode}: ${reply.errmsg ?? ""}`);
    },
  };
}

/** Each platform's markdown message: DingTalk's has a title (the notification's preview) and text; WeCom's has content only. */
export function webhookPayload(platform: RobotPlatform, message: Pick<Outgoing, "subject" | "body">) {
  const text = `### ${message.subject}\n\n${message.body}`;
  return platform === "dingtalk"
    ? { msgtype: "markdown", markdown: { title: message.subject, text } }
    : { msgtype: "markdown", markdown: { content: text } };
}

function parseReply(text: string): { errcode?: number; errmsg?: string } | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && "errcode" in value ? (value as { errcode?: number; errmsg?: string }) : null;
  } catch {
    return null;
  }
}
