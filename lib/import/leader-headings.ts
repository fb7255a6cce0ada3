/**
 * Breakdown notice grouped by leader (003): headings "一、李军市长牵头重点工作", tasks
 * "1.text" followed by a "责任单位:…" line; in the livelihood part each item carries
 * its units inline, "…(责任单位:市教育局)". Part titles ("…重点工作责任分解",
 * "…民生实事项目责任分解") switch between key tasks and livelihood items.
 */
import { NumberTracker, type ParseContext } from "./context";
import { LEADER_TITLE, chineseHeading, commonYear, compact, firstYear, noticeTitle } from "./text";
import { ImportError, type LeadConvention, type ParsedParent, type ParsedTask, type ParserOutput, type TaskKind } from "./types";

const LEADER_HEADING = new RegExp(`^([\\u4e00-\\u9fa5·]{2,4}?)(${LEADER_TITLE})牵头`);
const TASK = /^(\d{1,3})\s*[..、]\s*(.+)$/;
const UNITS_LINE = /^责任单位\s*[::]\s*(.*)$/;
// "完成时限:6月底前" below a task's units: its deadline (the numbered-items layout reads the same labels).
const DEADLINE_LINE = /^(?:完成时限|完成时间|时间节点)\s*[::]\s*(.+)$/;
const INLINE_UNITS = /[((]\s*责任单位\s*[::]/g;

export function isLeaderHeading(line: string): boolean {
  const h = chineseHeading(line);
  return h !== null && LEADER_HEADING.test(h.rest);
}

function isPartTitle(line: string): boolean {
  const c = compact(line);
  return /(责任分解|任务清单|分工方案)$/.test(c) && !/关于|通知/.test(c) && chineseHeading(c) === null && !TASK.test(c);
}

/** "text(责任单位:A、B)。" → text and "A、B"; units null when the line has none. */
function splitInlineUnits(body: string): { text: string; units: string | null } {
  const matches = [...body.matchAll(INLINE_UNITS)];
  const last = matches[matches.length - 1];
  if (!last) return { text: body, units: null };
  const units = body.slice(last.index + last[0].length).replace(/[))]\s*[。.;;]?\s*$/, "");
  return { text: body.slice(0, last.index).trim(), units };
}

interface Pending {
  task: Omit<ParsedTask, "units" | "targets">;
  units: string | null;
  unitsLine: number;
}

export function parseLeaderHeadings(ctx: ParseContext): ParserOutput {
  const allText = ctx.lines.join("\n");
  const convention: LeadConvention = ctx.convention("first_listed");
  const leaders: ParserOutput["leaders"] = [];
  const parents: ParsedParent[] = [];
  const pending: Pending[] = [];
  const numbers = new NumberTracker(ctx);
  let kind: TaskKind = "key";
  let started = false;
  let group: { name: string | null; title: string | null; heading: string; parent: string | null } | null = null;

  for (let no = 1; no <= ctx.lines.length; no++) {
    const line = ctx.line(no).trim();
    if (!line) continue;
    const last = pending[pending.length - 1];

    if (isPartTitle(line)) {
      kind = /民生/.test(line) ? "livelihood" : "key";
      group = null;
      started = true;
      continue;
    }

    const heading = chineseHeading(line);
    if (heading && (started || LEADER_HEADING.test(heading.rest))) {
      started = true;
      const leader = LEADER_HEADING.exec(heading.rest);
      if (!leader) ctx.warn(no, `标题“${line}”中没有分管领导姓名`);
      const name = leader?.[1] ?? null;
      const title = leader?.[2] ?? null;
      if (name && !leaders.some((l) => l.name === name)) leaders.push({ name, title });
      let parent: string | null = null;
      if (kind === "livelihood") {
        parent = String(heading.number);
        parents.push({
          kind: "livelihood_project",
          number: parent,
          title: heading.rest,
          originalTitle: ctx.original(no, heading.rest),
          line: no,
          leader: name,
          leadUnit: null,
        });
      }
      group = { name, title, heading: heading.rest, parent };
      continue;
    }
    if (!started) continue; // the notice's preamble

    const unitsLine = UNITS_LINE.exec(line);
    if (unitsLine) {
      if (!last || last.units !== null) {
        ctx.warn(no, "责任单位行之前没有对应的任务,已忽略");
        continue;
      }
      last.units = unitsLine[1];
      last.unitsLine = no;
      continue;
    }

    const deadline = DEADLINE_LINE.exec(line);
    if (deadline && last && !last.task.deadline) {
      last.task.deadline = deadline[1].trim();
      continue;
    }

    const task = TASK.exec(line);
    if (task) {
      if (!group) throw new ImportError(`第${no}行:任务之前没有分管领导标题`, no);
      const number = task[1];
      const list = `${kind}:${group.parent ?? group.name ?? group.heading}`;
      numbers.check(list, group.name ? `${group.name} 的` : `“${group.heading}”下`, number, no);
      const { text, units } = splitInlineUnits(task[2]);
      pending.push({
        units,
        unitsLine: no,
        task: {
          line: no,
          leader: group.name,
          leaderTitle: group.title,
          number,
          kind,
          parent: group.parent,
          section: group.heading,
          text,
          originalText: ctx.original(no, text),
          progress: [],
        },
      });
      continue;
    }

    // A task text wrapped onto the next line, before its units.
    if (last && last.units === null) {
      const { text, units } = splitInlineUnits(line);
      last.task.text += text;
      const original = ctx.original(no, text);
      if (last.task.originalText !== null && original !== null) last.task.originalText += original;
      last.units = units;
      continue;
    }
    ctx.skip(no, no, "不是任务、责任单位或标题");
  }

  if (pending.length === 0) throw new ImportError("未找到任何“N.任务”条目", null);
  const tasks: ParsedTask[] = pending.map(({ task, units, unitsLine }) => {
    if (units === null) ctx.warn(task.line, "缺少责任单位");
    return { ...task, units: ctx.units(units ?? "", convention, unitsLine), targets: ctx.targets(task.text) };
  });

  const title = noticeTitle(ctx.lines) ?? ctx.lines.find(isPartTitle)?.trim() ?? ctx.fileName;
  const year = firstYear(title) ?? commonYear(allText);
  if (year === null) throw new ImportError("无法从文件内容确定年度", null);
  const government = ctx.government();

  return {
    plan: { year, government, title, kind: "key_tasks", leadConvention: convention },
    leaders,
    parents,
    tasks,
    glossary: [],
  };
}
