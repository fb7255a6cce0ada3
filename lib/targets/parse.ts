/**
 * Numeric-target parser for task texts ("新增光伏装机6万千瓦、储能项目装机6兆瓦以上").
 *
 * Chinese task texts mix real targets with figures that only qualify a noun
 * ("亿元以上项目60个"), codes ("G60", "5G", "3A级"), names in quotes ("“721”"),
 * slogans ("三个环节") and rate denominators ("每万人"). The scanner finds every
 * number followed by a known unit, then drops those that are not targets.
 */

import type { TargetKind } from "@/lib/generated/prisma/enums";
import { parseChineseNumber } from "@/lib/text/numerals";

export type { TargetKind };
export { parseChineseNumber };
/** The parser's comparators, as symbols; lib/targets/labels.ts maps them to the database's codes. */
export type Comparator = ">=" | "<=" | "~" | ">" | "<" | "=";

export interface ParsedTarget {
  kind: TargetKind;
  cmp: Comparator;
  value: number;
  unit: string;
  /** Original wording: comparator/verb + figure + unit + trailing comparator, e.g. "增长2.5%", "6兆瓦以上". */
  text: string;
  /** Words naming what is measured ("光伏装机"); used to match progress figures to the target. */
  subject?: string;
}

/** A target-like figure with its position in `normalizeText(text)`. */
export interface Figure extends ParsedTarget {
  subject: string;
  /** Index of the first character of `text` in the scanned string. */
  start: number;
  /** Index just past `text`. */
  end: number;
}

// Longest first: "千瓦时" must win over "千瓦", "个百分点" over "个".
const MEASURE_UNITS = [
  "微克/立方米", "吨标准煤", "吨标煤", "个百分点", "平方公里", "千瓦时", "平方米", "立方米",
  "公里", "千瓦", "兆瓦", "美元", "标箱", "蒸吨", "微克", "吨", "亩", "元", "方", "倍", "%", "％",
];
const COUNT_UNITS = [
  "人次", "家次", "场次", "个", "家", "套", "人", "名", "户", "项", "所", "条", "场", "张",
  "台", "处", "间", "支", "根", "件", "辆", "座", "批", "幢", "栋", "次", "款", "艘", "架",
];
const UNIT_ALIASES: Record<string, string> = { "％": "%", 吨标煤: "吨标准煤" };
// Denominators of compound units such as 元/辆 or 分/千瓦时.
const PER_UNITS = ["立方米", "千瓦时", "平方米", "标箱", "辆", "件", "人", "户", "亩", "吨", "台", "年", "月", "天", "次", "个"];

const MULTIPLIERS: Record<string, number> = { 百: 1e2, 千: 1e3, 万: 1e4, 亿: 1e8 };

type PreRole =
  | { role: "cmp"; cmp: Comparator }
  // relativeOnly: "绿化提升1000亩" is a noun phrase; these verbs make a growth only before a rate.
  | { role: "kind"; kind: "growth" | "decrease"; reach?: boolean; relativeOnly?: boolean }
  | { role: "filler"; reach?: boolean };

