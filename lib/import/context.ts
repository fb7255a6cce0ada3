import { parseTargets } from "@/lib/targets";
import { UnitDirectory, isUnitGroup } from "@/lib/units/aliases";
import { detectGovernment, findLeadRule, isSignatureLine, statesLeadRule, type FoundLeadRule } from "./text";
import { leadFlags, splitUnitList } from "./unit-list";
import { ImportError } from "./types";
import type { DocumentUnit, ImportWarning, LeadChoice, LeadConvention, ParsedTarget, ParsedUnit } from "./types";

/**
 * What every format parser shares: the lines in simplified characters (with the
 * originals when the file was traditional), the unit directory being filled, and
 * the warnings collected so far.
 */
export class ParseContext {
  readonly warnings: ImportWarning[] = [];
  private readonly directory: UnitDirectory;
  private readonly used = new Map<string, DocumentUnit>();
  private readonly skippedBlocks: Array<{ from: number; to: number; reason: string; leftOutOf: string }> = [];
  private readonly usedLines = new Set<number>();
  /** The lead rule the document states (null: it states none, and leadChoice applies). */
  readonly leadRule: FoundLeadRule | null;
  /** Set when a unit list of two or more units had no ★ and the document states no rule. */
  leadRuleNeeded = false;

  constructor(
    readonly fileName: string,
    readonly lines: string[],
    private readonly originalLines: string[] | null,
    knownUnits?: UnitDirectory,
    readonly leadChoice: LeadChoice | null = null,
  ) {
    // A dry run must not change the caller's directory.
    this.directory = knownUnits ? knownUnits.clone() : new UnitDirectory();
    this.leadRule = findLeadRule(lines);
    // A line stating the lead rule is read (the preview names the first as the rule's source), and so is a
    // notice's signature and date: metadata, not parts left out.
    lines.forEach((line, i) => (statesLeadRule(line) || isSignatureLine(line)) && this.use(i + 1));
  }

  /**
   * The convention unit lists are read with: the document's rule, else the office's choice
   * ("none" is stored as first_listed: the first listed unit is the lead the system keeps), else
   * the parser's provisional reading, good for a preview only (commit refuses it, see leadRuleNeeded).
   */
  convention(provisional: LeadConvention): LeadConvention {
    if (this.leadRule) return this.leadRule.convention;
    if (this.leadChoice === "all_lead") return "star";
    if (this.leadChoice) return "first_listed";
    return provisional;
  }

  /**
   * Records lines the parser leaves out, with why; one warning per block is emitted at the end
   * (reportSkipped), so that no part of a document disappears without a word. leftOutOf: what they are
   * not part of, "导入" unless the document is kept whole and only a part of it is read (a work report's glossary).
   */
  skip(from: number, to: number, reason: string, leftOutOf = "导入"): void {
    const last = this.skippedBlocks[this.skippedBlocks.length - 1];
    // Blank lines between two skipped lines of one reason do not split the block.
    if (last && last.reason === reason && last.leftOutOf === leftOutOf && this.blank(last.to + 1, from - 1)) last.to = Math.max(last.to, to);
    else this.skippedBlocks.push({ from, to, reason, leftOutOf });
  }

  /** Marks lines the reader has read (a task, its units, a heading, the title…), so that skipUnread leaves them alone. */
  use(from: number, to = from): void {
    for (let n = from; n <= to; n++) this.usedLines.add(n);
  }

  /**
   * Records every non-blank line of from..to the reader has not used (use) as skipped, with why: a
   * reader calls it for a part of the document it reads only in part (the lines after a table).
   */
  skipUnread(from: number, to: number, reason: string, leftOutOf = "导入"): void {
    for (let n = from; n <= to; n++) {
      if (this.line(n).trim() && !this.usedLines.has(n)) this.skip(n, n, reason, leftOutOf);
    }
  }

  /**
   * Names the columns of a table a reader leaves out (reasonOf: why, or null for a column it reads), each with how
   * many rows hold text in it; a column empty in every row is not worth a word. where: "表格“Sheet1”中".
   */
  skipColumns(where: string, header: string[], rows: string[][], reasonOf: (column: number) => string | null): void {
    const byReason = new Map<string, string[]>();
    header.forEach((cell, column) => {
      const reason = reasonOf(column);
      const filled = rows.filter((row) => (row[column] ?? "").trim() !== "").length;
      if (reason === null || filled === 0) return;
      byReason.set(reason, [...(byReason.get(reason) ?? []), `“${cell.trim() || `第${column + 1}列`}”列(${filled}行有内容)`]);
    });
    for (const [reason, columns] of byReason) this.warn(null, `${where}${columns.join("、")}未导入(${reason})`);
  }

  private blank(from: number, to: number): boolean {
    for (let n = from; n <= to; n++) if (this.line(n).trim()) return false;
    return true;
  }

  /** Adds the warnings for the skipped blocks, in line order. */
  reportSkipped(): void {
    for (const { from, to, reason, leftOutOf } of [...this.skippedBlocks].sort((a, b) => a.from - b.from)) {
      const excerpt = this.line(from).trim();
      const shown = excerpt.length > 24 ? `${excerpt.slice(0, 24)}…` : excerpt;
      const lines = from === to ? `第${from}行` : `第${from}–${to}行`;
      this.warnings.push({ line: from, message: `${lines}未${leftOutOf}(${reason}):“${shown}”` });
    }
  }

