import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { checkAttachment } from "@/lib/attachments/content";
import { ATTACHMENTS_PER_REPORT, ATTACHMENT_MAX_BYTES, tooLarge } from "@/lib/attachments/limits";
import { recordAudit, type AttachmentAudit } from "@/lib/audit/record";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { ReviewState } from "@/lib/generated/prisma/enums";
import { canEditReport, canMarkAttachmentsPublic, isUnitStaff, type Actor } from "@/lib/permissions";
import { isEditable } from "@/lib/reporting/states";
import { attachmentsVisibleTo, type TaskScope, type Viewer } from "@/lib/reporting/visibility";
import { blobStore } from "@/lib/storage";
import type { BlobStore } from "@/lib/storage/store";

const reportSelect = {
  id: true,
  unitId: true,
  state: true,
  period: { select: { closed: true } },
  task: { select: { id: true, leader: { select: { name: true } }, units: { select: { unitId: true, isLead: true } } } },
} as const satisfies Prisma.ProgressReportSelect;

type ReportRow = Prisma.ProgressReportGetPayload<{ select: typeof reportSelect }>;

const scopeOf = (report: ReportRow): TaskScope => ({ leaderName: report.task.leader?.name ?? null, units: report.task.units });

/** Why the unit cannot change a report's attachments now, or null when it can. */
function lockedMessage(actor: Actor, report: ReportRow): string | null {
  if (report.period.closed) return "该填报期已关闭,不能再修改佐证材料。";
  if (!isEditable(report.state)) return report.state === "submitted" ? "报告已提交,等待市府办审核,暂不能修改佐证材料。" : "报告已审核,不能再修改佐证材料。";
  if (!canEditReport(actor, scopeOf(report), report, report.period)) return FORBIDDEN;
  return null;
}

const auditOf = (report: { id: number; unitId: number; state: ReviewState }, attachment: Omit<AttachmentAudit, "reportId" | "unitId" | "state">): AttachmentAudit => ({
  reportId: report.id,
  unitId: report.unitId,
  state: report.state,
  fileName: attachment.fileName,
  contentType: attachment.contentType,
  size: attachment.size,
  sha256: attachment.sha256,
  public: attachment.public,
});

/** The report's state under a row lock, so that a submission cannot slip between the check and the write. */
async function lockedState(tx: Prisma.TransactionClient, reportId: number): Promise<ReviewState | null> {
  const rows = await tx.$queryRaw<Array<{ state: ReviewState }>>`SELECT state::text AS state FROM "ProgressReport" WHERE id = ${reportId} FOR UPDATE`;
  return rows[0]?.state ?? null;
}

class Refused extends Error {}

/**
 * Attaches a file to the signed-in unit's own report while the unit may still change it (a draft
 * or a returned report, its period open). The file is judged by its content
 * (lib/attachments/content.ts); its bytes go to the blob store first, the row and its audit event
 * in one transaction after, and the bytes are removed again if that transaction does not commit.
 */
export async function uploadAttachment(
  prisma: PrismaClient,
  actor: Actor,
  input: { reportId: number; file: File },
  store: BlobStore = blobStore(),
): Promise<ActionResult<{ attachmentId: number; fileName: string }>> {
  if (!isUnitStaff(actor)) return failure(FORBIDDEN);
  // Refused before a byte is read.
  if (input.file.size > ATTACHMENT_MAX_BYTES) return failure(tooLarge(input.file.name), { file: [tooLarge(input.file.name)] });
  const report = await prisma.progressReport.findUnique({ where: { id: input.reportId }, select: reportSelect });
  if (!report || report.unitId !== actor.unitId) return failure("没有找到这份报告,或它不是你单位的报告。");
  const locked = lockedMessage(actor, report);
  if (locked) return failure(locked);

  const bytes = new Uint8Array(await input.file.arrayBuffer());
  const checked = await checkAttachment(input.file.name, bytes);
  if (!checked.ok) return failure(checked.message, { file: [checked.message] });
  const full = `每份报告最多 ${ATTACHMENTS_PER_REPORT} 个佐证材料,请先删除不需要的再上传。`;
  if ((await prisma.attachment.count({ where: { reportId: report.id } })) >= ATTACHMENTS_PER_REPORT) return failure(full);

  const key = `reports/${report.id}/${randomUUID()}`;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await store.put(key, bytes, checked.contentType);
  try {
    const created = await prisma.$transaction(async (tx) => {
      const state = await lockedState(tx, report.id);
      if (state === null || !isEditable(state)) throw new Refused("报告已提交或已审核,不能再修改佐证材料。");
      if ((await tx.attachment.count({ where: { reportId: report.id } })) >= ATTACHMENTS_PER_REPORT) throw new Refused(full);
      const row = await tx.attachment.create({
        data: { reportId: report.id, storageKey: key, fileName: checked.fileName, contentType: checked.contentType, size: bytes.byteLength, sha256, uploadedById: actor.id },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "attachment.upload",
        entityType: "Attachment",
        entityId: row.id,
        taskId: report.task.id,
        after: auditOf({ ...report, state }, row),
      });
      return row;
    });
    return { ok: true, message: `已上传“${created.fileName}”。`, attachmentId: created.id, fileName: created.fileName };
  } catch (error) {
    await store.delete(key);
    if (error instanceof Refused) return failure(error.message);
    throw error;
  }
}

