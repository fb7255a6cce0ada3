import ExcelJS from "exceljs";

export interface SheetCell {
  address: string;
  type: ExcelJS.ValueType;
  value: ExcelJS.CellValue;
  formula: string | undefined;
}

/** Every non-empty cell of every sheet of an xlsx file, as ExcelJS reads it back. */
export async function xlsxCells(file: Buffer): Promise<SheetCell[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const cells: SheetCell[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => cells.push({ address: cell.address, type: cell.type, value: cell.value, formula: cell.formula || undefined })),
    ),
  );
  return cells;
}

/** The texts of an xlsx file's string cells. */
export async function xlsxTexts(file: Buffer): Promise<string[]> {
  return (await xlsxCells(file)).filter((cell) => typeof cell.value === "string").map((cell) => cell.value as string);
}
