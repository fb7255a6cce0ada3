import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { deliverDue } from "@/lib/notify/deliver";
import { markInboxRead, newestMessageId, readInbox, unreadCount } from "@/lib/notify/inbox";
import { readOutbox, retryMessage } from "@/lib/notify/office";
import { enqueueNotice } from "@/lib/notify/outbox";
import { addRobot, listRobots, removeRobot } from "@/lib/notify/robots";
import { createTransports } from "@/lib/notify/transports";
import type { Actor } from "@/lib/permissions";
import { remindUnit } from "@/lib/reports/remind";
import { updateOwnContact } from "@/lib/users/service";
import { robotInputSchema } from "@/lib/zod/notify";
import { contactSchema } from "@/lib/zod/users";
import { seedDocuments, seedPeriods } from "@/scripts/seed";
import { startRobotStandIn } from "../support/notify-standins";

/** 催报 by hand through the outbox, the inbox, the office's outbox page and its robots. */
let prisma: PrismaClient;
let office: Actor;
let staff: Actor;
let otherStaff: Actor;
let periodId: number;
let unitId: number;
let otherUnitId: number;
const tag = randomUUID().slice(0, 8);
const actorOf = (user: { id: number; role: Actor["role"]; unitId: number | null; displayName: string }): Actor => ({ ...user, leaderName: null });

beforeAll(async () => {
  prisma = createPrismaClient();
  await seedDocuments(prisma);
  await seedPeriods(prisma);
  periodId = (await prisma.reportingPeriod.findFirstOrThrow({ where: { quarter: 2, plan: { government: "平湖市", year: 2025 } } })).id;
  unitId = (await prisma.unit.findUniqueOrThrow({ where: { government_name: { government: "平湖市", name: "商务局" } } })).id;
  otherUnitId = (await prisma.unit.findUniqueOrThrow({ where: { government_name: { government: "平湖市", name: "发改局" } } })).id;
  const make = (name: string, data: { role: Actor["role"]; unitId?: number; email?: string; active?: boolean }) =>
    prisma.user.create({ data: { username: `${name}-${tag}`, displayName: name, ...data }, select: { id: true, role: true, unitId: true, displayName: true } });
  office = actorOf(await make("outbox-office", { role: "office" }));
  staff = actorOf(await make("outbox-staff", { role: "unit_staff", unitId, email: `staff-${tag}@example.test` }));
  await make("outbox-staff-noemail", { role: "unit_staff", unitId });
  await make("outbox-staff-inactive", { role: "unit_staff", unitId, email: `gone-${tag}@example.test`, active: false });
  otherStaff = actorOf(await make("outbox-other", { role: "unit_staff", unitId: otherUnitId, email: `other-${tag}@example.test` }));
});

