import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAttachment, readAttachment, setAttachmentPublic, uploadAttachment } from "@/lib/attachments/service";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ReviewState } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/permissions";
import { loadPublicPlanPage } from "@/lib/public/portal";
import { LocalFolderStore } from "@/lib/storage/local";
import { getTaskDetail } from "@/lib/tasks/queries";

/**
 * 佐证材料 on a report of unit A (lead) on a task shared with unit B (co-unit), with unit C
 * unrelated, the office, the task's leader and the public: who may attach, remove, mark and read.
 */
let prisma: PrismaClient;
let folder: string;
let store: LocalFolderStore;
const tag = randomUUID().slice(0, 8);
const government = `佐证测试${tag}`;
let planId: number;
let taskId: number;
let reportId: number;
let coReportId: number;
const actors = {} as Record<"a" | "b" | "c" | "office" | "leader", Actor>;

const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
const file = (name: string, bytes: Uint8Array) => new File([bytes as Uint8Array<ArrayBuffer>], name);

beforeAll(async () => {
  prisma = createPrismaClient();
  folder = await mkdtemp(join(tmpdir(), "luoshi-attachments-test-"));
  store = new LocalFolderStore(folder);
  const [a, b, c] = await Promise.all(["甲局", "乙局", "丙局"].map((name) => prisma.unit.create({ data: { government, name } })));
  const plan = await prisma.plan.create({ data: { year: 2032, government, title: `佐证${tag}`, kind: "key_tasks", leadConvention: "star", sourceFile: "attachments.test" } });
  planId = plan.id;
  const leader = await prisma.leader.create({ data: { planId, name: `王${tag}` } });
  const task = await prisma.task.create({
    data: {
      planId,
      leaderId: leader.id,
      numberScope: "key",
      number: "1",
      kind: "key",
      text: `建成示范项目${tag}`,
      units: { create: [{ unitId: a.id, isLead: true, position: 0 }, { unitId: b.id, isLead: false, position: 1 }] },
    },
  });
  taskId = task.id;
  const period = await prisma.reportingPeriod.create({ data: { planId, quarter: 1, opensAt: new Date("2032-04-01"), dueAt: new Date("2032-04-15") } });
  reportId = (await prisma.progressReport.create({ data: { taskId, unitId: a.id, periodId: period.id, narrative: "已开工" } })).id;
  coReportId = (await prisma.progressReport.create({ data: { taskId, unitId: b.id, periodId: period.id, narrative: "配合" } })).id;
  const user = async (key: keyof typeof actors, role: Actor["role"], unitId: number | null, leaderName: string | null) => {
    const row = await prisma.user.create({ data: { username: `${key}-${tag}`, displayName: key, role, unitId, leaderName } });
    actors[key] = { id: row.id, role, unitId, leaderName, displayName: key };
  };
  await user("a", "unit_staff", a.id, null);
  await user("b", "unit_staff", b.id, null);
  await user("c", "unit_staff", c.id, null);
  await user("office", "office", null, null);
  await user("leader", "leader", null, leader.name);
});

afterAll(async () => {
  await prisma.plan.deleteMany({ where: { id: planId } });
  await prisma.user.deleteMany({ where: { username: { endsWith: `-${tag}` } } });
  await prisma.unit.deleteMany({ where: { government } });
  await prisma.$disconnect();
  await rm(folder, { recursive: true, force: true });
});

const setState = (id: number, state: ReviewState) => prisma.progressReport.update({ where: { id }, data: { state } });
const blobs = async () => (await readdir(join(folder, "reports", String(reportId))).catch(() => [])).length;
/** Who, of everyone, can fetch the attachment. */
async function readers(attachmentId: number) {
  const who: string[] = [];
  for (const [name, actor] of [...Object.entries(actors), ["public", null] as const]) {
    if (await readAttachment(prisma, actor, attachmentId, store)) who.push(name);
  }
  return who;
}

