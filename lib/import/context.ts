import { parseTargets } from "@/lib/targets";
import { UnitDirectory, isUnitGroup } from "@/lib/units/aliases";
import { detectGovernment } from "./text";
import { leadFlags, splitUnitList } from "./unit-list";
import { ImportError } from "./types";
import type { DocumentUnit, ImportWarning, LeadConvention, ParsedTarget, ParsedUnit } from "./types";

/**
 * What every format parser shares: the lines in simplified characters (with the
 * originals when the file was traditional), the unit directory being filled, and
 * the warnings collected so far.
 */
export class ParseContext {
  readonly warnings: ImportWarning[] = [];
  private readonly directory: UnitDirectory;
  private readonly used = new Map<string, DocumentUnit>();

  constructor(
    readonly fileName: string,
    readonly lines: string[],
    private readonly originalLines: string[] | null,
    knownUnits?: UnitDirectory,
  ) {
    // A dry run must not change the caller's directory.
    this.directory = knownUnits ? knownUnits.clone() : new UnitDirectory();
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

  units(list: string, convention: LeadConvention, line: number): ParsedUnit[] {
    const raws = splitUnitList(list);
    // A group (各镇街道, 市政府各部门 …) never leads: the convention is applied to the units alone,
    // so that "各县(市、区)政府、市发展改革委" under first-listed makes 发展改革委 the lead.
    const groups = raws.map((raw) => isUnitGroup(raw.replace(/^\s*[★☆*＊]\s*/, "")));
    const unitLeads = leadFlags(raws.filter((_, i) => !groups[i]), convention);
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