// Words that may stand between a subject and its figure, read backwards from the figure.
const PRE_WORDS: Array<[string, PreRole]> = (
  [
    ["不少于", { role: "cmp", cmp: ">=" }],
    ["不低于", { role: "cmp", cmp: ">=" }],
    ["不小于", { role: "cmp", cmp: ">=" }],
    ["至少", { role: "cmp", cmp: ">=" }],
    ["最少", { role: "cmp", cmp: ">=" }],
    ["最低", { role: "cmp", cmp: ">=" }],
    ["不超过", { role: "cmp", cmp: "<=" }],
    ["不高于", { role: "cmp", cmp: "<=" }],
    ["不大于", { role: "cmp", cmp: "<=" }],
    ["最多", { role: "cmp", cmp: "<=" }],
    ["最高", { role: "cmp", cmp: "<=" }],
    ["控制在", { role: "cmp", cmp: "<=" }],
    ["超过", { role: "cmp", cmp: ">" }],
    ["突破", { role: "cmp", cmp: ">" }],
    ["高于", { role: "cmp", cmp: ">" }],
    ["大于", { role: "cmp", cmp: ">" }],
    ["多于", { role: "cmp", cmp: ">" }],
    ["超", { role: "cmp", cmp: ">" }],
    ["低于", { role: "cmp", cmp: "<" }],
    ["少于", { role: "cmp", cmp: "<" }],
    ["小于", { role: "cmp", cmp: "<" }],
    ["大约", { role: "cmp", cmp: "~" }],
    ["约", { role: "cmp", cmp: "~" }],
    ["增长", { role: "kind", kind: "growth" }],
    ["增速", { role: "kind", kind: "growth" }],
    ["增幅", { role: "kind", kind: "growth" }],
    ["涨幅", { role: "kind", kind: "growth" }],
    ["上涨", { role: "kind", kind: "growth" }],
    ["提高", { role: "kind", kind: "growth", relativeOnly: true }],
    ["提升", { role: "kind", kind: "growth", relativeOnly: true }],
    ["增加", { role: "kind", kind: "growth", relativeOnly: true }],
    ["上升", { role: "kind", kind: "growth", relativeOnly: true }],
    ["下降", { role: "kind", kind: "decrease" }],
    ["降幅", { role: "kind", kind: "decrease" }],
    ["回落", { role: "kind", kind: "decrease" }],
    ["降低", { role: "kind", kind: "decrease", relativeOnly: true }],
    ["减少", { role: "kind", kind: "decrease", relativeOnly: true }],
    ["压减", { role: "kind", kind: "decrease", relativeOnly: true }],
    ["压降", { role: "kind", kind: "decrease", relativeOnly: true }],
    ["压缩", { role: "kind", kind: "decrease", relativeOnly: true }],
    ["降至", { role: "kind", kind: "decrease", reach: true }],
    ["降到", { role: "kind", kind: "decrease", reach: true }],
    ["保持在", { role: "filler" }],
    ["稳定在", { role: "filler" }],
    ["维持在", { role: "filler" }],
    ["达到", { role: "filler" }],
    ["保持", { role: "filler" }],
    ["分别", { role: "filler" }],
    ["年均", { role: "filler" }],
    // Whole word, so that "均" (as in 均下降) does not split it.
    ["平均", { role: "filler" }],
    ["同比", { role: "filler" }],
    ["预计", { role: "filler" }],
    ["累计", { role: "filler" }],
    ["合计", { role: "filler" }],
    ["达", { role: "filler" }],
    ["均", { role: "filler" }],
    ["都", { role: "filler" }],
    ["各", { role: "filler" }],
    ["为", { role: "filler" }],
    ["在", { role: "filler" }],
    ["了", { role: "filler" }],
    ["已", { role: "filler" }],
    ["共", { role: "filler" }],
    // "提高到87%" reaches a level; it is not a growth of 87 %.
    ["到", { role: "filler", reach: true }],
    ["至", { role: "filler", reach: true }],
  ] as Array<[string, PreRole]>
).sort((a, b) => b[0].length - a[0].length);

const POST_WORDS: Array<[string, Comparator]> = [
  ["及以上", ">="],
  ["及以下", "<="],
  ["以上", ">="],
  ["以下", "<="],
  ["以内", "<="],
  ["左右", "~"],
  ["上下", "~"],
];

// A subject ending in one of these names a rate or standard, not an amount.
const LEVEL_NOUNS = ["率", "比重", "比例", "占比", "浓度", "强度", "指数", "标准", "水平", "密度"];
// "32条政策", "8个重点领域政策包", "4张要素保障清单…" name existing documents, not targets.
const DOCUMENT_NOUNS = ["政策包", "政策", "清单", "措施", "举措", "意见", "条例", "办法", "规定"];
// A measure figure followed by one of these verbs is still the object, not a qualifier ("资金5亿元支持…").
const VERBS_AFTER_AMOUNT = ["支持", "用于", "用在", "带动"];
// Characters after a figure that do not start a noun it could qualify.
const NOT_NOUN = new Set(["和", "及", "与", "或", "等", "并", "且", "其", "、"]);
// Figures right after these are ordinals, denominators or baselines: 第五次, 每万人, 从83%提高到.
const SKIP_AFTER = new Set(["第", "每", "从", "由"]);
const CLAUSE_END = /[,，;；。!！?？:：\n\r|]/;
const CONNECTOR = /^[和及与或、]$/;

const isCjk = (ch: string | undefined) => !!ch && ch >= "\u4e00" && ch <= "\u9fff";
const isLatin = (ch: string | undefined) => !!ch && /[A-Za-z]/.test(ch);
const round = (n: number) => Number.parseFloat(n.toPrecision(12));

