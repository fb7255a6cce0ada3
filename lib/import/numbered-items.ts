/**
 * Breakdown notice in the common layout of other cities: numbered items ("1. 生产总值增长6%左右。(市发展改革委负责)",
 * "(一)…", "1、…") whose responsible units stand in a bracket (…负责 / …牵头,…配合) or after "责任单位:" /
 * "牵头单位:… 配合单位:…" on the same or the next line, under section headings (一、… / (一)…), with or
 * without leader headings ("一、张斌副市长牵头工作"). A numbered paragraph is a task when it names units and
 * none of the paragraphs numbered under it does; otherwise it is a heading.
 */
import { parseChineseNumber } from "@/lib/text/numerals";
import { NumberTracker, type ParseContext } from "./context";
import { layoutLeadConvention, listedUnits, splitLeadUnits } from "./leads";
import { titleGovernment, uniqueNumbers } from "./layout-common";
import { LEADER_TITLE, commonYear, detectGovernment, firstYear, noticeTitle, splitLeader } from "./text";
import { ImportError, type ParsedTask, type ParserOutput } from "./types";
import { looksLikeUnitName, splitOutside, splitUnitList } from "./unit-list";

// Deeper levels have larger numbers: 一、 > (一) > 1. > (1).
const MARKERS: Array<{ level: number; re: RegExp }> = [
  { level: 1, re: /^([一二三四五六七八九十百]{1,4})\s*[、.．]\s*(.*)$/ },
  { level: 2, re: /^[((]\s*([一二三四五六七八九十百]{1,4})\s*[))]\s*[、.．]?\s*(.*)$/ },
  { level: 3, re: /^(\d{1,3})\s*(?:[、．]|\.(?!\d))\s*(.*)$/ },
  { level: 4, re: /^[((]\s*(\d{1,3})\s*[))]\s*[、.．]?\s*(.*)$/ },
];

const LABEL_NAMES = "责任单位|牵头单位|主办单位|配合单位|协办单位|参与单位|责任领导|牵头市?领导|分管市?领导|完成时限|完成时间|时间节点";
const LABEL = new RegExp(`[((]?\\s*(${LABEL_NAMES})\\s*[::]`, "g");
const LABEL_LINE = new RegExp(`^[((]?\\s*(?:${LABEL_NAMES})\\s*[::]`);
const ROLE_END = /(牵头|负责|配合|协助|协办|参与)(?:单位)?\s*[))]\s*[。.;;]?\s*$/;
const ROLE = /^(.+?)(牵头负责|负责牵头|牵头|负责|配合|协助|协办|参与)(?:单位)?$/;
const LEADER_HEADING = new RegExp(`^([\\u4e00-\\u9fa5·]{2,4}?)(${LEADER_TITLE})(?:牵头|负责|分管)`);
const OPEN = "((";
const CLOSE = "))";

const count = (text: string, chars: string) => [...text].filter((char) => chars.includes(char)).length;
const halfWidthDigits = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

interface Marker {
  level: number;
  number: number;
  rest: string;
}

function markerOf(line: string): Marker | null {
  const s = halfWidthDigits(line.trim());
  for (const { level, re } of MARKERS) {
    const m = re.exec(s);
    if (!m) continue;
    const number = /^\d+$/.test(m[1]) ? Number(m[1]) : parseChineseNumber(m[1]);
    if (number === null) continue;
    return { level, number, rest: m[2].trim() };
  }
  return null;
}

/** What a paragraph says about who does it. */
export interface ItemUnits {
  text: string;
  /** A single list whose leads follow the document's rule (责任单位:…, "A、B负责"). */
  list: string | null;
  /** Leads and co-units named apart (牵头单位/配合单位, "A牵头,B配合"). */
  leads: string | null;
  coUnits: string | null;
  leader: string | null;
  deadline: string | null;
}

