/**
 * Year-to-date actual values from a quarterly progress narrative, matched to a task's targets.
 *
 * A narrative figure is matched to a target only when its kind and unit fit and the words
 * naming it share enough with the target's subject, better than any other figure does.
 * Plans, candidate lists and year-end forecasts are never actuals; a figure marked 预计/预估 is
 * returned flagged as an estimate; a part of a total ("其中…", "不含港区…") is the actual only
 * of a target naming that part. Anything unclear stays unmatched.
 */
import { findFigures, normalizeText, type Figure, type ParsedTarget } from "./parse";

export interface Actual {
  targetIndex: number;
  value: number;
  unit: string;
  text: string;
  /** Marked 预计/预估: a forecast, stored and shown as such, never counted as achieved. */
  estimated: boolean;
}

const SENTENCE_END = /[。；;!！?？\n]/;
const CLAUSE_END = /[,，。；;!！?？:：\n]/;
// A figure in a clause with these words is a plan, candidate list or forecast, not an achievement.
const PLAN_WORDS = ["计划", "拟", "有望", "排摸", "推荐", "目标", "年底", "规划", "力争", "争取"];
const BREAKDOWN_WORDS = ["其中", "不含", "除"];
// A figure after one of these in its sentence is an estimate ("预计一季度实现营收13.5亿元,同比增长280%").
const ESTIMATE_WORDS = ["预计", "预估"];
// Words too common in task and progress texts to tell two subjects apart.
const GENERIC_WORDS = [
  "今年以来", "一季度", "全年", "全市", "新增", "实现", "完成", "累计", "力争", "确保", "建成", "争取",
  "同比", "预计", "目前", "截至", "其中", "不含", "以上", "以下", "左右", "达到", "平均", "项目", "企业",
  "和", "及", "与", "或",
];
const SYNONYMS: Array<[RegExp, string]> = [[/GDP/gi, "生产总值"]];
const UNIT_GROUPS = [
  ["人", "名"],
  ["吨", "吨标准煤"],
];
// Money thresholds that restrict what is counted ("亿元以上项目", "超亿美元"): the figure must share them.
const THRESHOLD = /(?:超|[\d.]+)?[十百千万亿]+(?:美元|元)(?:以上|以下)|超[\d.]*[十百千万亿]+(?:美元|元)/g;

function bigrams(text: string): string[] {
  let t = text;
  for (const [re, word] of SYNONYMS) t = t.replace(re, word);
  for (const w of GENERIC_WORDS) t = t.split(w).join(" ");
  const out: string[] = [];
  for (const chunk of t.split(/[^\u4e00-\u9fff]+/)) {
    for (let i = 0; i + 1 < chunk.length; i++) out.push(chunk.slice(i, i + 2));
  }
  return out;
}

/** Last month of a cumulative period named in `text` ("1-3月" → 3, "一季度" → 3, "上半年" → 6). */
function periodOf(text: string): number | undefined {
  let month: number | undefined;
  const re = /\d{1,2}[-—–~至](\d{1,2})月|截至(\d{1,2})月|([一二三四1-4])季度|上半年/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const quarter = m[3] ? "一二三四".indexOf(m[3]) + 1 || Number(m[3]) : 0;
    month = m[1] || m[2] ? Number(m[1] ?? m[2]) : quarter ? 3 * quarter : 6;
  }
  return month;
}

interface Evidence {
  figure: Figure;
  own: Set<string>;
  /** Own words plus those of the previous figure in the sentence ("…收入完成37.58亿元,同比增长1.9%"). */
  context: Set<string>;
  contextText: string;
  plan: boolean;
  estimated: boolean;
  period?: number;
  /** The 其中/不含 marker this figure falls under, and the first words after it. */
  part?: { marker: number; head: string };
}

function readNarrative(narrative: string): Evidence[] {
  const text = normalizeText(narrative);
  const evidence: Evidence[] = [];
  findFigures(text).forEach((figure, i, figures) => {
    let sentenceStart = figure.start;
    while (sentenceStart > 0 && !SENTENCE_END.test(text[sentenceStart - 1])) sentenceStart--;
    let clauseStart = figure.start;
    while (clauseStart > 0 && !CLAUSE_END.test(text[clauseStart - 1])) clauseStart--;

    const previous = i > 0 && figures[i - 1].end > sentenceStart ? evidence[i - 1] : undefined;
    const own = bigrams(figure.subject);
    const clause = text.slice(clauseStart, figure.start);
    const marker = Math.max(...BREAKDOWN_WORDS.map((w) => clause.lastIndexOf(w)));
    let part: Evidence["part"];
    if (marker >= 0) {
      part = { marker: clauseStart + marker, head: bigrams(clause.slice(marker))[0] ?? "" };
    } else if (own.length === 0 && previous?.part) {
      // "不含港区…完成31.78亿元,同比增长2.2%": a clause without its own subject continues the part.
      part = previous.part;
    }
    const inheritedText = previous ? previous.figure.subject : "";
    evidence.push({
      figure,
      own: new Set(own),
      context: new Set([...own, ...bigrams(inheritedText)]),
      contextText: inheritedText + figure.subject,
      plan: PLAN_WORDS.some((w) => text.slice(clauseStart, figure.end).includes(w)),
      estimated: ESTIMATE_WORDS.some((w) => text.slice(sentenceStart, figure.end).includes(w)),
      period: periodOf(text.slice(sentenceStart, figure.start)),
      part,
    });
  });
  return evidence;
}