const QUOTES: Record<string, string> = { "“": "”", "‘": "’", "《": "》", "「": "」", "『": "』", '"': '"' };
const MASK = "＿";

/** Blank out quoted names ("“721”", "“三个100%”") keeping string positions. */
function maskQuotes(text: string): string {
  const out = text.split("");
  let close: string | null = null;
  for (let i = 0; i < out.length; i++) {
    const ch = out[i];
    if (close !== null) {
      if (ch === close) close = null;
      else out[i] = MASK;
    } else if (QUOTES[ch]) {
      close = QUOTES[ch];
    }
  }
  return out.join("");
}

interface UnitMatch {
  unit: string;
  end: number;
  measure: boolean;
}

function matchUnit(text: string, at: number): UnitMatch | null {
  const rest = text.slice(at);
  const withPer = (unit: string, end: number, measure: boolean): UnitMatch => {
    if (text[end] === "/" && !unit.includes("/")) {
      const per = PER_UNITS.find((p) => text.startsWith(p, end + 1));
      if (per) return { unit: `${unit}/${per}`, end: end + 1 + per.length, measure: true };
    }
    return { unit, end, measure };
  };
  const measure = MEASURE_UNITS.find((u) => rest.startsWith(u));
  if (measure) return withPer(UNIT_ALIASES[measure] ?? measure, at + measure.length, true);
  const count = COUNT_UNITS.find((u) => rest.startsWith(u));
  if (count) return withPer(count, at + count.length, false);
  // 分 (fen) is a unit only in a price per unit such as "3分/千瓦时".
  if (rest.startsWith("分/")) {
    const m = withPer("分", at + 1, true);
    if (m.unit !== "分") return m;
  }
  return null;
}

interface Candidate {
  numStart: number;
  numEnd: number;
  value: number;
  chinese: boolean;
  multiplied: boolean;
  approx: boolean;
  /** Written as 百分之…: the unit is %. */
  percent: boolean;
}

// A Chinese numeral, with a decimal part ("三点五") and a multiplier after it ("三点五亿").
const CN_NUMERAL = "[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二两三四五六七八九]+[万亿]*)?";

/** Numbers with their multipliers: "2.1万" → 21000, "百亿" → 1e10, "40余" → 40 (approx), "百分之六" → 6 (percent). */
function scanNumbers(masked: string): Candidate[] {
  const found: Candidate[] = [];
  const re = new RegExp(`百分之(${CN_NUMERAL})|\\d{1,3}(?:,\\d{3})+(?![\\d,])(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|${CN_NUMERAL}`, "g");
  for (let m = re.exec(masked); m; m = re.exec(masked)) {
    const numStart = m.index;
    if (m[1] !== undefined) {
      // "百分之六左右", "百分之三点五": a percentage written out; the figure ends where the numeral does.
      const value = parseChineseNumber(m[1]);
      if (value !== null) found.push({ numStart, numEnd: re.lastIndex, value, chinese: true, multiplied: false, approx: false, percent: true });
      continue;
    }
    let token = m[0];
    const chinese = !/\d/.test(token);
    let value: number | null;
    let end = numStart + token.length;
    let mult = 1;
    if (chinese) {
      // A bare multiplier ("亿元以上", "万元GDP") is not a number; a numeral needs a digit or 十/百/千 first.
      if (!/[零〇一二两三四五六七八九]/.test(token) && !/^[十百千]/.test(token)) continue;
      // "六万千瓦": give trailing characters back when they start a unit.
      while (token.length > 1 && matchUnit(masked, numStart + token.length - 1) && !matchUnit(masked, end)) {
        token = token.slice(0, -1);
        end = numStart + token.length;
      }
      value = parseChineseNumber(token);
      if (value === null) continue;
      re.lastIndex = end;
    } else {
      // "8,000人": thousands separators; a clause break right before exactly three digits is rare in task texts.
      value = Number.parseFloat(token.replaceAll(",", ""));
      while (masked[end] in MULTIPLIERS && !matchUnit(masked, end)) {
        mult *= MULTIPLIERS[masked[end]];
        end++;
      }
      re.lastIndex = end;
    }
    let approx = false;
    if (masked[end] === "余" || masked[end] === "多") {
      approx = true;
      end++;
    }
    found.push({ numStart, numEnd: end, value: round(value * mult), chinese, multiplied: mult > 1, approx, percent: false });
  }
  return found;
}