  /** Line n (1-based), simplified. */
  line(n: number): string {
    return this.lines[n - 1] ?? "";
  }

  warn(line: number | null, message: string): void {
    this.warnings.push({ line, message: line === null ? message : `第${line}行:${message}` });
  }

  /**
   * The original spelling of a snippet taken from line n, or null when the file
   * was not converted. Conversion is character for character, so the same slice
   * of the original line holds it.
   */
  original(n: number, snippet: string): string | null {
    if (!this.originalLines) return null;
    const simplified = this.line(n);
    const original = this.originalLines[n - 1] ?? "";
    const at = simplified.indexOf(snippet);
    if (at < 0 || simplified.length !== original.length) return original.trim();
    return original.slice(at, at + snippet.length);
  }

  /**
   * A list of responsible units with their lead flags by `convention`. `leadsStated`: the list's
   * leads are given by the document's structure (a 牵头单位 column, "A牵头,B配合"), which is a rule
   * of its own, so the office is not asked to choose one for it.
   */
  units(list: string, convention: LeadConvention, line: number, { leadsStated = false }: { leadsStated?: boolean } = {}): ParsedUnit[] {
    const raws = splitUnitList(list);
    // A group (各镇街道, 市政府各部门 …) never leads: the convention is applied to the units alone,
    // so that "各县(市、区)政府、市发展改革委" under first-listed makes 发展改革委 the lead.
    const groups = raws.map((raw) => isUnitGroup(raw.replace(/^\s*[★☆*＊]\s*/, "")));
    const unitRaws = raws.filter((_, i) => !groups[i]);
    const starred = unitRaws.some((raw) => /^\s*[★☆*＊]/.test(raw));
    if (!this.leadRule && !leadsStated && unitRaws.length >= 2 && !starred) this.leadRuleNeeded = true;
    // "none": a list of several marks no lead (a single unit still leads, DOMAIN.md); the import
    // then keeps the first listed as the one lead every task must have (withLead).
    const unmarked = !this.leadRule && !leadsStated && this.leadChoice === "none" && !starred && unitRaws.length >= 2;
    const unitLeads = unmarked ? unitRaws.map(() => false) : leadFlags(unitRaws, convention);
    let nextUnit = 0;
    const leads = groups.map((group) => (group ? false : unitLeads[nextUnit++]));
    const result: ParsedUnit[] = [];
    raws.forEach((raw, i) => {
      const name = this.unitName(raw);
      const rawName = raw.replace(/^\s*[★☆*＊]\s*/, "").trim();
      const same = result.find((u) => u.name === name);
      if (same) {
        same.lead ||= leads[i];
        this.warn(line, `责任单位“${rawName}”重复列出`);
        return;
      }
      result.push(groups[i] ? { name, rawName, lead: false, group: true } : { name, rawName, lead: leads[i] });
    });
    return result;
  }

  /** Canonical name of a unit, creating it in the directory when unknown. */
  unitName(raw: string): string {
    const { record, created } = this.directory.resolve(raw.replace(/^\s*[★☆*＊]\s*/, ""));
    const seen = this.used.get(record.name);
    if (seen) seen.aliases = [...record.aliases];
    else this.used.set(record.name, { name: record.name, aliases: [...record.aliases], isNew: created, group: isUnitGroup(record.name) });
    return record.name;
  }

  /** Canonical name when the text names a unit the directory or document knows, else null. */
  knownUnit(raw: string): string | null {
    return this.directory.find(raw)?.name ?? null;
  }

  /** The issuing government, or "" with a warning when the file does not name it. */
  government(): string {
    const found = detectGovernment(this.lines);
    if (!found) this.warn(null, "未能从文件内容确定政府名称");
    return found ?? "";
  }

  targets(text: string): ParsedTarget[] {
    return parseTargets(text);
  }

  documentUnits(): DocumentUnit[] {
    return [...this.used.values()];
  }

  newUnits(): string[] {
    return this.documentUnits()
      .filter((u) => u.isNew)
      .map((u) => u.name);
  }
}

/**
 * 序号 checks within one list (a leader's tasks, a project's sub-items): a repeated
 * number is an error because tasks are identified by it; a gap is only a warning.
 */
export class NumberTracker {
  private readonly seen = new Map<string, Set<string>>();
  private readonly last = new Map<string, number>();

  constructor(private readonly ctx: ParseContext) {}

  /** owner names the list in messages, e.g. "张斌 的"; "" for a document-wide list. */
  check(list: string, owner: string, number: string, line: number): void {
    const seen = this.seen.get(list) ?? new Set<string>();
    if (seen.has(number)) throw new ImportError(`第${line}行:${owner}序号 ${number} 重复`, line);
    seen.add(number);
    this.seen.set(list, seen);
    const n = Number(number);
    const previous = this.last.get(list);
    if (previous !== undefined && n !== previous + 1) this.ctx.warn(line, `${owner}序号从 ${previous} 跳到 ${n}`);
    this.last.set(list, n);
  }
}
