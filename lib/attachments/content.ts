import "server-only";
import { fileTypeFromBuffer } from "file-type";
import { ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES, FILE_NAME_MAX, emptyFile, tooLarge } from "@/lib/attachments/limits";

type KindName = keyof typeof ATTACHMENT_KINDS;

export type Checked = { ok: true; fileName: string; contentType: string } | { ok: false; message: string };

/** What file-type calls some contents that are not accepted, for the message. */
const OTHER_LABELS: Record<string, string> = {
  zip: "ZIP 压缩包",
  rar: "RAR 压缩包",
  "7z": "7z 压缩包",
  exe: "可执行程序",
  elf: "可执行程序",
  svg: "SVG 图形",
  xml: "XML 文件",
  html: "网页文件",
  mp4: "视频",
  mp3: "音频",
  odt: "OpenDocument 文件",
  ods: "OpenDocument 文件",
  cfb: "旧版 Office 文件",
};

/**
 * The name a file is kept and offered under: the last segment of whatever path the browser sent,
 * without control or format characters, at most FILE_NAME_MAX characters (the extension kept).
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\p{Cc}\p{Cf}]/gu, "").trim();
  if (clean.length <= FILE_NAME_MAX) return clean;
  const dot = clean.lastIndexOf(".");
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : "";
  return clean.slice(0, FILE_NAME_MAX - extension.length) + extension;
}

const extensionOf = (name: string) => (/\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? "").toLowerCase();

const NOT_ALLOWED = "只能上传 PDF、图片(JPG、PNG、WEBP、GIF)和 Office 文件(Word、Excel、PowerPoint)";

/**
 * Whether a file may be attached, judged by its bytes (file-type reads the signature, and for a
 * zip which Office document it holds): its type must be one of ATTACHMENT_KINDS and its name's
 * extension must agree with the content, so that a renamed program or a page is refused and a
 * download opens in the program its name promises. Old Office files (doc, xls, ppt) share one
 * container format (CFB), which is accepted with one of those extensions.
 */
export async function checkAttachment(name: string, bytes: Uint8Array): Promise<Checked> {
  const fileName = cleanFileName(name);
  if (!fileName) return { ok: false, message: "文件名为空,请重新选择文件。" };
  if (bytes.byteLength === 0) return { ok: false, message: emptyFile(fileName) };
  if (bytes.byteLength > ATTACHMENT_MAX_BYTES) return { ok: false, message: tooLarge(fileName) };
  const extension = extensionOf(fileName);
  const detected = await fileTypeFromBuffer(bytes);
  let kind: KindName | null = null;
  if (detected?.ext === "cfb") {
    kind = extension === "doc" || extension === "xls" || extension === "ppt" ? extension : null;
    if (!kind) return { ok: false, message: `文件“${fileName}”是旧版 Office 文件,扩展名应为 .doc、.xls 或 .ppt。` };
  } else if (detected && Object.hasOwn(ATTACHMENT_KINDS, detected.ext)) {
    kind = detected.ext as KindName;
  }
  if (!kind) {
    const what = detected ? (OTHER_LABELS[detected.ext] ?? `${detected.ext.toUpperCase()} 文件`) : "无法识别的内容";
    return { ok: false, message: `文件“${fileName}”的内容是${what},不能作为佐证材料:${NOT_ALLOWED}。` };
  }
  const accepted = ATTACHMENT_KINDS[kind];
  if (!(accepted.extensions as readonly string[]).includes(extension)) {
    const named = extension ? `扩展名“.${extension}”` : "没有扩展名的文件名";
    return { ok: false, message: `文件“${fileName}”的内容是${accepted.label},与${named}不符。请确认选对了文件,或把扩展名改为 .${accepted.extensions[0]}。` };
  }
  return { ok: true, fileName, contentType: accepted.contentType };
}
