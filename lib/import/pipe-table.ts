/**
 * Quarterly progress table (000): `分管市长 | 序号 | 主要工作任务 | 一季度…完成情况 | 责任单位`.
 * A leader's name sits on that leader's first row only; numbering restarts per leader.
 */
import { NumberTracker, type ParseContext } from "./context";
import { commonYear, compact, firstYear, pipeCells, pipeCount, splitLeader } from "./text";
import { ImportError, type ParsedTask, type ParserOutput } from "./types";

interface Columns {
  count: number;
  leader: number;
  number: number;
  task: number;
  progress: number | null;
  units: number;
}

export const PERIOD_LABEL = /(前三季度|[一二三四1-4]季度|上半年|全年|1\s*[-—~至]\s*\d{1,2}\s*月)/;

/**
 * The plan a quarterly progress table reports on, from the table's title: the title without its
 * quarter and "完成情况" ("2025年政府工作报告重点工作一季度完成情况" → "2025年政府工作报告重点工作"),
 * so that every quarter's table of a year names the same plan and Q2's pages do not say 一季度.
 */
export function progressTableSubject(title: string): string {
  const subject = title
    .replace(/(?:第?(?:前三季度|[一二三四1-4]季度)|上半年|全年|1\s*[-—~至]\s*\d{1,2}\s*月份?)/g, "")
    .replace(/(?:的)?(?:完成|进展|推进|落实)情况(?:汇总)?表?$/, "")
    .trim();
  return subject || title;
}

export function isLeaderTableHeader(line: string): boolean {
  const c = compact(line);
  return pipeCount(line) >= 2 && c.includes("责任单位") && /分管|领导|市长/.test(c);
}

function columnsOf(header: string[], line: number): Columns {
  const find = (re: RegExp, exclude: number[] = []) => header.findIndex((h, i) => !exclude.includes(i) && re.test(compact(h)));
  const leader = find(/分管|领导|市长/);
  const number = find(/序号/);
  const units = find(/责任单位/);
  const task = find(/任务|事项|工作内容/, [leader, number, units]);
  const progress = find(/完成情况|进展|进度|情况/, [leader, number, units, task]);
  const missing = [
    [leader, "分管市长"],
    [number, "序号"],
    [task, "主要工作任务"],
    [units, "责任单位"],
  ].filter(([i]) => i === -1);
  if (missing.length > 0) {
    throw new ImportError(`第${line}行:表头缺少“${missing.map(([, name]) => name).join("”“")}”列`, line);
  }
  return { count: header.length, leader, number, task, progress: progress === -1 ? null : progress, units };
}

export function quarterOf(label: string): 1 | 2 | 3 | 4 | null {
  if (/前三季度|三季度|3季度/.test(label)) return 3;
  if (/一季度|1季度/.test(label)) return 1;
  if (/二季度|2季度|上半年/.test(label)) return 2;
  if (/四季度|4季度|全年/.test(label)) return 4;
  const months = /\d{1,2}(?=\s*月)/.exec(label.replace(/^1\s*[-—~至]\s*/, ""));
  return months ? (Math.ceil(Number(months[0]) / 3) as 1 | 2 | 3 | 4) : null;
}

/**
 * Splits "发改局:… 金融发展中心:…" into one entry per unit. A "XX:" only starts a
 * segment when XX is a unit the document or directory knows, so "截至3月底:" and
 * "大企业方面:" stay inside the text.
 */
