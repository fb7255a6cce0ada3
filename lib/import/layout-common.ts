/** What the layouts beyond the five seeds (numbered items, header-named tables) share. */
import { ImportError, type ParsedTask } from "./types";

/** "嘉兴市2025年…" / "2025年嘉兴市…": a title without 人民政府 names its government beside the year. */
export function titleGovernment(title: string): string | null {
  const m = /^([\u4e00-\u9fa5]{2}[市县区])20\d{2}/.exec(title) ?? /^20\d{2}\s*年度?([\u4e00-\u9fa5]{2}[市县区])/.exec(title);
  return m?.[1] ?? null;
}

export interface NumberedDraft {
  task: ParsedTask;
  /** The numbers of the sections the task sits in, outermost first. */
  path: number[];
  /** The list its 序号 is stored in: the leader's name, "-" without one. */
  scope: string;
}

/**
 * A task is stored under its leader's list by 序号, so numbering that restarts in every section
 * would collide: there each task is numbered by its section path ("2-3": section 二, item 3).
 */
export function uniqueNumbers(drafts: NumberedDraft[]): void {
  const byScope = new Map<string, typeof drafts>();
  for (const d of drafts) byScope.set(d.scope, [...(byScope.get(d.scope) ?? []), d]);
  for (const list of byScope.values()) {
    const plain = new Set(list.map((d) => d.task.number));
    if (plain.size === list.length) continue;
    for (const d of list) d.task.number = [...d.path, d.task.number].join("-");
    const composite = new Set(list.map((d) => d.task.number));
    if (composite.size !== list.length) {
      const dup = list.find((d, i) => list.findIndex((e) => e.task.number === d.task.number) !== i)!;
      throw new ImportError(`第${dup.task.line}行:序号 ${dup.task.number} 重复`, dup.task.line);
    }
  }
}