const sameUnit = (a: string, b: string) =>
  a !== "" && (a === b || UNIT_GROUPS.some((g) => g.includes(a) && g.includes(b)));
const isRelative = (kind: string) => kind === "growth" || kind === "decrease";

/** The figure's value as an actual for `target`, or null when kind or unit do not fit. */
function actualValue(target: ParsedTarget, figure: Figure): number | null {
  if (isRelative(target.kind) !== isRelative(figure.kind) || !sameUnit(target.unit, figure.unit)) return null;
  // "同比下降5.5%" against a growth target is a growth of −5.5 %.
  return isRelative(target.kind) && figure.kind !== target.kind ? -figure.value : figure.value;
}

interface Match {
  evidence: number;
  value: number;
  /** [names the subject's last words, weighted overlap] — higher is better. */
  rank: [number, number];
}

const compareRank = (a: Match, b: Match) => b.rank[0] - a.rank[0] || b.rank[1] - a.rank[1] || a.evidence - b.evidence;
const sameRank = (a: Match, b: Match) => a.rank[0] === b.rank[0] && a.rank[1] === b.rank[1];

function candidates(target: ParsedTarget, evidence: Evidence[]): Match[] {
  const subject = target.subject ?? "";
  const words = bigrams(subject);
  if (words.length === 0) return [];
  const wanted = new Set(words);
  const head = words[words.length - 1];
  const thresholds = subject.match(THRESHOLD) ?? [];
  const targetIsPart = subject.includes("其中");

  const found: Array<Match & { period?: number }> = [];
  evidence.forEach((e, index) => {
    if (e.plan || !thresholds.every((q) => e.contextText.includes(q))) return;
    // A part ("其中工业用地875亩") can only be the actual of a target naming that part.
    const partFits = e.part !== undefined && wanted.has(e.part.head);
    if ((targetIsPart || e.part) && !partFits) return;
    const value = actualValue(target, e.figure);
    if (value === null) return;
    const shared = [...wanted].filter((b) => e.context.has(b)).length;
    if (shared === 0 || shared * 3 < wanted.size) return;
    const ownShared = [...wanted].filter((b) => e.own.has(b)).length;
    found.push({ evidence: index, value, rank: [e.context.has(head) ? 1 : 0, ownShared * 2 + shared], period: e.period });
  });
  // Figures for an earlier period ("1-2月") give way to the latest cumulative one ("1-3月").
  const latest = Math.max(0, ...found.map((m) => m.period ?? 0));
  return found.filter((m) => m.period === undefined || m.period === latest).sort(compareRank);
}

/**
 * Actual values in `narrative` for `targets`: at most one per target, each narrative figure
 * used once. `value` is in the figure's own unit; a decrease reported against a growth
 * target (or the reverse) is given as a negative value.
 */
export function extractActuals(narrative: string, targets: ParsedTarget[]): Actual[] {
  const evidence = readNarrative(narrative);
  const lists = targets.map((t) => candidates(t, evidence));
  const pairs = lists.flatMap((list, targetIndex) => list.map((m) => ({ ...m, targetIndex }))).sort(compareRank);

  const used = new Set<number>();
  const settled = new Set<number>();
  const actuals: Actual[] = [];
  for (const pair of pairs) {
    if (settled.has(pair.targetIndex) || used.has(pair.evidence)) continue;
    settled.add(pair.targetIndex);
    const target = targets[pair.targetIndex];
    const rivals = lists[pair.targetIndex].filter((m) => m.evidence !== pair.evidence && !used.has(m.evidence));
    if (rivals.some((m) => sameRank(m, pair))) continue;
    // One part of several of the same unit ("其中超亿美元项目1个、10亿元以上内资项目7个") is not the whole.
    const marker = evidence[pair.evidence].part?.marker;
    const hasSibling =
      marker !== undefined &&
      evidence.some((e, i) => i !== pair.evidence && e.part?.marker === marker && actualValue(target, e.figure) !== null);
    if (hasSibling) continue;
    used.add(pair.evidence);
    const { figure, estimated } = evidence[pair.evidence];
    actuals.push({ targetIndex: pair.targetIndex, value: pair.value, unit: figure.unit, text: figure.text, estimated });
  }
  return actuals.sort((a, b) => a.targetIndex - b.targetIndex);
}
