import * as OpenCC from "opencc-js";

// tw→cn maps 領域/爭取/責任單位/發改局 correctly and also turns 著力 into 着力.
const toSimplifiedChars = OpenCC.Converter({ from: "tw", to: "cn" });

export function toSimplified(text: string): string {
  return toSimplifiedChars(text);
}

/**
 * Official names and the abbreviations documents use for the same office. Keys are the
 * canonical names; values are other spellings seen after the 市 prefix is gone. Only standard
 * abbreviations belong here, and only between names of one organisation type
 * (organisationType): a city's 发展改革委 is a commission, another city's 发改局 a bureau, and
 * neither is ever filed under the other's name. Anything a reviewer should decide (e.g.
 * 消防救援局 vs 消防救援大队) stays a separate unit and shows up in newUnits.
 */
const SYNONYMS: Record<string, string[]> = {
  发改局: ["发展和改革局", "发展改革局"],
  发展改革委: ["发改委", "发展和改革委员会", "发展改革委员会"],
  人社局: ["人力社保局", "人力资源和社会保障局", "人力资源社会保障局"],
  卫生健康局: ["卫健局"],
  卫生健康委: ["卫健委", "卫生健康委员会", "卫生和健康委员会"],
  市府办: ["市政府办公室", "政府办公室", "市政府办"],
  经信局: ["经济和信息化局"],
  社会工作部: ["社工部"],
  综合执法局: ["综合行政执法局"],
  市场监管局: ["市场监督管理局"],
};

/**
 * The kind of organisation a name ends in: 委员会 and its short form 委 are one type, 办公室 and
 * 办 another; otherwise the last character (局, 部, 中心's 心 …).
 */
export function organisationType(name: string): string {
  if (/委(员会)?$/.test(name)) return "委";
  if (/办(公室)?$/.test(name)) return "办";
  return name.slice(-1);
}

const SYNONYM_TO_CANONICAL = new Map<string, string>();
for (const [canonical, others] of Object.entries(SYNONYMS)) {
  for (const other of others) {
    // A wrong entry here would silently rename one kind of office into another: refuse to load.
    if (organisationType(other) !== organisationType(canonical)) throw new Error(`${other} 与 ${canonical} 不是同一类机构`);
    SYNONYM_TO_CANONICAL.set(other, canonical);
  }
}

/** The abbreviations the built-in table gives for a canonical name: 发展改革委 → 发改委. */
function shortFormsOf(canonical: string): string[] {
  return (SYNONYMS[canonical] ?? []).filter((other) => other.length < canonical.length);
}

/**
 * Whether a name stands for several units rather than one: 各镇街道, 各县(市、区)政府,
 * 市政府各部门, 市属各单位, …领导小组成员单位, 有关单位. A group is shown on its tasks but never
 * leads and is not expected to file.
 */
export function isUnitGroup(raw: string): boolean {
  const name = normalizeUnitText(raw);
  return /^各/.test(name) || /各(级|有关|相关|直属)?(单位|部门|镇|街道|乡|县|区|市|地)/.test(name) || /成员单位$/.test(name) || /^(市级|县级|区级)?(有关|相关)(单位|部门)$/.test(name);
}

// The level prefix a city (county, district) document puts before its own units, and
// names where that character is part of the word: 市场监管局, 市府办, 县城…, 区域….
const LEVEL_PREFIXES: Record<string, string[]> = {
  市: ["市场", "市府", "市政府", "市属", "市级", "市直", "市区", "市镇"],
  县: ["县城", "县府", "县政府", "县属", "县级", "县直", "县域"],
  区: ["区府", "区政府", "区属", "区级", "区直", "区域", "区块"],
};

const OPEN_BRACKETS = "(([〈<【〔﹙";
const CLOSE_BRACKETS = "))]〉>】〕﹚";
const LEAD_MARKS = /^[★☆*＊※▲△●◆]+/;

/** Simplified characters, no spaces, full-width brackets, no ★ or trailing separators. */
export function normalizeUnitText(raw: string): string {
  let s = toSimplified(raw).replace(/[\s\u200b\u3000]+/g, "");
  s = s.replace(LEAD_MARKS, "").replace(/[、,,;;。.]+$/, "");
  let out = "";
  for (const ch of s) {
    if (OPEN_BRACKETS.includes(ch)) out += "(";
    else if (CLOSE_BRACKETS.includes(ch)) out += ")";
    else out += ch;
  }
  return out;
}

/** Splits "组织部(人才办)" into base "组织部" and ["人才办"]; brackets inside a name stay. */
function splitTrailingBracket(name: string): { base: string; inner: string | null } {
  const m = /^(.+?)\(([^()]+)\)$/.exec(name);
  if (!m) return { base: name, inner: null };
  return { base: m[1], inner: m[2] };
}