const attachmentSelect = {
  id: true,
  storageKey: true,
  fileName: true,
  contentType: true,
  size: true,
  sha256: true,
  public: true,
  report: { select: reportSelect },
} as const satisfies Prisma.AttachmentSelect;

/** Removes an attachment from the unit's own report while the unit may still change it; the bytes go once the removal has committed. */
export async function deleteAttachment(prisma: PrismaClient, actor: Actor, input: { attachmentId: number }, store: BlobStore = blobStore()): Promise<ActionResult> {
  if (!isUnitStaff(actor)) return failure(FORBIDDEN);
  const attachment = await prisma.attachment.findUnique({ where: { id: input.attachmentId }, select: attachmentSelect });
  if (!attachment || attachment.report.unitId !== actor.unitId) return failure("没有找到这个佐证材料,或它不属于你单位的报告。");
  const locked = lockedMessage(actor, attachment.report);
  if (locked) return failure(locked);
  try {
    await prisma.$transaction(async (tx) => {
      const state = await lockedState(tx, attachment.report.id);
      if (state === null || !isEditable(state)) throw new Refused("报告已提交或已审核,不能再修改佐证材料。");
      const { count } = await tx.attachment.deleteMany({ where: { id: attachment.id } });
      if (count === 0) throw new Refused("这个佐证材料已被删除。");
      const before = auditOf({ ...attachment.report, state }, attachment);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "attachment.delete",
        entityType: "Attachment",
        entityId: attachment.id,
        taskId: attachment.report.task.id,
        before,
        after: { ...before, deleted: true },
      });
    });
  } catch (error) {
    if (error instanceof Refused) return failure(error.message);
    throw error;
  }
  try {
    await store.delete(attachment.storageKey);
  } catch (error) {
    // The row is gone, so nobody can reach the bytes; a leftover blob is only space.
    console.error("attachment blob not deleted", attachment.storageKey, error);
  }
  return { ok: true, message: `已删除“${attachment.fileName}”。` };
}

/**
 * The office marks an attachment of a report it may read public or not. The public reads it only
 * while the report is published too (lib/reporting/visibility.ts); it may be marked before.
 */
export async function setAttachmentPublic(prisma: PrismaClient, actor: Actor, input: { attachmentId: number; public: boolean }): Promise<ActionResult<{ public: boolean }>> {
  if (!canMarkAttachmentsPublic(actor)) return failure(FORBIDDEN);
  const attachment = await prisma.attachment.findFirst({ where: { AND: [{ id: input.attachmentId }, attachmentsVisibleTo(actor)] }, select: attachmentSelect });
  if (!attachment) return failure("没有找到这个佐证材料。");
  const message = input.public ? `“${attachment.fileName}”已设为公开(报告公开后,公众可查看)。` : `“${attachment.fileName}”已设为不公开。`;
  if (attachment.public === input.public) return { ok: true, message, public: input.public };
  await prisma.$transaction(async (tx) => {
    await tx.attachment.update({ where: { id: attachment.id }, data: { public: input.public } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "attachment.publicity",
      entityType: "Attachment",
      entityId: attachment.id,
      taskId: attachment.report.task.id,
      before: auditOf(attachment.report, attachment),
      after: auditOf(attachment.report, { ...attachment, public: input.public }),
    });
  });
  return { ok: true, message, public: input.public };
}

/** An attachment with its bytes, where the viewer may read it (the query itself is cut to the viewer); null otherwise. */
export async function readAttachment(prisma: PrismaClient, viewer: Viewer, id: number, store: BlobStore = blobStore()) {
  const attachment = await prisma.attachment.findFirst({
    where: { AND: [{ id }, attachmentsVisibleTo(viewer)] },
    select: { storageKey: true, fileName: true, contentType: true, size: true, sha256: true, public: true, report: { select: { state: true } } },
  });
  if (!attachment) return null;
  const bytes = await store.get(attachment.storageKey);
  if (!bytes) {
    console.error("attachment blob missing", attachment.storageKey);
    return null;
  }
  return {
    fileName: attachment.fileName,
    contentType: attachment.contentType,
    sha256: attachment.sha256,
    bytes,
    /** Anyone may read it: published and marked public. */
    isPublic: attachment.public && attachment.report.state === "published",
  };
}