function labelled(body: string): ItemUnits | null {
  const matches = [...body.matchAll(LABEL)];
  if (matches.length === 0) return null;
  const first = matches[0];
  const out: ItemUnits = { text: body.slice(0, first.index).trim(), list: null, leads: null, coUnits: null, leader: null, deadline: null };
  let responsible: string | null = null;
  matches.forEach((m, i) => {
    const end = matches[i + 1]?.index ?? body.length;
    let value = body.slice(m.index + m[0].length, end).trim();
    // The bracket a label opened closes after its value, whether another label follows (a
    // 完成时限: line below "(责任单位:A、B)") or not: an unmatched closing bracket is not the value's.
    if (count(value, CLOSE) > count(value, OPEN)) value = value.replace(/[))]\s*[。.;;]?\s*$/, "");
    value = value.replace(/[。.;;,,\s]+$/, "").trim();
    const name = m[1];
    if (/牵头单位|主办单位/.test(name)) out.leads = value;
    else if (/配合|协办|参与/.test(name)) out.coUnits = value;
    else if (name === "责任单位") responsible = value;
    else if (/领导/.test(name)) out.leader = value;
    else out.deadline = value;
  });
  // Beside a 牵头单位, "责任单位" lists the others.
  if (responsible !== null) {
    if (out.leads !== null) out.coUnits = [out.coUnits, responsible].filter(Boolean).join("、");
    else out.list = responsible;
  }
  if (out.list === null && out.leads === null && out.coUnits === null) return null;
  if (out.leads === null && out.coUnits !== null) {
    out.list = [out.list, out.coUnits].filter(Boolean).join("、");
    out.coUnits = null;
  }
  return out;
}

/** The bracket closing the paragraph: its content and where it opens, or null. */
function closingBracket(body: string): { content: string; at: number } | null {
  const s = body.replace(/[。.;;\s]+$/, "");
  if (!CLOSE.includes(s[s.length - 1] ?? "")) return null;
  let depth = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    if (CLOSE.includes(s[i])) depth++;
    if (OPEN.includes(s[i])) depth--;
    if (depth === 0) return { content: s.slice(i + 1, -1), at: i };
  }
  return null;
}

function bracketRoles(body: string): ItemUnits | null {
  const bracket = closingBracket(body);
  if (!bracket) return null;
  // "A牵头、B配合" separates its clauses with 、 as often as with ,.
  const clauses = splitOutside(bracket.content.replace(/^由/, "").replace(/(牵头|负责|配合|协助|协办|参与)、/g, "$1,"), ",,;;");
  const roles: Array<{ units: string; role: "lead" | "responsible" | "co" }> = [];
  for (const clause of clauses) {
    const m = ROLE.exec(clause.replace(/^由/, ""));
    if (!m) return null;
    // "A、B等按职责分工负责": the wording around the names is not part of them.
    const list = m[1].replace(/(按职责分工|按职责|分别|共同)$/, "").replace(/等$/, "");
    const names = splitUnitList(list);
    if (names.length === 0 || !names.every(looksLikeUnitName)) return null;
    roles.push({ units: list, role: /牵头/.test(m[2]) ? "lead" : m[2] === "负责" ? "responsible" : "co" });
  }
  const join = (keep: (r: (typeof roles)[number]) => boolean) =>
    roles
      .filter(keep)
      .map((r) => r.units)
      .join("、");
  const out: ItemUnits = { text: body.slice(0, bracket.at).trim(), list: null, leads: null, coUnits: null, leader: null, deadline: null };
  if (roles.some((r) => r.role === "lead")) {
    out.leads = join((r) => r.role === "lead");
    out.coUnits = join((r) => r.role !== "lead");
  } else if (roles.some((r) => r.role === "co")) {
    out.leads = join((r) => r.role === "responsible");
    out.coUnits = join((r) => r.role === "co");
    if (!out.leads) return { ...out, list: out.coUnits, leads: null, coUnits: null };
  } else {
    out.list = join(() => true);
  }
  return out;
}

/** The units, leader and deadline a paragraph names, or null when it names no unit. */
export function itemUnits(body: string): ItemUnits | null {
  return labelled(body) ?? bracketRoles(body);
}

interface Block extends Marker {
  line: number;
  pieces: Array<{ line: number; text: string }>;
  closed: boolean;
  units: ItemUnits | null;
}

interface Scan {
  blocks: Block[];
  stray: Array<{ line: number; text: string }>;
  firstBlockLine: number;
}