function stripCityPrefix(name: string): string {
  const level = name[0];
  const keep = LEVEL_PREFIXES[level];
  if (!keep) return name;
  // 市委组织部 → 组织部, but 市委办 is the party committee office itself.
  if (name[1] === "委") return name.length > 3 ? name.slice(2) : name;
  if (name.length > 2 && !keep.some((p) => name.startsWith(p))) return name.slice(1);
  return name;
}

/** The name as spelled, without the 市 prefix: 市人力社保局 → 人力社保局. */
function spelledBase(name: string): string {
  return SYNONYM_TO_CANONICAL.has(name) ? name : stripCityPrefix(name);
}

function canonicalBase(name: string): string {
  const spelled = spelledBase(name);
  return SYNONYM_TO_CANONICAL.get(spelled) ?? spelled;
}

/**
 * The one name a unit is filed under: 市财政局 → 财政局, 市发展改革委 → 发展改革委 (never 发改局,
 * a bureau), 发展和改革局 → 发改局,
 * 組織部<人才辦> → 组织部, 市市场监管局 → 市场监管局, 市府办 stays 市府办.
 */
export function canonicalUnitName(raw: string): string {
  const { base } = splitTrailingBracket(normalizeUnitText(raw));
  return canonicalBase(base);
}

/**
 * Other names a raw spelling gives for its unit: the bracketed part (组织部(人才办) →
 * 人才办), the long form an abbreviation replaced (人力社保局 for 人社局) and the built-in
 * abbreviations of the unit's name (发改委 for 发展改革委).
 */
export function unitAliasesOf(raw: string): string[] {
  const { base, inner } = splitTrailingBracket(normalizeUnitText(raw));
  const aliases: string[] = [];
  const spelled = spelledBase(base);
  const canonical = canonicalBase(base);
  if (spelled !== canonical) aliases.push(spelled);
  for (const short of shortFormsOf(canonical)) if (!aliases.includes(short)) aliases.push(short);
  // 各县(市、区) style brackets list places, they are not another name of the unit.
  if (inner && !/[、,,]/.test(inner)) aliases.push(spelledBase(inner));
  return aliases;
}

export interface UnitRecord {
  name: string;
  aliases: string[];
}

export interface UnitMatch {
  record: UnitRecord;
  created: boolean;
}

/**
 * Units known so far, each one record reachable through its name and aliases.
 * Lookups compare canonical forms, so a record stored as "人力社保局" still matches
 * "市人力资源和社会保障局".
 */
export class UnitDirectory {
  private readonly byKey = new Map<string, UnitRecord>();
  private readonly all: UnitRecord[] = [];

  constructor(records: Iterable<{ name: string; aliases?: readonly string[] }> = []) {
    for (const r of records) this.add(r.name, r.aliases ?? []);
  }

  get records(): readonly UnitRecord[] {
    return this.all;
  }

  clone(): UnitDirectory {
    return new UnitDirectory(this.all.map((r) => ({ name: r.name, aliases: [...r.aliases] })));
  }

  find(raw: string): UnitRecord | undefined {
    const normalized = normalizeUnitText(raw);
    if (!normalized) return undefined;
    // Only the main name decides: "宣传部(网信办)" is 宣传部 even when 网信办 is a unit of its own.
    return this.byKey.get(canonicalUnitName(normalized)) ?? this.byKey.get(normalized);
  }

  /**
   * Adds a unit under the name given (a stored unit keeps its name), or merges the
   * aliases into the record the name already matches.
   */
  add(name: string, aliases: readonly string[] = []): UnitRecord {
    const existing = this.find(name);
    const record = existing ?? { name: normalizeUnitText(name), aliases: [] };
    if (!existing) {
      this.all.push(record);
      this.index(canonicalUnitName(name), record);
      this.index(record.name, record);
    }
    for (const alias of [...unitAliasesOf(name), ...aliases]) this.addAlias(record, alias);
    return record;
  }

  /** Finds the unit for a raw name, creating it when no record matches. */
  resolve(raw: string): UnitMatch {
    const found = this.find(raw);
    if (found) {
      for (const alias of unitAliasesOf(raw)) this.addAlias(found, alias);
      return { record: found, created: false };
    }
    return { record: this.add(canonicalUnitName(raw), unitAliasesOf(raw)), created: true };
  }

  private addAlias(record: UnitRecord, alias: string): void {
    const spelled = spelledBase(splitTrailingBracket(normalizeUnitText(alias)).base);
    if (!spelled || spelled === record.name || record.aliases.includes(spelled)) return;
    // An alias already pointing at another unit would make lookups ambiguous.
    const other = this.byKey.get(canonicalUnitName(spelled)) ?? this.byKey.get(spelled);
    if (other && other !== record) return;
    record.aliases.push(spelled);
    this.index(canonicalUnitName(spelled), record);
    this.index(spelled, record);
  }

  private index(key: string, record: UnitRecord): void {
    if (key && !this.byKey.has(key)) this.byKey.set(key, record);
  }
}
