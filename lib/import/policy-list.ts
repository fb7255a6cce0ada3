/**
 * Policy package (004): prose policies per area, then an annex table
 * `八大领域 | 争取事项 | 具体目标 | 责任单位` whose area cell is filled only on the
 * area's first row. The table rows are the tasks; the prose supplies each area's
 * lead ("一、推进…发展(由科技局牵头)") and the lead-unit rule ("列第一位的为牵头单位,下同").
 */
import { NumberTracker, type ParseContext } from "./context";
import { chineseHeading, commonYear, compact, detectLeadConvention, firstYear, noticeTitle, pipeCells, pipeCount } from "./text";
import { ImportError, type LeadConvention, type ParsedParent, type ParsedTask, type ParserOutput } from "./types";

const ITEM = /^(\d{1,3})\s*[..、]\s*(.+)$/;
const AREA_LEAD = /^(.+?)\s*[((]\s*由(.+?)牵头\s*[))]$/;

export function isPolicyTableHeader(line: string): boolean {
  const c = compact(line);
  return pipeCount(line) >= 2 && c.includes("责任单位") && !/分管|市长/.test(c);
}

interface Columns {
  count: number;
  area: number | null;
  item: number;
  goal: number | null;
  units: number;
}

function columnsOf(header: string[], line: number): Columns {
  const find = (re: RegExp) => header.findIndex((h) => re.test(compact(h)));
  const units = find(/责任单位/);
  const area = find(/领域|方面|类别|板块/);
  const item = header.findIndex((h, i) => i !== area && i !== units && /事项|任务|措施|政策/.test(compact(h)));
  const goal = header.findIndex((h, i) => i !== item && i !== units && /目标|内容/.test(compact(h)));
  if (item === -1) throw new ImportError(`第${line}行:表头缺少“争取事项”列`, line);
  return { count: header.length, area: area === -1 ? null : area, item, goal: goal === -1 ? null : goal, units };
}

/** Area titles from the prose headings, with the unit each one is led by. */
function areaLeads(ctx: ParseContext, beforeLine: number): Map<string, string> {
  const leads = new Map<string, string>();
  for (let no = 1; no < beforeLine; no++) {
    const heading = chineseHeading(ctx.line(no));
    const m = heading && AREA_LEAD.exec(heading.rest);
    if (m) leads.set(compact(m[1]), m[2]);
  }
  return leads;
}

export function parsePolicyList(ctx: ParseContext): ParserOutput {
  const headerLine = ctx.lines.findIndex(isPolicyTableHeader) + 1;
  if (headerLine === 0) throw new ImportError("无法识别的文件格式:未找到含“责任单位”的表头", null);
  const header = pipeCells(ctx.line(headerLine));
  const cols = columnsOf(header, headerLine);
  const allText = ctx.lines.join("\n");
  const convention: LeadConvention = detectLeadConvention(allText) ?? "first_listed";
  const leads = areaLeads(ctx, headerLine);
  const section =
    ctx.lines
      .slice(0, headerLine - 1)
      .reverse()
      .find((l) => l.trim() && !/^附\s*件\s*\d*$/.test(l.trim()))
      ?.trim() ?? null;

  const parents: ParsedParent[] = [];
  const tasks: ParsedTask[] = [];
  const numbers = new NumberTracker(ctx);
  let area: ParsedParent | null = null;
  let perArea = false;
  const strayLines: number[] = [];

  for (let no = headerLine + 1; no <= ctx.lines.length; no++) {
    const raw = ctx.line(no);
    if (!raw.trim()) continue;
    if (pipeCount(raw) === 0) {
      // Text after the table is page furniture; text between rows is worth a warning.
      if (tasks.length > 0) strayLines.push(no);
      continue;
    }
    for (const stray of strayLines.splice(0)) ctx.warn(stray, "表格中的非表格内容已忽略");
    const cells = pipeCells(raw);
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    // Rows after an area's first row leave the area cell out.
    if (cells.length === cols.count - 1 && cols.area === 0 && chineseHeading(cells[0]) === null) cells.unshift("");
    else if (cells.length === cols.count - 1) cells.push(""); // an empty units cell at the end
    if (cells.length !== cols.count) {
      throw new ImportError(`第${no}行:表格行应有${cols.count}列,实际${cells.length}列`, no);
    }

    if (cols.area !== null && cells[cols.area]) {
      const heading = chineseHeading(cells[cols.area]);
      const title = heading?.rest ?? cells[cols.area];
      const lead = leads.get(compact(title));
      area = {
        kind: "policy_area",
        number: String(heading?.number ?? parents.length + 1),
        title,
        originalTitle: ctx.original(no, title),
        line: no,
        leader: null,
        leadUnit: lead ? ctx.unitName(lead) : null,
      };
      parents.push(area);
    }
    if (cols.area !== null && !area) throw new ImportError(`第${no}行:第一条数据行缺少领域`, no);

    const itemCell = cells[cols.item];
    if (!itemCell) throw new ImportError(`第${no}行:争取事项为空`, no);
    const numbered = ITEM.exec(itemCell);
    const number = numbered?.[1] ?? String(tasks.length + 1);
    if (!numbered) ctx.warn(no, `争取事项没有序号,按顺序记为 ${number}`);
    // Some lists restart numbering in each area; then the number is unique per area only.
    if (number === "1" && tasks.length > 0) perArea = true;
    numbers.check(perArea && area ? `area${area.number}` : "all", perArea && area ? `领域“${area.title}”的` : "", number, no);

    const item = numbered?.[2] ?? itemCell;
    const goal = cols.goal === null ? "" : cells[cols.goal];
    const joiner = goal && !/[。;;.]$/.test(item) ? "。" : "";
    const text = item + joiner + goal;
    const originalItem = ctx.original(no, item);
    const units = ctx.units(cells[cols.units], convention, no);
    if (units.length === 0) ctx.warn(no, "缺少责任单位");
    tasks.push({
      line: no,
      leader: null,
      leaderTitle: null,
      number,
      kind: "policy",
      parent: area?.number ?? null,
      section,
      text,
      originalText: originalItem === null ? null : originalItem + joiner + (ctx.original(no, goal) ?? ""),
      units,
      targets: ctx.targets(text),
      progress: [],
    });
  }
  if (tasks.length === 0) throw new ImportError(`第${headerLine}行:表头之后没有数据行`, headerLine);

  const title = noticeTitle(ctx.lines) ?? section ?? ctx.fileName;
  const year = firstYear(title) ?? commonYear(allText);
  if (year === null) throw new ImportError("无法从文件内容确定年度", null);
  const government = ctx.government();

  return {
    plan: { year, government, title, kind: "policy_list", leadConvention: convention },
    leaders: [],
    parents,
    tasks,
    glossary: [],
  };
}