beforeEach(async () => {
  await prisma.outboxMessage.deleteMany();
  await prisma.unitRobot.deleteMany({ where: { unitId: { in: [unitId, otherUnitId] } } });
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("催报 by hand", () => {
  it("enqueues the reminder to every active account of the unit, in the app and by email where it has an address, and to its robots; no one else", async () => {
    await prisma.unitRobot.create({ data: { unitId, platform: "wecom", name: "商务局工作群", webhookUrl: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k" } });
    await prisma.unitRobot.create({ data: { unitId: otherUnitId, platform: "wecom", name: "发改局工作群", webhookUrl: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=o" } });
    const result = await remindUnit(prisma, office, { periodId, unitId, note: "请商务局于7月15日前提交。" });
    const messages = await prisma.outboxMessage.findMany({
      orderBy: { id: "asc" },
      include: { user: { select: { username: true, unitId: true, active: true, role: true } }, robot: { select: { name: true } } },
    });
    expect(result).toMatchObject({ ok: true, messages: messages.length });
    // Other files' accounts of 商务局 share the database: every recipient is an active account of the unit…
    expect(messages.every((message) => message.robot || (message.user?.unitId === unitId && message.user.active && message.user.role === "unit_staff"))).toBe(true);
    // …and this file's: in the app, by email where there is an address, never to the deactivated one; the unit's robot, not the other unit's.
    const mine = messages.filter((message) => message.robot || message.user?.username.endsWith(tag));
    expect(mine.map((message) => [message.channel, message.user?.username ?? message.robot?.name, message.state])).toEqual([
      ["inapp", `outbox-staff-${tag}`, "sent"],
      ["email", `outbox-staff-${tag}`, "pending"],
      ["inapp", `outbox-staff-noemail-${tag}`, "sent"],
      ["wecom", "商务局工作群", "pending"],
    ]);
    const tasks = result.ok ? result.tasks : 0;
    expect(mine[0].subject).toBe("催报:2025年政府工作报告重点工作 第2季度");
    expect(mine[0].body).toContain("请商务局于7月15日前提交。");
    expect(mine[0].body).toContain(`需要提交或补充数据的任务 ${tasks} 项`);
    expect(mine[1].address).toBe(`staff-${tag}@example.test`);
    // The notice is named by the 催报's own audit event, so clicking again is a new reminder, not a repeat of this one.
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "report.remind", actorId: office.id }, orderBy: { id: "asc" } });
    expect(mine[0].dedupeKey).toBe(`remind:audit-${audit.id}:inapp:user-${staff.id}`);
  });

  it("enqueues nothing when refused", async () => {
    expect(await remindUnit(prisma, staff, { periodId, unitId, note: "自己催自己" })).toMatchObject({ ok: false });
    expect(await prisma.outboxMessage.count()).toBe(0);
  });
});

describe("the inbox", () => {
  it("lists only the user's own messages; the unread count and marking read concern in-app messages of that user alone", async () => {
    await prisma.$transaction((tx) => enqueueNotice(tx, { key: `inbox-${tag}`, subject: "请提交", body: "正文", userIds: [staff.id, otherStaff.id], robotUnitIds: [] }));
    const inbox = await readInbox(prisma, staff);
    expect(inbox.items.map((message) => [message.channel, message.subject])).toEqual([
      ["email", "请提交"],
      ["inapp", "请提交"],
    ]);
    expect(await unreadCount(prisma, staff)).toBe(1);
    const upTo = (await newestMessageId(prisma, staff))!;
    // A message that arrives after the page was read stays unread.
    await prisma.$transaction((tx) => enqueueNotice(tx, { key: `inbox-later-${tag}`, subject: "又一条", body: "正文", userIds: [staff.id], robotUnitIds: [] }));
    expect(await markInboxRead(prisma, staff, { upTo })).toMatchObject({ ok: true, marked: 1 });
    expect(await unreadCount(prisma, staff)).toBe(1);
    expect(await unreadCount(prisma, otherStaff)).toBe(1);
    expect(await markInboxRead(prisma, staff, { upTo: (await newestMessageId(prisma, staff))! })).toMatchObject({ ok: true, marked: 1 });
    expect(await unreadCount(prisma, staff)).toBe(0);
  });
});

describe("the office's outbox", () => {
  it("is the office's alone; a failed message is retried by the office, with an audit event, and then sent", async () => {
    const robots = await startRobotStandIn();
    try {
      const robot = await prisma.unitRobot.create({ data: { unitId, platform: "wecom", name: "会失败的群", webhookUrl: `${robots.base}/fail` } });
      await prisma.$transaction((tx) => enqueueNotice(tx, { key: `retry-${tag}`, subject: "重发测试", body: "正文", userIds: [], robotUnitIds: [unitId] }));
      const transports = createTransports(null);
      expect(await deliverDue(prisma, { transports, maxAttempts: 1 })).toMatchObject({ failed: 1 });
      expect(await readOutbox(prisma, staff, {})).toBeNull();
      const failed = await readOutbox(prisma, office, { state: "failed" });
      expect(failed?.items).toHaveLength(1);
      expect(failed?.items[0]).toMatchObject({ channel: "wecom", state: "failed", attempts: 1, robot: { name: "会失败的群" } });
      const id = failed!.items[0].id;

      expect(await retryMessage(prisma, staff, { messageId: id })).toMatchObject({ ok: false, message: "没有权限执行此操作。" });
      await prisma.unitRobot.update({ where: { id: robot.id }, data: { webhookUrl: `${robots.base}/wecom` } });
      expect(await retryMessage(prisma, office, { messageId: id })).toMatchObject({ ok: true });
      expect(await retryMessage(prisma, office, { messageId: id })).toMatchObject({ ok: false, message: "只有发送失败的消息可以重发。" });
      expect(await prisma.auditEvent.count({ where: { action: "message.retry", entityId: String(id), actorId: office.id } })).toBe(1);
      expect(await deliverDue(prisma, { transports })).toMatchObject({ sent: 1 });
      expect(robots.received.map((hook) => hook.path)).toEqual(["/wecom"]);
    } finally {
      await robots.close();
    }
  });

  it("an email without a mail server configured fails at once with the reason", async () => {
    await prisma.$transaction((tx) => enqueueNotice(tx, { key: `nosmtp-${tag}`, subject: "无邮件服务器", body: "正文", userIds: [staff.id], robotUnitIds: [] }));
    expect(await deliverDue(prisma, { transports: createTransports(null) })).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await prisma.outboxMessage.findFirstOrThrow({ where: { channel: "email" } })).toMatchObject({ state: "failed", attempts: 1, lastError: "未配置邮件服务器(SMTP_URL 或 SMTP_HOST)" });
  });
});

describe("group-chat robots", () => {
  const dingtalk = { unitId: "", platform: "dingtalk", name: "商务局工作群", webhookUrl: "https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789abcdef", secret: "SECabcdef0123456789" };

  it("are added only by the office, shown masked, and the secret never shown back", async () => {
    const input = robotInputSchema.parse({ ...dingtalk, unitId: String(unitId) });
    expect(await addRobot(prisma, staff, input)).toMatchObject({ ok: false, message: "没有权限执行此操作。" });
    const added = await addRobot(prisma, office, input);
    expect(added).toMatchObject({ ok: true });
    const listed = await listRobots(prisma, office);
    const mine = listed.filter((robot) => robot.unit.id === unitId);
    expect(mine).toEqual([
      { id: added.ok ? added.robotId : 0, platform: "dingtalk", name: "商务局工作群", unit: { id: unitId, government: "平湖市", name: "商务局" }, webhook: "https://oapi.dingtalk.com/robot/send?access_token=abcd…cdef", signed: true },
    ]);
    expect(JSON.stringify(listed)).not.toContain("SECabcdef");
    expect(JSON.stringify(listed)).not.toContain("0123456789");
    expect(await listRobots(prisma, staff)).toEqual([]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "robot.create", entityId: String(added.ok ? added.robotId : 0) } });
    expect(JSON.stringify(audit.after)).not.toContain("SECabcdef");
  });

  it("refuse a webhook on another host, a WeCom secret and a DingTalk secret not starting with SEC", () => {
    const errors = (input: object) => {
      const parsed = robotInputSchema.safeParse({ ...dingtalk, unitId: "1", ...input });
      return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
    };
    expect(errors({ webhookUrl: "https://evil.example/robot/send?access_token=x" })).toEqual({ webhookUrl: "请填写钉钉机器人的 Webhook 地址(https://oapi.dingtalk.com/…)" });
    expect(errors({ webhookUrl: "http://oapi.dingtalk.com/robot/send?access_token=x" })).toHaveProperty("webhookUrl");
    expect(errors({ platform: "wecom", webhookUrl: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x" })).toEqual({ secret: "企业微信机器人没有加签密钥,请留空" });
    expect(errors({ secret: "abc" })).toEqual({ secret: "钉钉加签密钥以 SEC 开头" });
    expect(errors({})).toEqual({});
  });

  it("when removed, leave the messages waiting for them failed with the reason", async () => {
    const robot = await prisma.unitRobot.create({ data: { unitId, platform: "wecom", name: "将删除", webhookUrl: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=z" } });
    await prisma.$transaction((tx) => enqueueNotice(tx, { key: `removed-${tag}`, subject: "删除后", body: "正文", userIds: [], robotUnitIds: [unitId] }));
    expect(await removeRobot(prisma, office, { robotId: robot.id })).toMatchObject({ ok: true });
    expect(await deliverDue(prisma, { transports: createTransports(null) })).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await prisma.outboxMessage.findFirstOrThrow({ where: { channel: "wecom" } })).toMatchObject({ state: "failed", robotId: null, lastError: "群机器人已删除" });
  });
});

describe("contacts", () => {
  it("checks an email address and a mainland mobile number, keeping the mobile as its eleven digits", () => {
    expect(contactSchema.parse({ email: " Chen@PingHu.gov.cn ", mobile: "+86 138-0000-1234" })).toEqual({ email: "chen@pinghu.gov.cn", mobile: "13800001234" });
    expect(contactSchema.parse({ email: "", mobile: "" })).toEqual({ email: null, mobile: null });
    const refused = contactSchema.safeParse({ email: "chen@", mobile: "12800001234" });
    expect(refused.success ? [] : refused.error.issues.map((issue) => issue.message)).toEqual(["邮箱格式不正确,例如 name@example.gov.cn", "手机号应为 11 位数字,以 13–19 开头"]);
  });

  it("a user changes their own and no one else's", async () => {
    expect(await updateOwnContact(prisma, staff, { email: `new-${tag}@example.test`, mobile: "13900001111" })).toMatchObject({ ok: true });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: staff.id }, select: { email: true, mobile: true } })).toEqual({ email: `new-${tag}@example.test`, mobile: "13900001111" });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: otherStaff.id }, select: { email: true } })).toEqual({ email: `other-${tag}@example.test` });
    await updateOwnContact(prisma, staff, { email: `staff-${tag}@example.test`, mobile: null });
  });
});