/** Digits glued to Latin letters are codes: G60, S302, PM2.5, 5G, 3A级 (but "AED160台" is a count). */
function isCode(masked: string, c: Candidate): boolean {
  if (c.chinese) return false;
  let letters = 0;
  for (let i = c.numStart - 1; i >= 0 && isLatin(masked[i]); i--) letters++;
  if (letters > 0 && letters < 3) return true;
  return isLatin(masked[c.numEnd]);
}

interface PreContext {
  start: number;
  subjectEnd: number;
  cmp?: Comparator;
  kind?: "growth" | "decrease";
  reachDown: boolean;
}

const RELATIVE_UNITS = new Set(["%", "个百分点", "倍"]);

function readPre(masked: string, numStart: number, limit: number, unit: string): PreContext {
  const ctx: PreContext = { start: numStart, subjectEnd: numStart, reachDown: false };
  const relative = RELATIVE_UNITS.has(unit);
  let reach = false;
  let i = numStart;
  for (;;) {
    const hit = PRE_WORDS.find(
      ([w, role]) =>
        i - w.length >= limit &&
        masked.startsWith(w, i - w.length) &&
        !(role.role === "kind" && role.relativeOnly && !relative),
    );
    if (!hit) break;
    const [word, role] = hit;
    i -= word.length;
    if (role.role === "cmp") {
      ctx.cmp ??= role.cmp;
      ctx.start = i;
    } else if (role.role === "kind") {
      if (role.reach) ctx.reachDown = true;
      else if (!reach) ctx.kind ??= role.kind;
      else if (role.kind === "decrease") ctx.reachDown = true;
      ctx.start = i;
    } else if (role.reach) {
      reach = true;
    }
    ctx.subjectEnd = i;
  }
  return ctx;
}

function readPost(masked: string, at: number): { cmp?: Comparator; end: number } {
  const hit = POST_WORDS.find(([w]) => masked.startsWith(w, at));
  return hit ? { cmp: hit[1], end: at + hit[0].length } : { end: at };
}

/** The noun phrase after a prenominal count ("100个亿元以上新开工重大项目加快落地"). */
function followingPhrase(masked: string, at: number): string {
  let end = at;
  while (end < masked.length && !CLAUSE_END.test(masked[end]) && !NOT_NOUN.has(masked[end]) && !/\d/.test(masked[end])) end++;
  return masked.slice(at, end);
}

// Trim list separators, a leading item number ("1.新增社区老年食堂") and a lone connector ("50家和10家").
const cleanSubject = (s: string) => s.replace(/^(?:\d+[.、．])?[、,，\s]*|[、,，\s]+$/g, "").replace(/^[和及与或]$/, "");

interface Scanned extends Figure {
  measure: boolean;
  pre: PreContext;
  segmentStart: number;
}

// Full-width ASCII (０-９, ％, ，, （…) is one code point each, so converting it keeps positions.
const FULL_WIDTH = /[\uff01-\uff5e]/g;
const toHalfWidth = (ch: string) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0);

const CJK_OR_PUNCT = "\\u4e00-\\u9fff，,。、；;：:（）()“”";
const SPACES_NEAR_CJK = new RegExp(`(?<=[${CJK_OR_PUNCT}\\d%％])[^\\S\\n]+|[^\\S\\n]+(?=[${CJK_OR_PUNCT}])`, "g");

/**
 * The text the scanner reads: full-width digits, letters and punctuation as ASCII ("增长６％" →
 * "增长6%"), and no spaces next to Chinese characters (PDF extracts: "增长 9.2%", "403 个");
 * Latin words keep theirs.
 */
export function normalizeText(text: string): string {
  return text.replace(FULL_WIDTH, toHalfWidth).replace(SPACES_NEAR_CJK, "");
}

/**
 * Every figure in `text` that reads as a target or an amount, in order of appearance.
 * Qualifiers, codes, quoted names, ordinals and slogans are left out.
 * Positions refer to `normalizeText(text)`.
 */
export function findFigures(rawText: string): Figure[] {
  return scanFigures(rawText).figures;
}