describe("attaching evidence to a report", () => {
  let attachmentId: number;

  it("stores the unit's file under its report, with its type from the content, and records who did it", async () => {
    const result = await uploadAttachment(prisma, actors.a, { reportId, file: file("现场照片.png", png) }, store);
    expect(result).toMatchObject({ ok: true, message: "已上传“现场照片.png”。", fileName: "现场照片.png" });
    attachmentId = (result as { attachmentId: number }).attachmentId;
    const row = await prisma.attachment.findUniqueOrThrow({ where: { id: attachmentId } });
    expect(row).toMatchObject({ reportId, contentType: "image/png", size: png.byteLength, public: false, uploadedById: actors.a.id });
    expect(await store.get(row.storageKey)).toEqual(png);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "attachment.upload", entityId: String(attachmentId) } });
    expect(audit).toMatchObject({ actorId: actors.a.id, taskId, after: { reportId, state: "draft", fileName: "现场照片.png", public: false } });
  });

  it("while the report is a draft, only its unit can fetch it", async () => {
    expect(await readers(attachmentId)).toEqual(["a"]);
    const fetched = await readAttachment(prisma, actors.a, attachmentId, store);
    expect(fetched).toMatchObject({ fileName: "现场照片.png", contentType: "image/png", isPublic: false });
    expect(fetched?.bytes).toEqual(png);
  });

  it("shows the upload in the history only to whom may read the report", async () => {
    const note = (actor: Actor) => getTaskDetail(prisma, actor, taskId).then((detail) => detail!.history.filter((event) => event.action === "attachment.upload").map((event) => event.note));
    expect(await note(actors.a)).toEqual(["“现场照片.png”"]);
    expect(await note(actors.b)).toEqual([]);
    expect(await note(actors.office)).toEqual([]);
  });

  it("refuses content that is not allowed, or that its name misrepresents, and stores nothing", async () => {
    const before = await blobs();
    expect(await uploadAttachment(prisma, actors.a, { reportId, file: file("报告.pdf", new TextEncoder().encode("<html><script>alert(1)</script></html>")) }, store)).toMatchObject({
      ok: false,
      message: expect.stringContaining("不能作为佐证材料"),
      errors: { file: [expect.stringContaining("报告.pdf")] },
    });
    expect(await uploadAttachment(prisma, actors.a, { reportId, file: file("报告.pdf", png) }, store)).toMatchObject({ ok: false, message: expect.stringContaining("与扩展名“.pdf”不符") });
    expect(await uploadAttachment(prisma, actors.a, { reportId, file: file("大.pdf", new Uint8Array(10 * 1024 * 1024 + 1)) }, store)).toMatchObject({ ok: false, message: expect.stringContaining("过大") });
    expect(await blobs()).toBe(before);
    expect(await prisma.attachment.count({ where: { reportId } })).toBe(1);
  });

  it("lets no one else attach to or remove from the unit's report", async () => {
    for (const actor of [actors.b, actors.c]) {
      expect(await uploadAttachment(prisma, actor, { reportId, file: file("x.pdf", pdf) }, store)).toMatchObject({ ok: false, message: "没有找到这份报告,或它不是你单位的报告。" });
      expect(await deleteAttachment(prisma, actor, { attachmentId }, store)).toMatchObject({ ok: false, message: "没有找到这个佐证材料,或它不属于你单位的报告。" });
    }
    for (const actor of [actors.office, actors.leader]) {
      expect(await uploadAttachment(prisma, actor, { reportId, file: file("x.pdf", pdf) }, store)).toMatchObject({ ok: false, message: "没有权限执行此操作。" });
      expect(await deleteAttachment(prisma, actor, { attachmentId }, store)).toMatchObject({ ok: false, message: "没有权限执行此操作。" });
    }
    expect(await prisma.attachment.count({ where: { reportId } })).toBe(1);
  });

  it("removes a file while the report is editable: the row, the bytes, with an audit event", async () => {
    const extra = await uploadAttachment(prisma, actors.a, { reportId, file: file("多余.pdf", pdf) }, store);
    const extraId = (extra as { attachmentId: number }).attachmentId;
    const key = (await prisma.attachment.findUniqueOrThrow({ where: { id: extraId } })).storageKey;
    expect(await deleteAttachment(prisma, actors.a, { attachmentId: extraId }, store)).toEqual({ ok: true, message: "已删除“多余.pdf”。" });
    expect(await prisma.attachment.findUnique({ where: { id: extraId } })).toBeNull();
    expect(await store.get(key)).toBeNull();
    expect(await prisma.auditEvent.findFirst({ where: { action: "attachment.delete", entityId: String(extraId) } })).toMatchObject({ actorId: actors.a.id, before: { fileName: "多余.pdf" } });
  });

  it("once submitted: files can be neither added nor removed; the office, the leader and the lead unit read them, not the other units", async () => {
    await setState(reportId, "submitted");
    expect(await uploadAttachment(prisma, actors.a, { reportId, file: file("迟到.pdf", pdf) }, store)).toMatchObject({ ok: false, message: "报告已提交,等待市府办审核,暂不能修改佐证材料。" });
    expect(await deleteAttachment(prisma, actors.a, { attachmentId }, store)).toMatchObject({ ok: false, message: "报告已提交,等待市府办审核,暂不能修改佐证材料。" });
    expect(await readers(attachmentId)).toEqual(["a", "office", "leader"]);
  });

  it("a co-unit's file is read by the lead unit once filed, never by the unrelated unit", async () => {
    const result = await uploadAttachment(prisma, actors.b, { reportId: coReportId, file: file("配合材料.pdf", pdf) }, store);
    const coId = (result as { attachmentId: number }).attachmentId;
    expect(await readers(coId)).toEqual(["b"]);
    await setState(coReportId, "submitted");
    expect(await readers(coId)).toEqual(["a", "b", "office", "leader"]);
  });

  it("only the office marks a file public, and the public reads it only once the report is published too", async () => {
    for (const actor of [actors.a, actors.b, actors.c, actors.leader]) {
      expect(await setAttachmentPublic(prisma, actor, { attachmentId, public: true })).toMatchObject({ ok: false, message: "没有权限执行此操作。" });
    }
    const token = async () => (await prisma.publicRevision.findUniqueOrThrow({ where: { id: 1 } })).token;
    const before = await token();
    expect(await setAttachmentPublic(prisma, actors.office, { attachmentId, public: true })).toMatchObject({ ok: true, public: true });
    // What the public reads changed: its cached pages are read again.
    expect(await token()).not.toBe(before);
    expect(await prisma.auditEvent.findFirst({ where: { action: "attachment.publicity", entityId: String(attachmentId) } })).toMatchObject({
      actorId: actors.office.id,
      before: { public: false },
      after: { public: true },
    });
    expect(await readers(attachmentId)).toEqual(["a", "office", "leader"]);

    await setState(reportId, "published");
    expect(await readers(attachmentId)).toEqual(["a", "b", "c", "office", "leader", "public"]);
    expect((await readAttachment(prisma, null, attachmentId, store))?.isPublic).toBe(true);
    const portal = await loadPublicPlanPage(prisma, planId);
    expect(portal?.tasks[0].quarters[0].attachments).toEqual([{ id: attachmentId, unit: "甲局", name: "现场照片.png", size: png.byteLength }]);

    expect(await setAttachmentPublic(prisma, actors.office, { attachmentId, public: false })).toMatchObject({ ok: true, public: false });
    expect(await readers(attachmentId)).toEqual(["a", "office", "leader"]);
    expect((await loadPublicPlanPage(prisma, planId))?.tasks[0].quarters[0].attachments).toEqual([]);
  });

  it("the office cannot mark a file of a draft, which it may not read", async () => {
    const draft = await prisma.progressReport.create({ data: { taskId, unitId: actors.c.unitId!, periodId: (await prisma.reportingPeriod.findFirstOrThrow({ where: { planId } })).id } });
    const row = await prisma.attachment.create({ data: { reportId: draft.id, storageKey: `reports/${draft.id}/x`, fileName: "x.pdf", contentType: "application/pdf", size: 1, sha256: "0" } });
    expect(await setAttachmentPublic(prisma, actors.office, { attachmentId: row.id, public: true })).toMatchObject({ ok: false, message: "没有找到这个佐证材料。" });
  });
});
