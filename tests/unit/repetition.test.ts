import { describe, expect, it } from "vitest";
import { previousReportOf, repeatOfPrevious, type ComparedReport } from "@/lib/reports/repeats";
import { MIN_REPEATED_PASSAGE, repetitionOf } from "@/lib/text/repetition";

const marked = (text: string, earlier: string, minLength?: number) =>
  repetitionOf(text, earlier, minLength)
    .segments.filter((segment) => segment.repeated)
    .map((segment) => segment.text);

describe("how much of a text repeats an earlier one", () => {
  it("counts a text copied whole as all repeated", () => {
    const text = "一季度全市新增光伏装机1.2万千瓦,储能项目完成备案3个。";
    expect(repetitionOf(text, text)).toMatchObject({ share: 1, repeated: text.length, length: text.length });
    expect(marked(text, text)).toEqual([text]);
  });

  it("counts nothing for a new text, and nothing against an empty earlier one", () => {
    expect(repetitionOf("上半年新增光伏装机3.5万千瓦。", "一季度召开专题会议两次。")).toMatchObject({ share: 0, repeated: 0 });
    expect(repetitionOf("上半年新增光伏装机3.5万千瓦。", "")).toMatchObject({ share: 0, repeated: 0 });
    expect(repetitionOf("", "什么")).toMatchObject({ share: 0, length: 0, segments: [] });
  });

  it("marks the repeated passage where it stands, with the new text around it unmarked", () => {
    const earlier = "今年以来,我局坚持会前学法,推动领导干部学法常态化、制度化。一季度审查文件13件。";
    const text = "二季度审查文件21件。我局坚持会前学法,推动领导干部学法常态化、制度化。";
    expect(marked(text, earlier)).toEqual(["我局坚持会前学法,推动领导干部学法常态化、制度化。"]);
    const result = repetitionOf(text, earlier);
    expect(result.repeated).toBe("我局坚持会前学法,推动领导干部学法常态化、制度化。".length);
    expect(result.segments.map((segment) => segment.text).join("")).toBe(text);
  });

  it("finds passages moved to another place in the text", () => {
    const first = "召开推进会议三次,协调解决问题十二个。";
    const second = "完成项目签约五个,总投资额达到八十亿元。";
    const result = repetitionOf(second + first, first + second);
    expect(result.share).toBe(1);
  });

  it("ignores passages shorter than the minimum, however common", () => {
    // "深入贯彻落实" (6) and "一季度以来" (5) are phrasing, not a copy.
    expect(repetitionOf("深入贯彻落实省委部署,二季度以来成效明显", "深入贯彻落实市委决定,一季度以来稳步推进").repeated).toBe(0);
    expect(MIN_REPEATED_PASSAGE).toBe(10);
    expect(marked("abcdefghij-x", "abcdefghij")).toEqual(["abcdefghij"]);
    expect(marked("abcdefghi-x", "abcdefghi")).toEqual([]);
    expect(marked("abcdefghi-x", "abcdefghi", 9)).toEqual(["abcdefghi"]);
  });

  it("is not fooled by line breaks, spaces or full-width forms", () => {
    const earlier = "1-3月全市完成固定资产投资230亿元,同比增长6.2%。";
    const text = "1-3月全市完成固定资产\n投资230亿元, 同比增长6.2%。";
    const result = repetitionOf(text, earlier);
    expect(result.share).toBe(1);
    // Whitespace does not count as text, and within a passage it is marked with it.
    expect(result.length).toBe(Array.from(earlier).length);
    expect(marked(text, earlier)).toEqual([text]);
  });

  it("refuses a minimum that is not a positive whole number", () => {
    expect(() => repetitionOf("a", "a", 0)).toThrow(RangeError);
  });
});

describe("the report a narrative is compared with", () => {
  const report = (quarter: number, fields: Partial<ComparedReport> = {}): ComparedReport => ({ taskId: 1, unitId: 7, quarter, state: "published", narrative: `第${quarter}季度的文字,足够长的一段说明。`, ...fields });

  it("is the same unit's report on the same task in the latest earlier quarter that was filed", () => {
    const candidates = [report(1), report(2, { state: "returned" }), report(3), report(2, { unitId: 8 }), report(2, { taskId: 2 })];
    expect(previousReportOf(report(4), candidates)).toBe(candidates[2]);
    expect(previousReportOf(report(3), candidates)).toBe(candidates[0]);
    expect(previousReportOf(report(1), candidates)).toBeNull();
  });

  it("gives the share and the quarter compared with, or nothing without an earlier text", () => {
    const earlier = report(1, { narrative: "召开推进会议三次,协调解决问题十二个。" });
    expect(repeatOfPrevious(report(2, { narrative: "召开推进会议三次,协调解决问题十二个。" }), [earlier])).toMatchObject({ quarter: 1, share: 1 });
    expect(repeatOfPrevious(report(2), [report(1, { narrative: " " })])).toBeNull();
    expect(repeatOfPrevious(report(2), [])).toBeNull();
  });
});