/**
 * Figures in `text` that look like targets but that the scanner cannot read: a number with a
 * unit it does not know ("200公顷以上", "不少于30床"), or a range ("6-8%"). Wordings as in
 * `normalizeText(text)`; the import shows them so that no target is lost without a word.
 */
export function unreadFigures(text: string): string[] {
  return scanFigures(text).unread;
}

// Words after a number that make it a date, a duration, an age or a grade, not an amount:
// 2025年, 6月底, 7天, 60岁以上, 3~5年级.
const DATE_WORDS = /^(?:年|月|日|号|季度|周|个月|天|小时|分钟|岁|周岁|届|期|版|级)/;

/**
 * Where a number without a known unit still reads as a target, the end of its wording: it is
 * the start of a range, or it stands after a comparator or a growth word, or a comparator
 * follows it after a few characters (its unknown unit). Null when it reads as anything else.
 */
function unreadEnd(masked: string, c: Candidate): number | null {
  const rest = masked.slice(c.numEnd);
  if (DATE_WORDS.test(rest)) return null;
  const range = /^[-~—–～](\d+(?:\.\d+)?)([^\d,，;；。、:：()（）\s]{0,4})/.exec(rest);
  if (range) return DATE_WORDS.test(range[2]) ? null : c.numEnd + range[0].length;
  const unknownUnit = /^([\u4e00-\u9fffA-Za-z/]{1,3}?)(?:以上|以下|以内|左右)/.exec(rest);
  if (unknownUnit) return c.numEnd + unknownUnit[0].length;
  const word = PRE_WORDS.find(([w]) => masked.startsWith(w, c.numStart - w.length));
  if (word && word[1].role !== "filler") {
    const unit = /^[\u4e00-\u9fffA-Za-z/]{0,3}/.exec(rest)![0];
    return c.numEnd + unit.length;
  }
  return null;
}

function scanFigures(rawText: string): { figures: Figure[]; unread: string[] } {
  const text = normalizeText(rawText);
  const masked = maskQuotes(text);
  const kept: Scanned[] = [];
  const unread: Array<{ start: number; end: number }> = [];
  let lastBoundary = 0; // end of the previous figure (and of the noun phrase it counts)

  for (const c of scanNumbers(masked)) {
    if (SKIP_AFTER.has(masked[c.numStart - 1]) || isCode(masked, c)) continue;
    const unitMatch: UnitMatch | null = c.percent ? { unit: "%", end: c.numEnd, measure: true } : matchUnit(masked, c.numEnd);
    const post = readPost(masked, unitMatch ? unitMatch.end : c.numEnd);
    const next = masked[post.end];
    const clauseEnds = next === undefined || CLAUSE_END.test(next) || next === "(" || next === "（";
    const prenominal = !clauseEnds && (isCjk(next) || isLatin(next) || next in QUOTES || next === MASK) && !NOT_NOUN.has(next);

    let unit: UnitMatch;
    if (unitMatch) {
      unit = unitMatch;
    } else if (!c.chinese && c.multiplied && (post.cmp || clauseEnds)) {
      // "带动业态经济3000万以上": an amount whose unit is left implicit.
      unit = { unit: "", end: c.numEnd, measure: false };
    } else {
      const unknown = c.chinese ? null : unreadEnd(masked, c);
      if (unknown !== null) unread.push({ start: c.numStart, end: unknown });
      continue;
    }
    // Chinese numerals in prose are slogans or notes (三个环节, 一批项目, 两个及以上); keep only
    // stated amounts such as "两千户" or "百亿元".
    // A written-out rate ("百分之六", "两个百分点", "一倍") is a figure however small.
    const rate = c.percent || RELATIVE_UNITS.has(unit.unit);
    if (c.chinese && !c.percent && (prenominal || (c.value < 10 && !rate))) {
      // "新增两家" ends its clause: a small count written out, which may well be a target.
      if (!prenominal && !post.cmp) unread.push({ start: c.numStart, end: unit.end });
      continue;
    }

    let clauseStart = c.numStart;
    while (clauseStart > 0 && !CLAUSE_END.test(masked[clauseStart - 1])) clauseStart--;
    const segmentStart = Math.max(clauseStart, lastBoundary);
    const pre = readPre(masked, c.numStart, segmentStart, unit.unit);

    const isPercent = unit.unit === "%";
    const followsVerb = VERBS_AFTER_AMOUNT.some((v) => masked.startsWith(v, post.end));
    const qualifier = unit.measure && !isPercent && prenominal && !followsVerb;
    const prev = kept[kept.length - 1];
    const joined = prev !== undefined && CONNECTOR.test(masked.slice(prev.end, pre.start));
    if (qualifier) {
      // "200亿元和300亿元企业": both amounts qualify 企业.
      if (joined && prev.measure) {
        kept.pop();
        lastBoundary = prev.segmentStart;
      }
      continue;
    }
    const after = prenominal && !unit.measure ? followingPhrase(masked, post.end) : "";
    // A phrase that runs into the next number ("821家规上工业企业实现产值478.34亿元") names that number too.
    lastBoundary = /\d/.test(masked[post.end + after.length] ?? "") ? post.end : post.end + after.length;
    if (after && DOCUMENT_NOUNS.some((n) => after.includes(n))) continue;
    // "分别突破50家和10家": the second figure shares the first one's comparator and kind.
    if (joined && pre.cmp === undefined && pre.kind === undefined) {
      pre.cmp = prev.pre.cmp;
      pre.kind = prev.pre.kind;
      pre.reachDown = prev.pre.reachDown;
    }

    const before = cleanSubject(text.slice(segmentStart, pre.subjectEnd));
    const perCapita = masked.slice(clauseStart, c.numStart).includes("每");
    let kind: TargetKind;
    if (pre.kind) kind = pre.kind;
    else if (isPercent || unit.unit.includes("/") || perCapita || LEVEL_NOUNS.some((n) => before.endsWith(n))) kind = "level";
    else kind = "quantity";

    const cmp: Comparator = post.cmp ?? pre.cmp ?? (c.approx ? ">" : pre.reachDown ? "<=" : ">=");
    kept.push({
      kind,
      cmp,
      value: c.value,
      unit: unit.unit,
      text: text.slice(pre.start, post.end),
      // "分别突破50家和10家": the second item names nothing itself.
      subject: cleanSubject(before + text.slice(post.end, post.end + after.length)) || (joined ? prev.subject : ""),
      start: pre.start,
      end: post.end,
      measure: unit.measure,
      pre,
      segmentStart,
    });
  }
  return {
    figures: kept.map(({ kind, cmp, value, unit, text: t, subject, start, end }) => ({ kind, cmp, value, unit, text: t, subject, start, end })),
    // A range read in part ("6-8%": 8% kept) is still unread as a whole.
    unread: unread.map(({ start, end }) => text.slice(start, end)),
  };
}

