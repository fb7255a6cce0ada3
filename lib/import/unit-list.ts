import type { LeadConvention } from "./types";

const OPEN = "((<〈【[〔";
const CLOSE = "))>〉】]〕";
// Remarks written inside unit lists: "(列第一位的为牵头或汇总单位,下同)".
const REMARK = /列第一位|排第一位|为牵头|汇总单位|下同/;
const STAR = /^\s*[★☆*＊]/;

/** Splits on the separators that sit outside brackets (各县(市、区)政府 stays whole). */
export function splitOutside(text: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (OPEN.includes(ch)) depth++;
    if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && separators.includes(ch)) {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

function removeRemarks(text: string): string {
  let out = "";
  let depth = 0;
  let group = "";
  for (const ch of text) {
    if (OPEN.includes(ch)) depth++;
    if (depth > 0) group += ch;
    else out += ch;
    if (CLOSE.includes(ch) && depth > 0) {
      depth--;
      if (depth === 0) {
        if (!REMARK.test(group)) out += group;
        group = "";
      }
    }
  }
  return out + group;
}

/**
 * "南湖区、秀洲区、嘉善县政府" names three governments: the shared 政府 is written once.
 * Only applied when every other item is a bare place name.
 */
function distributeGovernment(items: string[]): string[] {
  const last = items[items.length - 1];
  if (items.length < 2 || !/[市县区]政府$/.test(last)) return items;
  const places = items.slice(0, -1);
  if (!places.every((p) => /^[\u4e00-\u9fa5]{1,6}[市县区]$/.test(p.replace(STAR, "")))) return items;
  return [...places.map((p) => `${p}政府`), last];
}

/** Raw unit names as written (★ kept), remarks dropped. */
export function splitUnitList(text: string): string[] {
  const cleaned = removeRemarks(text.replace(/^\s*责任单位\s*[::]/, ""));
  const names: string[] = [];
  for (const group of splitOutside(cleaned, ",,;;")) {
    if (REMARK.test(group)) continue;
    names.push(...distributeGovernment(splitOutside(group, "、/")));
  }
  return names.filter((n) => n.replace(STAR, "").trim() !== "");
}

export function isStarred(raw: string): boolean {
  return STAR.test(raw);
}

/**
 * Which listed units lead, per DOMAIN.md: starred units lead; with no star, a
 * first-listed document makes the first one lead and a star document makes every
 * listed unit lead (which covers the single-unit case too).
 */
export function leadFlags(raws: string[], convention: LeadConvention): boolean[] {
  const starred = raws.map(isStarred);
  if (starred.some(Boolean)) return starred;
  if (convention === "first_listed") return raws.map((_, i) => i === 0);
  return raws.map(() => true);
}

// How unit names end: 局, 办, 委, 中心, 集团, 镇, 街道, 政府, a closing bracket (组织部(人才办)) …
const UNIT_END = /(局|委|办|部|会|联|院|中心|集团|公司|所|队|站|社|行|关|室|处|馆|团|镇|街道|区|县|市|政府|指挥部|单位|部门|小组|署|司|[))>〉])$/;

export function looksLikeUnitName(name: string): boolean {
  const s = name.replace(STAR, "").trim();
  return s.length >= 2 && s.length <= 25 && UNIT_END.test(s);
}

/**
 * Whether a line is (part of) a unit list rather than task text. A list wrapped
 * onto the next line may end mid-name ("…、自然资源和" / "规划局、建设局"), so the
 * last item of a multi-item line need not look complete.
 */
export function looksLikeUnitLine(line: string): boolean {
  const s = line.trim().replace(STAR, "");
  if (!s || s.length > 150 || /[。;;::!!??%《》]/.test(s)) return false;
  const parts = splitOutside(s, "、,,");
  if (parts.some((p) => p.length > 25)) return false;
  if (parts.length === 1) return looksLikeUnitName(parts[0]);
  const complete = /[、,,]$/.test(s) ? parts : parts.slice(0, -1);
  return complete.every(looksLikeUnitName);
}

/** Joins the lines of a wrapped unit list, adding 、 only where a line ended on a whole name. */
export function joinWrappedUnits(lines: string[]): string {
  return lines.reduce((joined, next) => {
    const line = next.trim();
    if (!joined) return line;
    const wholeName = !/[、,,]$/.test(joined) && looksLikeUnitName(splitOutside(joined, "、,,").pop() ?? "");
    return joined + (wholeName && !/^[((<〈]/.test(line) ? "、" : "") + line;
  }, "");
}
