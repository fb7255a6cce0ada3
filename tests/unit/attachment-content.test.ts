import { Document, Packer, Paragraph } from "docx";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { checkAttachment, cleanFileName } from "@/lib/attachments/content";
import { ATTACHMENT_MAX_BYTES } from "@/lib/attachments/limits";

/** Files made here, byte for byte as the programs that write them begin. */
const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
const webp = new Uint8Array([...new TextEncoder().encode("RIFF"), 26, 0, 0, 0, ...new TextEncoder().encode("WEBPVP8 "), ...new Array(18).fill(0)]);
/** The signature of an OLE compound file (CFB), the container of .doc, .xls and .ppt. */
const cfb = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(1016).fill(0)]);
const html = new TextEncoder().encode("<!doctype html><html><script>alert(1)</script></html>");
const exe = Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, ...new Array(100).fill(0)]);

async function docx() {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("佐证材料")] }] })));
}
async function xlsx() {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("台账").addRow(["项目", "完成"]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
async function zip() {
  const archive = new JSZip();
  archive.file("readme.txt", "不是 Office 文件");
  return archive.generateAsync({ type: "uint8array" });
}

describe("an attachment's type is read from its content", () => {
  it.each([
    ["进展报告.pdf", pdf, "application/pdf"],
    ["现场照片.PNG", png, "image/png"],
    ["现场照片.jpeg", jpeg, "image/jpeg"],
    ["现场照片.jpg", jpeg, "image/jpeg"],
    ["截图.webp", webp, "image/webp"],
    ["会议纪要.doc", cfb, "application/msword"],
    ["台账.xls", cfb, "application/vnd.ms-excel"],
  ])("accepts %s", async (name, bytes, contentType) => {
    expect(await checkAttachment(name, bytes)).toEqual({ ok: true, fileName: name, contentType });
  });

  it("accepts Word and Excel documents, told apart inside their zip", async () => {
    expect(await checkAttachment("总结.docx", await docx())).toMatchObject({ ok: true, contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
    expect(await checkAttachment("台账.xlsx", await xlsx())).toMatchObject({ ok: true, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  });

  it("refuses a page, a program and a plain zip whatever they are called, saying what they are", async () => {
    expect(await checkAttachment("报告.pdf", html)).toEqual({
      ok: false,
      message: "文件“报告.pdf”的内容是无法识别的内容,不能作为佐证材料:只能上传 PDF、图片(JPG、PNG、WEBP、GIF)和 Office 文件(Word、Excel、PowerPoint)。",
    });
    expect(await checkAttachment("照片.jpg", exe)).toMatchObject({ ok: false, message: expect.stringContaining("可执行程序") });
    expect(await checkAttachment("台账.xlsx", await zip())).toMatchObject({ ok: false, message: expect.stringContaining("ZIP 压缩包") });
  });

  it("refuses a file whose name promises another type than its content", async () => {
    expect(await checkAttachment("报告.pdf", png)).toEqual({
      ok: false,
      message: "文件“报告.pdf”的内容是PNG 图片,与扩展名“.pdf”不符。请确认选对了文件,或把扩展名改为 .png。",
    });
    expect(await checkAttachment("总结.xlsx", await docx())).toMatchObject({ ok: false, message: expect.stringContaining("内容是Word 文件") });
    expect(await checkAttachment("纪要.pdf", cfb)).toMatchObject({ ok: false, message: "文件“纪要.pdf”是旧版 Office 文件,扩展名应为 .doc、.xls 或 .ppt。" });
    expect(await checkAttachment("扫描件", pdf)).toMatchObject({ ok: false, message: expect.stringContaining("与没有扩展名的文件名不符") });
  });

  it("refuses an empty file and one over the limit", async () => {
    expect(await checkAttachment("空.pdf", new Uint8Array())).toEqual({ ok: false, message: "文件“空.pdf”是空文件,请重新选择。" });
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    big.set(pdf);
    expect(await checkAttachment("大.pdf", big)).toEqual({ ok: false, message: "文件“大.pdf”过大:每个文件最多 10 MB。请压缩或拆分后再上传。" });
  });
});

describe("an attachment's name", () => {
  it("keeps the last segment of a path, without control characters", () => {
    expect(cleanFileName("C:\\Users\\张三\\桌面\\佐证.pdf")).toBe("佐证.pdf");
    expect(cleanFileName("../../etc/passwd\u0000.pdf")).toBe("passwd.pdf");
    expect(cleanFileName("报\u202e告.pdf")).toBe("报告.pdf");
  });

  it("is cut to 200 characters, keeping its extension", () => {
    const long = cleanFileName(`${"长".repeat(300)}.xlsx`);
    expect(long).toHaveLength(200);
    expect(long.endsWith("长.xlsx")).toBe(true);
  });
});