// What a policy offers (补贴, 补助, 奖励, 资助, 支持 …) and the words that cap or rate it: "最高补贴500元",
// "给予不超过50万元奖励", "分别按20%、15%补贴", "分别奖励30万元". What a unit strives for (争取补助资金2亿元) is a target.
const SUPPORT = /补贴|补助|奖励|资助|奖补|贴息|支持|扶持/;
const SUPPORT_BEFORE = /给予|最高|不超过|最多|按|补贴|补助|奖励|资助|奖补|贴息/;
const STRIVE = /争取|力争|完成|实现|兑现|发放/;

/**
 * Whether a figure is the cap or the rate of support a policy offers, in its clause: a support word in the clause,
 * a giving or capping word before the figure or in its wording ("最高50万元"), and no word of striving. Such a figure bounds what one applicant
 * gets; it is nothing to achieve, so it is no target.
 */
function isSupportOffered(scanned: string, figure: Figure): boolean {
  let start = figure.start;
  while (start > 0 && !CLAUSE_END.test(scanned[start - 1])) start--;
  let end = figure.end;
  while (end < scanned.length && !CLAUSE_END.test(scanned[end])) end++;
  const clause = scanned.slice(start, end);
  return SUPPORT.test(clause) && SUPPORT_BEFORE.test(scanned.slice(start, figure.end)) && !STRIVE.test(clause);
}

/** The numeric targets stated in a task text; [] for a qualitative task. Caps and rates of support are not targets. */
export function parseTargets(text: string): ParsedTarget[] {
  const scanned = maskQuotes(normalizeText(text));
  return findFigures(text)
    .filter((figure) => !isSupportOffered(scanned, figure))
    .map(({ kind, cmp, value, unit, text: t, subject }) => ({ kind, cmp, value, unit, text: t, subject }));
}
