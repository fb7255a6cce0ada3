import { parseChineseNumber } from "@/lib/text/numerals";
import { toSimplified } from "@/lib/units/aliases";
import type { LeadConvention } from "./types";

export function splitLines(content: string): string[] {
  return content.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
}

/** Removes all whitespace, for matching headers written with spaces ("责 任 单 位"). */
export function compact(text: string): string {
  return text.replace(/[\s\u3000]+/g, "");
}

/**
 * True when converting to simplified changes a noticeable share of the Chinese
 * characters. A few characters change even in simplified text (著 → 着), so a
 * single changed character is not enough.
 */
export function isTraditional(content: string): boolean {
  const sample = content.slice(0, 20000);
  const converted = toSimplified(sample);
  let cjk = 0;
  let changed = 0;
  for (let i = 0; i < sample.length && i < converted.length; i++) {
    if (/[\u4e00-\u9fff]/.test(sample[i])) {
      cjk++;
      if (sample[i] !== converted[i]) changed++;
    }
  }
  return cjk > 0 && changed / cjk > 0.02;
}

/** "一、" style heading: number and rest, or null. */
export function chineseHeading(line: string): { number: number; rest: string } | null {
  const m = /^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.+)$/.exec(line.trim());
  if (!m) return null;
  const n = parseChineseNumber(m[1]);
  return n === null ? null : { number: n, rest: m[2].trim() };
}

const GOV = "[\\u4e00-\\u9fa5]{2,4}?[市县区]";

/**
 * The issuing government: a line that starts with "平湖市人民政府…" (notice title,
 * signature, "平湖市人民政府代市长") wins; otherwise the most frequent two-character
 * "XX市人民政府" in the text; otherwise the most frequent "XX市" name inside 《》 titles.
 */
export function detectGovernment(lines: string[]): string | null {
  const lead = new RegExp(`^(${GOV})人民政府`);
  for (const line of lines) {
    const m = lead.exec(line.trim());
    if (m) return m[1];
  }
  const counts = new Map<string, number>();
  const bump = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  const text = lines.join("\n");
  for (const m of text.matchAll(/([\u4e00-\u9fa5]{2}[市县区])人民政府/g)) bump(m[1]);
  if (counts.size === 0) {
    for (const m of text.matchAll(/《([\u4e00-\u9fa5]{2}[市县区])/g)) bump(m[1]);
  }
  let best: string | null = null;
  for (const [name, n] of counts) if (best === null || n > counts.get(best)!) best = name;
  return best;
}

export function firstYear(text: string): number | null {
  const m = /(20\d{2})\s*年/.exec(text);
  return m ? Number(m[1]) : null;
}

/** Where a document states how its lead units are marked, and the words it uses. */
export interface FoundLeadRule {
  convention: LeadConvention;
  line: number; // 1-based
  source: string; // "第10行:“列第一位的为牵头单位”"
}

const FIRST_LISTED_RULE = /[列排](?:在)?第一位的?为牵头[^,,;;。))]*/;
const STAR_NOTE = /带?\s*[“"]?★[”"]?\s*的?为牵头单位/;

/**
 * How the document marks lead units, and the line that says so: the remark of 003/004
 * ("列第一位的为牵头…单位") means first listed; a note such as 001's "带“★”的为牵头单位", or
 * else ★ marks on units (000), mean star. Null when the document does not say: then the
 * office chooses (LeadChoice), the import never assumes.
 */
export function findLeadRule(lines: string[]): FoundLeadRule | null {
  const at = (test: RegExp | ((line: string) => boolean)) =>
    lines.findIndex((line) => (typeof test === "function" ? test(line) : test.test(line)));
  const first = at(FIRST_LISTED_RULE);
  if (first >= 0) {
    const words = FIRST_LISTED_RULE.exec(lines[first])![0];
    return { convention: "first_listed", line: first + 1, source: `第${first + 1}行:“${words}”` };
  }
  const note = at(STAR_NOTE);
  if (note >= 0) {
    return { convention: "star", line: note + 1, source: `第${note + 1}行:“${STAR_NOTE.exec(lines[note])![0].trim()}”` };
  }
  const starred = at((line) => line.includes("★"));
  if (starred >= 0) return { convention: "star", line: starred + 1, source: `第${starred + 1}行起:单位前的“★”标记` };
  return null;
}

/** A notice's signature, date or release note: "温州市人民政府办公室", "2025年2月20日", "(此件公开发布)". */
export function isSignatureLine(line: string): boolean {
  const c = compact(line);
  return /^20\d{2}年\d{1,2}月\d{1,2}日$/.test(c) || /^[\u4e00-\u9fa5]{2,20}(人民政府|办公室|委员会)$/.test(c) || /^[((]此件[^()()]*[))]$/.test(c);
}

/** Whether a line states a lead rule (a notice may repeat its note under each annex table). */
export function statesLeadRule(line: string): boolean {
  return FIRST_LISTED_RULE.test(line) || STAR_NOTE.test(line);
}

/** The lead convention a document states, or null (see findLeadRule). */
export function detectLeadConvention(text: string): LeadConvention | null {
  return findLeadRule(splitLines(text))?.convention ?? null;
}

export const SENTENCE_END = /[。;;!!??]$/;

// 市长, 常务副市长, 副县长, 副区长, 秘书长 …
export const LEADER_TITLE = "(?:(?:常务)?副?[市县区州省]长(?:助理)?|副?秘书长)";

/** "张斌" or "张斌副市长" → name and title; null when the text is not a person's name. */
export function splitLeader(text: string): { name: string; title: string | null } | null {
  const m = new RegExp(`^([\\u4e00-\\u9fa5·]{2,4}?)(${LEADER_TITLE})?$`).exec(compact(text));
  return m ? { name: m[1], title: m[2] ?? null } : null;
}

/** Most frequent "20xx年" in the text, for documents without a title. */
export function commonYear(text: string): number | null {
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/(20\d{2})\s*年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  let best: number | null = null;
  for (const [year, n] of counts) if (best === null || n > counts.get(best)!) best = year;
  return best;
}

export function pipeCount(line: string): number {
  return (line.match(/\|/g) ?? []).length;
}

/** Cells of a "a | b | c |" row; the outer pipes are borders, not empty cells. */
export function pipeCells(line: string): string[] {
  let s = line.trim();
  if (s.startsWith("|")) s = s.slice(1);
  if (s.endsWith("|")) s = s.slice(0, -1);
  return s.split("|").map((c) => c.trim());
}

/**
 * A notice's own title: the "…关于印发…的通知" line, else the single document named
 * in the "《…》已经市政府同意,现印发给你们" sentence; null when neither is there.
 */
export function noticeTitle(lines: string[]): string | null {
  const notice = lines.find((l) => /关于.+通知$/.test(compact(l)));
  if (notice) return notice.trim();
  const issued = lines.find((l) => /已经.{0,8}同意|现印发/.test(l));
  const named = issued ? [...issued.matchAll(/《([^》]+)》/g)].map((m) => m[1]) : [];
  return named.length === 1 ? named[0] : null;
}
