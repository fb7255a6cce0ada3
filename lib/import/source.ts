/** A table as read from a file: rows of cell texts, a merged cell's text repeated in every cell it covers. */
export interface SourceTable {
  /** The sheet's name (xlsx) or "表格N" (docx, numbered from 1). */
  name: string;
  rows: string[][];
}

/**
 * A document as read from a file of any supported type: its text lines (paragraphs of a .docx, lines of a .txt or a
 * PDF's text layer; none for an .xlsx) and its tables (a .docx's tables, each sheet of an .xlsx, a .csv/.tsv).
 */
export interface SourceDocument {
  fileName: string;
  lines: string[];
  tables: SourceTable[];
}
