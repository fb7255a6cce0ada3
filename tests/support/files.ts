/**
 * Builders of the files an office uploads (.docx, .xlsx, PDF), written in the test from known content,
 * so that reading them back can be checked exactly. No fixture files: what a file holds is in the test.
 */
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from "docx";
import ExcelJS from "exceljs";

/** A cell of a .docx table: its text, and how many columns it spans or whether it continues a vertical merge. */
export type DocxCell = string | { text: string; columnSpan?: number; rowSpan?: "start" | "continue" };

/**
 * A .docx of paragraphs and tables, in order: a string is a paragraph, an array of rows a table, and
 * `{ numbered }` paragraphs in a list numbered by Word itself ("1." "2." …, not part of their text).
 */
export async function buildDocx(blocks: Array<string | DocxCell[][] | { numbered: string[] }>): Promise<Uint8Array> {
  const children = blocks.flatMap((block): Array<Paragraph | Table> =>
    typeof block === "string"
      ? [new Paragraph(block)]
      : "numbered" in block
        ? block.numbered.map((text) => new Paragraph({ text, numbering: { reference: "decimal", level: 0 } }))
        : [new Table({
          rows: block.map(
            (row) =>
              new TableRow({
                children: row.map((cell) => {
                  const spec = typeof cell === "string" ? { text: cell } : cell;
                  return new TableCell({
                    children: [new Paragraph(spec.rowSpan === "continue" ? "" : spec.text)],
                    columnSpan: spec.columnSpan,
                    verticalMerge:
                      spec.rowSpan === "start" ? VerticalMergeType.RESTART : spec.rowSpan === "continue" ? VerticalMergeType.CONTINUE : undefined,
                  });
                }),
              }),
          ),
        })],
  );
  const numbering = { config: [{ reference: "decimal", levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START }] }] };
  return new Uint8Array(await Packer.toBuffer(new Document({ numbering, sections: [{ children }] })));
}

/** An .xlsx with the given sheets; `merges` are ranges such as "A2:A4", whose first cell holds the text. */
export async function buildXlsx(sheets: Array<{ name: string; rows: Array<Array<string | number | null>>; merges?: string[] }>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow(row);
    for (const range of sheet.merges ?? []) ws.mergeCells(range);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * A one-page PDF whose text layer holds `lines` (any characters, Chinese included). A text extractor
 * needs only the ToUnicode map of a Type0 font, so the font program is left out (no CJK font is needed
 * on the machine): each distinct character gets a two-byte code, mapped back to its Unicode value.
 * With no lines at all, the page is a drawn rectangle only, as a scan without a text layer would be.
 */
export function buildPdf(lines: string[]): Uint8Array {
  const chars = [...new Set(lines.join(""))];
  const code = (ch: string) => (chars.indexOf(ch) + 1).toString(16).padStart(4, "0").toUpperCase();
  const utf16 = (ch: string) =>
    [...Buffer.from(ch, "utf16le")]
      .reduce<string[]>((out, byte, i, all) => (i % 2 === 0 ? [...out, ((all[i + 1] << 8) | byte).toString(16).padStart(4, "0")] : out), [])
      .join("")
      .toUpperCase();
  const cmap = [
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
    "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ...chunk(chars, 100).flatMap((group) => [`${group.length} beginbfchar`, ...group.map((ch) => `<${code(ch)}> <${utf16(ch)}>`), "endbfchar"]),
    "endcmap CMapName currentdict /CMap defineresource pop end end",
  ].join("\n");
  const content = lines.length
    ? ["BT", "/F1 12 Tf", "14 TL", "40 800 Td", ...lines.map((line) => `<${[...line].map(code).join("")}> Tj T*`), "ET"].join("\n")
    : "0.5 g 40 400 500 300 re f";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R${lines.length ? " /Resources << /Font << /F1 5 0 R >> >>" : ""} >>`,
    stream(content),
    "<< /Type /Font /Subtype /Type0 /BaseFont /NoEmbed /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
    "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoEmbed /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>",
    stream(cmap),
    "<< /Type /FontDescriptor /FontName /NoEmbed /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, "latin1"));
}

function stream(text: string): string {
  return `<< /Length ${Buffer.byteLength(text, "latin1")} >>\nstream\n${text}\nendstream`;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What the import page sends for a file: its name and its bytes. */
export function upload(fileName: string, content: string | Uint8Array): { fileName: string; file: Blob } {
  return { fileName, file: new Blob([content as BlobPart]) };
}