function scan(lines: string[]): Scan {
  const blocks: Block[] = [];
  const stray: Scan["stray"] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const no = i + 1;
    const current = blocks[blocks.length - 1];
    const marker = LABEL_LINE.test(line) ? null : markerOf(line);
    if (marker) {
      const block: Block = { ...marker, line: no, pieces: [{ line: no, text: marker.rest }], closed: false, units: null };
      block.units = itemUnits(marker.rest);
      block.closed = block.units !== null;
      blocks.push(block);
      return;
    }
    if (!current) return; // the notice's title and preamble
    if (LABEL_LINE.test(line) || !current.closed) {
      current.pieces.push({ line: no, text: line });
      // Only a line with a label or ending on a bracket can name units: prose under a heading
      // runs to thousands of lines in a long document, and is not read again for each of them.
      LABEL.lastIndex = 0;
      if (LABEL.test(line) || ROLE_END.test(line)) {
        current.units = itemUnits(current.pieces.map((p) => p.text).join(""));
        current.closed = current.units !== null;
      }
      return;
    }
    stray.push({ line: no, text: line });
  });
  return { blocks, stray, firstBlockLine: blocks[0]?.line ?? lines.length + 1 };
}

/** Whether the lines hold at least two numbered paragraphs that name their responsible units. */
export function isNumberedItems(lines: string[]): boolean {
  return scan(lines).blocks.filter((b) => b.units !== null).length >= 2;
}

/** A line naming a part of the document: short, no sentence, ending as titles of task lists do. */
function isPartTitle(line: string): boolean {
  return line.length <= 40 && !/[。;;,,::]/.test(line) && /(责任分解|任务清单|分工方案|任务分解|项目|清单|工作)$/.test(line);
}

/** Blocks that are tasks: they name units and nothing numbered beneath them does. */
function classify(blocks: Block[]): boolean[] {
  const isItem = blocks.map(() => false);
  blocks.forEach((block, i) => {
    let j = i + 1;
    let childWithUnits = false;
    while (j < blocks.length && blocks[j].level > block.level) {
      if (blocks[j].units) childWithUnits = true;
      j++;
    }
    isItem[i] = block.units !== null && !childWithUnits;
  });
  return isItem;
}

/** Each block's enclosing block (-1 at the top), in one pass. */
function parents(blocks: Block[]): number[] {
  const open: number[] = [];
  return blocks.map((block, i) => {
    while (open.length > 0 && blocks[open[open.length - 1]].level >= block.level) open.pop();
    const parent = open[open.length - 1] ?? -1;
    open.push(i);
    return parent;
  });
}

