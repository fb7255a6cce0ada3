/**
 * Reads an uploaded file of any supported type into a SourceDocument: .docx (paragraphs and tables), .xlsx (every
 * sheet), .csv/.tsv, plain text and PDF with a text layer. The kind is worked out from the bytes first (a PDF starts
 * with %PDF, a .docx/.xlsx is a zip holding word/ or xl/ parts), so a renamed file is still read for what it is; only
 * text kinds, which have no signature, go by the name's extension.
 */
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { HTMLElement, parse as parseHtml } from "node-html-parser";
import { splitLines } from "./text";
import type { SourceDocument, SourceTable } from "./source";
import { IMPORT_TYPES_LABEL } from "@/lib/zod/import";
import { ImportError } from "./types";

export type SourceKind = "docx" | "xlsx" | "pdf" | "csv" | "tsv" | "text";

export const SCANNED_PDF = "这是扫描件或图片PDF,没有可读取的文字层;请上传Word/Excel文件或带文字的PDF";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = [0x25, 0x50, 0x44, 0x46]; // %PDF
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // the compound file of .doc/.xls (and .wps/.et)

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

/** Whether a zip holds an entry whose name starts with `prefix`: entry names are stored uncompressed. */
function zipHolds(bytes: Uint8Array, prefix: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(prefix, 0, "latin1");
}

export function sourceKind(fileName: string, bytes: Uint8Array): SourceKind {
  if (startsWith(bytes, PDF)) return "pdf";
  if (startsWith(bytes, ZIP)) {
    if (zipHolds(bytes, "word/")) return "docx";
    if (zipHolds(bytes, "xl/")) return "xlsx";
    throw new ImportError("文件是压缩包,但不是 Word(.docx)或 Excel(.xlsx)文件", null);
  }
  if (startsWith(bytes, OLE)) {
    throw new ImportError("旧版 Word/Excel 文件(.doc/.xls)无法读取;请在 Word/Excel 中另存为 .docx/.xlsx 后再导入", null);
  }
  const extension = /\.[^.]+$/.exec(fileName.toLowerCase())?.[0];
  if (extension === ".csv") return "csv";
  if (extension === ".tsv") return "tsv";
  return "text";
}

/**
 * The text of a text file: UTF-8 (a byte order mark dropped), else GB18030, in which Chinese Windows saves "ANSI"
 * text. NUL never occurs in text: such a file is of another kind.
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    } catch {
      throw new ImportError("无法识别文件的文字编码;请另存为 UTF-8 文本、Word(.docx)或 Excel(.xlsx)后再导入", null);
    }
  }
  if (text.includes("\u0000")) {
    throw new ImportError(`文件中含有空字符(NUL),不是文本文件;可导入的文件类型:${IMPORT_TYPES_LABEL}`, null);
  }
  return text.replace(/^\uFEFF/, "");
}

/** Cell and paragraph text: runs of spaces (non-breaking and full-width too) made one, line breaks kept. */
function cleanText(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0\u3000]+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}

/**
 * A table's rows with empty rows left out and every row as wide as the widest, so that a column is the same index
 * in every row.
 */
function squareRows(rows: string[][]): string[][] {
  const kept = rows.filter((row) => row.some((cell) => cell !== ""));
  let width = 0;
  for (const row of kept) {
    const last = row.findLastIndex((cell) => cell !== "");
    width = Math.max(width, last + 1);
  }
  return kept.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""));
}

/**
 * A HTML table's cells on a grid: a cell spanning several columns or rows (colspan/rowspan) has its text in every
 * grid cell it covers, so a leader named once for several rows is named on each.
 */
function htmlTableRows(table: HTMLElement): string[][] {
  const grid: string[][] = [];
  const rows = table.querySelectorAll("tr").filter((row) => row.closest("table") === table);
  rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const element of row.childNodes) {
      if (!(element instanceof HTMLElement) || !/^(TD|TH)$/.test(element.tagName)) continue;
      while (grid[r][c] !== undefined) c++;
      // A cell's paragraphs are lines of its text, not run together.
      const paragraphs = element.querySelectorAll("p");
      const text = cleanText(paragraphs.length ? paragraphs.map((p) => p.text).join("\n") : element.text);
      const colspan = Math.max(1, Number(element.getAttribute("colspan")) || 1);
      const rowspan = Math.max(1, Number(element.getAttribute("rowspan")) || 1);
      for (let dr = 0; dr < rowspan && r + dr < rows.length; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < colspan; dc++) grid[r + dr][c + dc] = text;
      }
      c += colspan;
    }
  });
  return squareRows(grid.map((row) => Array.from(row, (cell) => cell ?? "")));
}

/**
 * A .docx through mammoth's HTML, which keeps tables with their merged cells (colspan/rowspan); its paragraphs and
 * headings are the lines, its tables the tables. Word's automatic list numbering is not text, so an item of a
 * numbered list gets its number back ("1. …") from its place in the list.
 */