export function splitProgress(ctx: ParseContext, cell: string): Array<{ unit: string | null; text: string }> {
  const text = cell.trim();
  if (!text) return [];
  const cuts: Array<{ at: number; start: number; unit: string }> = [];
  for (const m of text.matchAll(/(^|[\s。;;])([^\s。;;::,,、“”"()()]{2,20})[::]/g)) {
    const unit = ctx.knownUnit(m[2]);
    if (unit) {
      const at = m.index + m[1].length;
      cuts.push({ at, start: at + m[2].length + 1, unit });
    }
  }
  const segments: Array<{ unit: string | null; text: string }> = [];
  const head = text.slice(0, cuts[0]?.at ?? text.length).trim();
  if (head) segments.push({ unit: null, text: head });
  cuts.forEach((cut, i) => {
    const body = text.slice(cut.start, cuts[i + 1]?.at ?? text.length).trim();
    if (body) segments.push({ unit: cut.unit, text: body });
  });
  return segments;
}

export function parsePipeTable(ctx: ParseContext): ParserOutput {
  const headerLine = ctx.lines.findIndex(isLeaderTableHeader) + 1;
  if (headerLine === 0) throw new ImportError("无法识别的文件格式:未找到含“分管市长”和“责任单位”的表头", null);
  const header = pipeCells(ctx.line(headerLine));
  const cols = columnsOf(header, headerLine);
  const allText = ctx.lines.join("\n");
  const convention = ctx.convention("star");

  const rows: Array<{ task: ParsedTask; progressCell: string; cells: string[] }> = [];
  const leaders: ParserOutput["leaders"] = [];
  const numbers = new NumberTracker(ctx);
  let leader: { name: string; title: string | null } | null = null;
  const strayLines: number[] = [];

  for (let no = headerLine + 1; no <= ctx.lines.length; no++) {
    const raw = ctx.line(no);
    if (!raw.trim()) continue;
    if (pipeCount(raw) === 0) {
      // Text after the table or between its rows is no task; which of the two it is shows when a row follows.
      strayLines.push(no);
      continue;
    }
    for (const stray of strayLines.splice(0)) ctx.skip(stray, stray, "表格中的非表格内容");
    let cells = pipeCells(raw);
    // Rows after a leader's first row leave the leader cell out altogether.
    if (cells.length === cols.count - 1 && cols.leader === 0) cells = ["", ...cells];
    if (cells.length !== cols.count) {
      throw new ImportError(`第${no}行:表格行应有${cols.count}列,实际${cells.length}列`, no);
    }
    if (cells[cols.leader]) {
      const parsed = splitLeader(cells[cols.leader]);
      if (!parsed) throw new ImportError(`第${no}行:分管市长“${cells[cols.leader]}”不是姓名`, no);
      leader = parsed;
      if (!leaders.some((l) => l.name === parsed.name)) leaders.push(parsed);
    }
    if (!leader) throw new ImportError(`第${no}行:第一条数据行缺少分管市长姓名`, no);

    const number = cells[cols.number].replace(/[.．、]$/, "");
    if (!/^\d+$/.test(number)) throw new ImportError(`第${no}行:序号应为数字,实际为“${cells[cols.number]}”`, no);
    numbers.check(leader.name, `${leader.name} 的`, number, no);
    const text = cells[cols.task];
    if (!text) throw new ImportError(`第${no}行:主要工作任务为空`, no);
    const units = ctx.units(cells[cols.units], convention, no);
    if (units.length === 0) ctx.warn(no, "缺少责任单位");

    rows.push({
      cells,
      progressCell: cols.progress === null ? "" : cells[cols.progress],
      task: {
        line: no,
        leader: leader.name,
        leaderTitle: leader.title,
        number,
        kind: "key",
        parent: null,
        section: null,
        text,
        originalText: ctx.original(no, text),
        units,
        targets: ctx.targets(text),
        progress: [],
      },
    });
  }
  if (rows.length === 0) throw new ImportError(`第${headerLine}行:表头之后没有数据行`, headerLine);

  // Second pass: every unit in the units column is known now, so progress cells can
  // be split on names such as 发改局 that are not among that task's own units.
  for (const row of rows) row.task.progress = splitProgress(ctx, row.progressCell);

  for (const stray of strayLines) ctx.skip(stray, stray, "表格之后的内容,不是任务");
  const read = new Set([cols.leader, cols.number, cols.task, cols.units, cols.progress]);
  ctx.skipColumns(`第${headerLine}行表头中`, header, rows.map((r) => r.cells), (column) => (read.has(column) ? null : "列名未能识别"));
  const titleIndex = ctx.lines.slice(0, headerLine - 1).findIndex((l) => l.trim());
  const titleLine = titleIndex === -1 ? undefined : ctx.line(titleIndex + 1);
  // The first line above the header is the table's title; anything between it and the header is no task.
  if (titleIndex !== -1) ctx.skipUnread(titleIndex + 2, headerLine - 1, "表头之前的说明,不是任务");
  const periodLabel = cols.progress === null ? null : (PERIOD_LABEL.exec(compact(header[cols.progress]))?.[1] ?? null);
  const quarter = periodLabel ? quarterOf(periodLabel) : null;
  if (cols.progress !== null && quarter === null) ctx.warn(headerLine, `无法从表头“${header[cols.progress]}”判断季度`);

  const periodYear = /(20\d{2})\s*年\s*(?:第?[一二三四1-4]季度|1\s*[-—~至]\s*\d{1,2}\s*月)/.exec(allText)?.[1];
  let year = (titleLine ? firstYear(titleLine) : null) ?? (periodYear ? Number(periodYear) : null);
  if (year === null) {
    year = commonYear(allText);
    if (year === null) throw new ImportError("无法从文件内容确定年度", null);
    ctx.warn(null, `文件没有标题,年度按正文中出现最多的年份 ${year} 年确定`);
  }
  const government = ctx.government();

  return {
    plan: {
      year,
      government,
      title: progressTableSubject(titleLine?.trim() || `${year}年政府工作报告重点工作`),
      kind: "key_tasks",
      leadConvention: convention,
      ...(quarter ? { period: { year, quarter } } : {}),
    },
    leaders,
    parents: [],
    tasks: rows.map((r) => r.task),
    glossary: [],
  };
}
