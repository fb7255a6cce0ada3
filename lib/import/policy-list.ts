/**
 * Policy package (004): the body's areas ("一、推进…发展(由科技局牵头)") each holding numbered
 * clauses "(一)…。(责任单位:科技局、经信局,列第一位的为牵头单位,下同)", then an annex table
 * `八大领域 | 争取事项 | 具体目标 | 责任单位` whose area cell is filled only on the area's first
 * row. Both the clauses and the table rows are tasks, under the same areas: a clause keeps the
 * document's number "(一)" and a table row its "1.", so that the two lists never share a number
 * within an area (Task is unique per plan, numberScope and number). Lines that are neither
 * (the notice's heading, each area's summary, closing remarks) are reported as skipped.
 */
import { NumberTracker, type ParseContext } from "./context";
import { chineseHeading, commonYear, compact, firstYear, noticeTitle, pipeCells, pipeCount } from "./text";
import { parseChineseNumber } from "@/lib/text/numerals";
import { ImportError, type LeadConvention, type ParsedParent, type ParsedTask, type ParserOutput } from "./types";

const ITEM = /^(\d{1,3})\s*[..、]\s*(.+)$/;
// "(十二)text(责任单位:…)": the number as the document writes it, the text, the unit list.
const CLAUSE = /^[((]([一二三四五六七八九十百]{1,4})[))]\s*(.+?)\s*[((]\s*责任单位\s*[::]\s*([^()()]+(?:[((<〈][^()()]*[))>〉][^()()]*)*)[))]\s*$/;
const AREA_LEAD = /^(.+?)\s*[((]\s*由(.+?)牵头\s*[))]$/;

/** A policy item, a clause of the body or a row of the annex, with its units; a missing unit list is warned of. */
function policyTask(
  ctx: ParseContext,
  item: Pick<ParsedTask, "line" | "number" | "parent" | "section" | "text" | "originalText" | "units">,
): ParsedTask {
  if (item.units.length === 0) ctx.warn(item.line, "缺少责任单位");
  return { ...item, leader: null, leaderTitle: null, kind: "policy", targets: ctx.targets(item.text), progress: [] };
}

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


interface Body {
  parents: ParsedParent[];
  tasks: ParsedTask[];
}

/**
 * The body's clauses before the annex table, under their areas. Every other non-empty line is
 * recorded as skipped, with why, so that the preview names it.
 */
function parseBody(ctx: ParseContext, beforeLine: number, convention: LeadConvention, section: string | null): Body {
  const parents: ParsedParent[] = [];
  const tasks: ParsedTask[] = [];
  const numbers = new NumberTracker(ctx);
  let area: ParsedParent | null = null;
  for (let no = 1; no < beforeLine; no++) {
    const raw = ctx.line(no).trim();
    if (!raw) continue;
    const heading = chineseHeading(raw);
    const areaLead = heading && AREA_LEAD.exec(heading.rest);
    if (heading && areaLead) {
      area = {
        kind: "policy_area",
        number: String(heading.number),
        title: areaLead[1].trim(),
        originalTitle: ctx.original(no, areaLead[1].trim()),
        line: no,
        leader: null,
        leadUnit: ctx.unitName(areaLead[2]),
      };
      parents.push(area);
      continue;
    }
    const clause = CLAUSE.exec(raw);
    if (clause && area) {
      const number = `(${clause[1]})`;
      const ordinal = parseChineseNumber(clause[1]);
      // Clauses run on across areas, (一)…(五十): a gap or a repeat is checked on that running number.
      numbers.check("clauses", "条款", String(ordinal ?? tasks.length + 1), no);
      const text = clause[2];
      tasks.push(policyTask(ctx, { line: no, number, parent: area.number, section, text, originalText: ctx.original(no, text), units: ctx.units(clause[3], convention, no) }));
      continue;
    }
    const areaHasClauses = area !== null && tasks.some((task) => task.parent === area!.number);
    let reason: string;
    if (/^[((][一二三四五六七八九十百]{1,4}[))]/.test(raw)) reason = area ? "条款末尾没有“(责任单位:…)”" : "条款前没有“一、…(由…牵头)”领域标题";
    else if (!area) reason = "通知抬头与导语,不是任务";
    else if (heading) reason = "标题未写“(由…牵头)”,不作为领域";
    else if (/^附\s*件/.test(raw) || no === beforeLine - 1) reason = "附件标题";
    else if (areaHasClauses) reason = "条款之后的说明,不是任务";
    else reason = "领域概述(资金安排与总体目标),不是条款";
    ctx.skip(no, no, reason);
  }
  return { parents, tasks };
}

export function parsePolicyList(ctx: ParseContext): ParserOutput {
  const headerLine = ctx.lines.findIndex(isPolicyTableHeader) + 1;
  if (headerLine === 0) throw new ImportError("无法识别的文件格式:未找到含“责任单位”的表头", null);
  const header = pipeCells(ctx.line(headerLine));
  const cols = columnsOf(header, headerLine);
  const allText = ctx.lines.join("\n");
  const convention: LeadConvention = ctx.convention("first_listed");
  const leads = areaLeads(ctx, headerLine);
  const section =
    ctx.lines
      .slice(0, headerLine - 1)
      .reverse()
      .find((l) => l.trim() && !/^附\s*件\s*\d*$/.test(l.trim()))
      ?.trim() ?? null;

  const body = parseBody(ctx, headerLine, convention, noticeTitle(ctx.lines));
  const parents: ParsedParent[] = [...body.parents];
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
      // The annex repeats the body's areas: its rows go under the same area (one per number).
      const fromBody = body.parents.find((parent) => parent.number === String(heading?.number ?? parents.length + 1));
      if (fromBody) {
        if (compact(fromBody.title) !== compact(title)) ctx.warn(no, `附表领域“${title}”与正文第${fromBody.line}行的“${fromBody.title}”编号相同而名称不同,归入正文领域`);
        area = fromBody;
      } else {
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
    const originalText = originalItem === null ? null : originalItem + joiner + (ctx.original(no, goal) ?? "");
    tasks.push(policyTask(ctx, { line: no, number, parent: area?.number ?? null, section, text, originalText, units: ctx.units(cells[cols.units], convention, no) }));
  }
  if (tasks.length === 0) throw new ImportError(`第${headerLine}行:表头之后没有数据行`, headerLine);
  for (const stray of strayLines) ctx.skip(stray, stray, "表格之后的内容,不是任务");

  const title = noticeTitle(ctx.lines) ?? section ?? ctx.fileName;
  const year = firstYear(title) ?? commonYear(allText);
  if (year === null) throw new ImportError("无法从文件内容确定年度", null);
  const government = ctx.government();

  return {
    plan: { year, government, title, kind: "policy_list", leadConvention: convention },
    leaders: [],
    parents,
    tasks: [...body.tasks, ...tasks],
    glossary: [],
  };
}