async function readDocx(bytes: Uint8Array): Promise<Omit<SourceDocument, "fileName">> {
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }));
  } catch {
    throw new ImportError("Word 文件已损坏或无法打开;请在 Word 中打开后另存为 .docx 再导入", null);
  }
  const root = parseHtml(html.replace(/<br\s*\/?>/g, "\n"));
  const lines: string[] = [];
  const tables: SourceTable[] = [];
  const walk = (element: HTMLElement) => {
    for (const child of element.childNodes) {
      if (!(child instanceof HTMLElement)) continue;
      const tag = child.tagName;
      if (tag === "TABLE") {
        tables.push({ name: `表格${tables.length + 1}`, rows: htmlTableRows(child) });
      } else if (tag === "OL" || tag === "UL") {
        let index = 0;
        for (const li of child.childNodes) {
          if (!(li instanceof HTMLElement) || li.tagName !== "LI") continue;
          index++;
          // The item's own text, without nested lists, which follow as lines of their own.
          const own = li.childNodes.filter((n) => !(n instanceof HTMLElement) || !/^(OL|UL|TABLE)$/.test(n.tagName));
          const text = cleanText(own.map((n) => n.text).join(""));
          if (text) lines.push(...text.split("\n").map((line, i) => (i === 0 && tag === "OL" ? `${index}. ${line}` : line)));
          walk(li);
        }
      } else if (/^(P|H[1-6])$/.test(tag)) {
        const text = cleanText(child.text);
        if (text) lines.push(...text.split("\n"));
      } else {
        walk(child);
      }
    }
  };
  walk(root);
  return { lines, tables };
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return cleanText(cell.text ?? "");
}

/** Every sheet of an .xlsx (hidden ones too: nothing is left out unseen), merged cells repeated in each cell. */
async function readXlsx(bytes: Uint8Array): Promise<Omit<SourceDocument, "fileName">> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new ImportError("Excel 文件已损坏或无法打开;请在 Excel 中打开后另存为 .xlsx 再导入", null);
  }
  const tables: SourceTable[] = [];
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) {
        const cell = row.getCell(c);
        cells.push(cellText(cell.isMerged ? cell.master : cell));
      }
      rows.push(cells);
    }
    const square = squareRows(rows);
    if (square.length > 0) tables.push({ name: sheet.name, rows: square });
  });
  return { lines: [], tables };
}

/** A PDF's text layer, a line per line of text; a PDF without one (a scan) is refused with a message saying so. */
async function readPdf(bytes: Uint8Array): Promise<Omit<SourceDocument, "fileName">> {
  // unpdf bundles pdf.js; loaded on demand so that other imports do not pay for it.
  const { extractText, getDocumentProxy } = await import("unpdf");
  let pages: string[];
  try {
    // pdf.js takes over (detaches) the buffer it is given: it gets a copy.
    // Verbosity 0: pdf.js's warnings about a damaged file are for us, not the server's log.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    ({ text: pages } = await extractText(pdf, { mergePages: false }));
  } catch (error) {
    if (error instanceof Error && error.name === "PasswordException") {
      throw new ImportError("PDF 文件设有密码,无法读取;请上传未加密的文件", null);
    }
    throw new ImportError("PDF 文件已损坏或无法打开", null);
  }
  const lines = pages.flatMap((page) => splitLines(page)).map((line) => line.replace(/[ \t\u00a0\u3000]+/g, " ").trim());
  if (!lines.some((line) => line !== "")) throw new ImportError(SCANNED_PDF, null);
  return { lines, tables: [] };
}

/** A .csv or .tsv file (RFC 4180 quoting: a quoted field may hold the delimiter, quotes and line breaks). */
function readDelimited(fileName: string, text: string, kind: "csv" | "tsv"): SourceTable {
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter: kind === "csv" ? "," : "\t", relax_column_count: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    throw new ImportError(`${line ? `第${line}行:` : ""}${kind === "csv" ? "CSV" : "TSV"} 文件格式有误(引号不成对?)`, line);
  }
  return { name: fileName.replace(/\.[^.]+$/, ""), rows: squareRows(records.map((row) => row.map(cleanText))) };
}

/**
 * A .csv or .tsv by its name, but separated as its first line is: a "CSV" saved from Excel with tabs is read by
 * its tabs.
 */
function delimitedKind(kind: "csv" | "tsv", text: string): "csv" | "tsv" {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  const tabs = first.split("\t").length - 1;
  const commas = first.split(",").length - 1;
  if (tabs > commas) return "tsv";
  if (commas > tabs) return "csv";
  return kind;
}

export async function readSource(fileName: string, bytes: Uint8Array): Promise<SourceDocument> {
  if (bytes.byteLength === 0) throw new ImportError("文件为空", null);
  const kind = sourceKind(fileName, bytes);
  if (kind === "docx") return { fileName, ...(await readDocx(bytes)) };
  if (kind === "xlsx") return { fileName, ...(await readXlsx(bytes)) };
  if (kind === "pdf") return { fileName, ...(await readPdf(bytes)) };
  const text = decodeText(bytes);
  if (kind === "text") return { fileName, lines: splitLines(text), tables: [] };
  return { fileName, lines: [], tables: [readDelimited(fileName, text, delimitedKind(kind, text))] };
}
