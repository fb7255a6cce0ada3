import { z } from "zod";
import { MessageChannel, MessageState, RobotPlatform } from "@/lib/generated/prisma/enums";
import { pageParam } from "@/lib/pagination";
import { idField, textField } from "@/lib/zod/form";

/**
 * Each platform's robot webhooks live on one host; any other address is refused, so the runner
 * never posts a unit's messages (or a signing secret) anywhere else.
 */
export const ROBOT_HOSTS: Record<RobotPlatform, string> = {
  dingtalk: "oapi.dingtalk.com",
  wecom: "qyapi.weixin.qq.com",
};

export const robotPlatformLabels: Record<RobotPlatform, string> = { dingtalk: "钉钉", wecom: "企业微信" };

export const robotInputSchema = z
  .object({
    unitId: idField("单位"),
    platform: z.enum(RobotPlatform, { error: "请选择平台" }),
    name: textField(40, { tooLong: "名称最多 40 字", required: "请填写名称,例如 发改局工作群" }),
    webhookUrl: z.string().trim().min(1, "请填写 Webhook 地址").max(500, "地址过长"),
    secret: z
      .string()
      .trim()
      .max(200, "密钥过长")
      .transform((value) => (value === "" ? null : value)),
  })
  .superRefine((input, ctx) => {
    let url: URL | null = null;
    try {
      url = new URL(input.webhookUrl);
    } catch {
      url = null;
    }
    const host = ROBOT_HOSTS[input.platform];
    if (!url || url.protocol !== "https:" || url.host !== host) {
      ctx.addIssue({ code: "custom", path: ["webhookUrl"], message: `请填写${robotPlatformLabels[input.platform]}机器人的 Webhook 地址(https://${host}/…)` });
    }
    if (input.secret && input.platform !== "dingtalk") ctx.addIssue({ code: "custom", path: ["secret"], message: "企业微信机器人没有加签密钥,请留空" });
    if (input.secret && !input.secret.startsWith("SEC")) ctx.addIssue({ code: "custom", path: ["secret"], message: "钉钉加签密钥以 SEC 开头" });
  });

export type RobotInput = z.output<typeof robotInputSchema>;

export const robotIdSchema = z.object({ robotId: idField("群机器人") });
export const messageIdSchema = z.object({ messageId: idField("消息") });
/** The newest message the inbox page showed: what arrived after it stays unread. */
export const markReadSchema = z.object({ upTo: idField("消息") });

export const messageChannelLabels: Record<MessageChannel, string> = { email: "邮件", dingtalk: "钉钉", wecom: "企业微信", inapp: "站内消息" };
export const messageStateLabels: Record<MessageState, string> = { pending: "待发送", sending: "发送中", sent: "已发送", failed: "失败" };

/** The outbox page's filters, read from the URL; a value that is not a state or channel shows everything. */
export const outboxFiltersSchema = z.object({
  state: z.enum(MessageState).optional().catch(undefined),
  channel: z.enum(MessageChannel).optional().catch(undefined),
  page: pageParam,
});
