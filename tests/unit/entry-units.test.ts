import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument, type ParsedTarget } from "@/lib/import";
import { formatFigure, formatQuantity } from "@/lib/reporting/phrasing";
import { entryUnitNamed, entryUnitOf, toBase, toEntry } from "@/lib/reporting/units";

const SEEDS = join(__dirname, "../../seeds");

/** Every target the import parser finds in every seed document. */
const seedTargets: ParsedTarget[] = readdirSync(SEEDS)
  .filter((name) => name.endsWith(".txt"))
  .flatMap((name) => parseDocument(name, readFileSync(join(SEEDS, name), "utf8")).tasks.flatMap((task) => task.targets));

/**
 * Each unit of the seed documents' targets and the units its figures are entered in. A document
 * with a unit not listed here fails the test until someone decides how people type its figures.
 */
const ENTRY_UNITS: Record<string, string[]> = {
  "%": ["%"],
  个: ["个", "万个"],
  元: ["亿元", "万元", "元"],
  "分/千瓦时": ["分/千瓦时"],
  根: ["根"],
  家次: ["家次"],
  亩: ["亩", "万亩"],
  家: ["家"],
  "微克/立方米": ["微克/立方米"],
  户: ["户"],
  套: ["套"],
  场: ["场"],
  名: ["名", "万名"],
  美元: ["亿美元"],
  吨: ["万吨"],
  千瓦: ["万千瓦"],
  兆瓦: ["兆瓦"],
  人: ["人", "万人"],
  项: ["项"],
  平方米: ["万平方米"],
  件: ["件"],
  所: ["所"],
  条: ["条"],
  吨标准煤: ["万吨标准煤"],
  公里: ["公里"],
  处: ["处"],
  张: ["张"],
  人次: ["人次", "万人次"],
  支: ["支"],
  台: ["台"],
  间: ["间"],
  幢: ["幢"],
  // "7万以上" (an amount whose unit the text leaves implicit) is typed in 万.
  "": ["万"],
  标箱: ["标箱"],
  千瓦时: ["亿千瓦时"],
  方: ["亿方"],
};

describe("the entry unit of every target in the seed documents", () => {
  it("finds the targets", () => {
    expect(seedTargets.length).toBeGreaterThan(250);
  });

  it("knows every unit the seed documents use", () => {
    expect([...new Set(seedTargets.map((target) => target.unit))].sort()).toEqual(Object.keys(ENTRY_UNITS).sort());
  });

  it.each(seedTargets.map((target) => [target.text, target] as const))("%s: entered in the unit it is phrased in", (_text, target) => {
    const unit = entryUnitOf(target);
    expect(ENTRY_UNITS[target.unit]).toContain(unit.label);
    expect(unit.label).not.toBe("");
    expect([target.unit, `万${target.unit}`, `亿${target.unit}`]).toContain(unit.label);
    // The document wrote the figure in this unit ("6万千瓦" in 万千瓦, "800亿元以上" in 亿元), or in
    // full in the base unit ("30000人以上", phrased and entered as 3万人).
    expect(target.text.includes(unit.label) || target.text.includes(String(target.value))).toBe(true);
    // A scaled unit is one people type figures of a handful of digits in: 6, not 0.0006 or 60000.
    if (unit.exponent > 0) {
      expect(toEntry(target.value, unit)).toBeGreaterThanOrEqual(1);
      expect(toEntry(target.value, unit)).toBeLessThan(1e4);
    }
    // The target reads the same as a figure typed in its unit and as a phrased quantity.
    expect(toBase(toEntry(target.value, unit), unit)).toBe(target.value);
    expect(formatQuantity(target.value, target.unit)).toBe(`${toEntry(target.value, unit)}${unit.label}`);
    expect(formatFigure(target, target.value)).toBe(formatQuantity(target.value, target.unit));
    // A form that names this unit is read in it.
    expect(entryUnitNamed(target.unit, unit.label)).toEqual(unit);
  });

  it.each(Object.entries(ENTRY_UNITS).flatMap(([base, labels]) => labels.map((label) => [label, base] as const)))(
    "a figure typed in %s is stored in %s and reads back exactly as typed",
    (label, base) => {
      const unit = entryUnitNamed(base, label)!;
      for (const typed of [3.2, 0.07, 115.01, 1265, 0.000001, 2.36, 123456789012345]) {
        expect(toEntry(toBase(typed, unit), unit)).toBe(typed);
      }
    },
  );
});

describe("entry units", () => {
  it.each([
    [{ value: 60000, unit: "千瓦" }, "万千瓦", 32000, 3.2],
    [{ value: 8e10, unit: "元" }, "亿元", 3.5e8, 3.5],
    [{ value: 8e10, unit: "元" }, "亿元", 11501000000, 115.01],
    [{ value: 1265, unit: "套" }, "套", 980, 980],
    [{ value: 300000, unit: "人次" }, "万人次", 45000, 4.5],
    // A unit that already carries its multiplier, or a rate, is entered as it is.
    [{ value: 30000, unit: "万元" }, "万元", 12000, 12000],
    [{ value: 2.5, unit: "%" }, "%", 1.9, 1.9],
    [{ value: 0.4, unit: "个百分点" }, "个百分点", 0.3, 0.3],
    [{ value: 12000, unit: "元/辆" }, "元/辆", 8000, 8000],
  ])("%o is entered in %s: %d is typed as %d", (target, label, base, typed) => {
    const unit = entryUnitOf(target);
    expect(unit.label).toBe(label);
    expect(toEntry(base, unit)).toBe(typed);
    expect(toBase(typed, unit)).toBe(base);
  });

  it("is exact where multiplying floats is not", () => {
    const yi = entryUnitOf({ value: 8e10, unit: "元" });
    expect(1.1 * 1e8).not.toBe(110000000);
    expect(toBase(1.1, yi)).toBe(110000000);
    expect(toBase(0.07, entryUnitOf({ value: 60000, unit: "千瓦" }))).toBe(700);
  });

  it("reads a form in any scale of the target's base unit, and in no other unit", () => {
    expect(entryUnitNamed("千瓦", "千瓦")).toEqual({ label: "千瓦", exponent: 0 });
    expect(entryUnitNamed("千瓦", "万千瓦")).toEqual({ label: "万千瓦", exponent: 4 });
    expect(entryUnitNamed("元", "亿元")).toEqual({ label: "亿元", exponent: 8 });
    expect(entryUnitNamed("千瓦", "兆瓦")).toBeNull();
    expect(entryUnitNamed("千瓦", "")).toBeNull();
    // 万元 is never scaled again: "万万元" names nothing.
    expect(entryUnitNamed("万元", "万万元")).toBeNull();
    expect(entryUnitNamed("%", "万%")).toBeNull();
  });

  it("phrases a figure in its target's unit, so that it compares at a glance", () => {
    const solar = { value: 60000, unit: "千瓦" };
    expect(formatFigure(solar, 32000)).toBe("3.2万千瓦");
    expect(formatFigure(solar, 3000)).toBe("0.3万千瓦");
    expect(formatFigure({ value: 8e10, unit: "元" }, 11501000000)).toBe("115.01亿元");
    // Too small to show at the target's scale: written at its own.
    expect(formatFigure({ value: 8e10, unit: "元" }, 1)).toBe("1元");
    expect(formatFigure({ value: 1265, unit: "套" }, 20000)).toBe("20000套");
  });
});