export function parseNumberedItems(ctx: ParseContext): ParserOutput {
  const { blocks, stray } = scan(ctx.lines);
  const isItem = classify(blocks);
  const parentOf = parents(blocks);
  // Lists (a parent and a level) holding at least one task with units.
  const listsWithItems = new Set(blocks.flatMap((b, j) => (isItem[j] ? [`${parentOf[j]}/${b.level}`] : [])));
  if (!isItem.some(Boolean)) throw new ImportError("未找到任何带责任单位的编号条目", null);
  const allText = ctx.lines.join("\n");
  const convention = layoutLeadConvention(ctx, allText);
  const leaders: ParserOutput["leaders"] = [];
  const numbers = new NumberTracker(ctx);
  const stack: Array<{ block: Block; leader: { name: string; title: string | null } | null }> = [];
  const drafts: Array<{ task: ParsedTask; path: number[]; scope: string }> = [];

  // A title line between items ("2025年政府民生实事项目责任分解") opens a new part whose headings and
  // numbering start afresh.
  const partTitles = stray.filter((s) => isPartTitle(s.text));
  let part = 0;
  blocks.forEach((block, i) => {
    if (partTitles.some((t) => t.line < block.line && t.line > (blocks[i - 1]?.line ?? 0))) {
      part++;
      stack.length = 0;
    }
    while (stack.length > 0 && stack[stack.length - 1].block.level >= block.level) stack.pop();
    const inherited = [...stack].reverse().find((s) => s.leader)?.leader ?? null;
    const body = block.pieces.map((p) => p.text).join("");

    if (!isItem[i]) {
      const hasChildren = blocks[i + 1] !== undefined && blocks[i + 1].level > block.level;
      const siblingItem = listsWithItems.has(`${parentOf[i]}/${block.level}`);
      if (!hasChildren && siblingItem) {
        // Listed among tasks yet names no unit: a task the office must complete, not a heading.
        isItem[i] = true;
      } else {
        if (!hasChildren) ctx.warn(block.line, `编号段落“${ctx.line(block.line).trim().slice(0, 20)}”没有责任单位,未作为任务导入`);
        // A heading's own line is read (it is the section of the tasks under it); the prose below it is not.
        const prose = block.pieces.slice(1);
        if (prose.length > 0) ctx.skipUnread(prose[0].line, prose[prose.length - 1].line, hasChildren ? "标题下的说明文字,不是任务" : "无责任单位的编号段落的正文");
        const m = LEADER_HEADING.exec(block.rest);
        const leader = m ? { name: m[1], title: m[2] } : null;
        if (leader && !leaders.some((l) => l.name === leader.name)) leaders.push(leader);
        stack.push({ block, leader });
        return;
      }
    }

    const found = block.units;
    const text = found?.text || body;
    if (!found) ctx.warn(block.line, "缺少责任单位");
    const unitsLine = block.pieces[block.pieces.length - 1].line;
    const units = !found
      ? []
      : found.leads !== null
        ? splitLeadUnits(ctx, found.leads, found.coUnits ?? "", unitsLine)
        : listedUnits(ctx, found.list ?? "", convention, unitsLine);
    let leader = inherited;
    if (found?.leader) {
      const own = splitLeader(found.leader);
      if (own) leader = own;
      else ctx.warn(block.line, `责任领导“${found.leader}”不是姓名,已忽略`);
    }
    if (leader && !leaders.some((l) => l.name === leader.name)) leaders.push(leader);
    // Within a leader's list, the sections below the leader's heading tell restarted numbers apart.
    const leaderAt = stack.map((s) => s.leader !== null).lastIndexOf(true);
    const path = [...(part > 0 ? [part + 1] : []), ...stack.slice(leaderAt + 1).map((s) => s.block.number)];
    // The document numbers items within its headings, even where an item names its own leader.
    numbers.check(`${inherited?.name ?? "-"}/${path.join(".")}/${block.level}`, inherited ? `${inherited.name} 的` : "", String(block.number), block.line);
    drafts.push({
      path,
      scope: leader?.name ?? "-",
      task: {
        line: block.line,
        leader: leader?.name ?? null,
        leaderTitle: leader?.title ?? null,
        number: String(block.number),
        kind: "key",
        parent: null,
        section: stack.length > 0 ? stack[stack.length - 1].block.rest : null,
        text,
        originalText: originalOf(ctx, block, text),
        units,
        targets: ctx.targets(text),
        progress: [],
        deadline: found?.deadline ?? null,
      },
    });
  });

  for (const s of stray.filter((line) => !partTitles.includes(line))) ctx.skipUnread(s.line, s.line, "不属于任何编号条目");
  uniqueNumbers(drafts);

  const title = noticeTitle(ctx.lines) ?? ctx.lines.find((l) => l.trim())?.trim() ?? ctx.fileName;
  const year = firstYear(title) ?? commonYear(allText);
  if (year === null) throw new ImportError("无法从文件内容确定年度", null);
  const government = detectGovernment(ctx.lines) ?? titleGovernment(title);
  if (!government) ctx.warn(null, "未能从文件内容确定政府名称");
  return {
    plan: { year, government: government ?? "", title, kind: "key_tasks", leadConvention: convention },
    leaders,
    parents: [],
    tasks: drafts.map((d) => d.task),
    glossary: [],
  };
}

/** The original (traditional) wording of a task whose text may run over several lines. */
function originalOf(ctx: ParseContext, block: Block, text: string): string | null {
  const originals = block.pieces.map((p) => ctx.original(p.line, p.text));
  if (originals.some((o) => o === null)) return null;
  const joined = block.pieces.map((p) => p.text).join("");
  const original = originals.join("");
  return joined.startsWith(text) && original.length === joined.length ? original.slice(0, text.length) : null;
}
