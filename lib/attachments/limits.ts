/**
 * What may be attached to a report, shared by the upload form (which states it and stops a file
 * before sending it) and the server (which checks the content itself, lib/attachments/content.ts).
 */

/** Bytes per file: the same 10 MB as an imported document; next.config.ts lets actions take 12 MB. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Files per report. */
export const ATTACHMENTS_PER_REPORT = 20;
/** Characters of a file name kept. */
export const FILE_NAME_MAX = 200;

export interface AttachmentKind {
  /** What the messages call it. */
  label: string;
  /** The type it is stored and served with. */
  contentType: string;
  /** The extensions a file of this kind may have. */
  extensions: readonly string[];
}

/** The kinds accepted, keyed by file-type's name for the content (`cfb`: old Office files, told apart by extension). */
export const ATTACHMENT_KINDS = {
  pdf: { label: "PDF 文件", contentType: "application/pdf", extensions: ["pdf"] },
  jpg: { label: "JPG 图片", contentType: "image/jpeg", extensions: ["jpg", "jpeg"] },
  png: { label: "PNG 图片", contentType: "image/png", extensions: ["png"] },
  webp: { label: "WEBP 图片", contentType: "image/webp", extensions: ["webp"] },
  gif: { label: "GIF 图片", contentType: "image/gif", extensions: ["gif"] },
  docx: { label: "Word 文件", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"] },
  xlsx: { label: "Excel 文件", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"] },
  pptx: { label: "PowerPoint 文件", contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extensions: ["pptx"] },
  doc: { label: "Word 97-2003 文件", contentType: "application/msword", extensions: ["doc"] },
  xls: { label: "Excel 97-2003 文件", contentType: "application/vnd.ms-excel", extensions: ["xls"] },
  ppt: { label: "PowerPoint 97-2003 文件", contentType: "application/vnd.ms-powerpoint", extensions: ["ppt"] },
} as const satisfies Record<string, AttachmentKind>;

/** The limits as the form states them. */
export const ATTACHMENT_RULES = `可上传 PDF、图片(JPG、PNG、WEBP、GIF)和 Office 文件(Word、Excel、PowerPoint,含 97-2003 格式),每个文件不超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB,每份报告最多 ${ATTACHMENTS_PER_REPORT} 个。`;

/** The file input's `accept`: a hint to the file picker, not a check. */
export const ATTACHMENT_ACCEPT = Object.values(ATTACHMENT_KINDS)
  .flatMap((kind) => kind.extensions.map((extension) => `.${extension}`))
  .join(",");

export const tooLarge = (name: string) => `文件“${name}”过大:每个文件最多 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB。请压缩或拆分后再上传。`;
export const emptyFile = (name: string) => `文件“${name}”是空文件,请重新选择。`;

/** "1.2 MB", "35 KB": a size as lists show it. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** An attachment as the lists show it. */
export interface AttachmentItem {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  public: boolean;
}

/** Where an attachment can be downloaded (app/attachments/[id]/route.ts). */
export const attachmentHref = (id: number) => `/attachments/${id}`;
