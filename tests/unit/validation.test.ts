import { describe, expect, it } from "vitest";
import { safeCallback } from "@/lib/auth/callback";
import { targetCorrectionSchema } from "@/lib/zod/corrections";
import { IMPORT_MAX_BYTES, IMPORT_TOO_LARGE, importFormValues, importInputSchema } from "@/lib/zod/import";
import { periodInputSchema } from "@/lib/zod/periods";
import { remindInputSchema, reportFormValues, reportInputSchema, reviewInputSchema } from "@/lib/zod/progress";
import { createUserSchema } from "@/lib/zod/users";

/** What a form may not carry to the database, and the messages people get instead. */
const report = (fields: Record<string, unknown>) =>
  reportInputSchema.safeParse({ taskId: "1", periodId: "1", version: "0", narrative: "", qualitativeStatus: null, actuals: {}, intent: "save", ...fields });
const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues.map((issue) => issue.message) ?? [];

describe("text fields", () => {
  it("treat a narrative of nothing but invisible characters as empty, so submitting it asks for text", () => {
    const result = report({ narrative: "\u200B\u200C\u200D\uFEFF \u3000", intent: "submit" });
    expect(messages(result)).toEqual(["提交前请填写完成情况"]);
    // Direction marks, a soft hyphen, bidi controls: invisible too.
    expect(messages(report({ narrative: "\u200E\u00AD\u202E\u2061", intent: "submit" }))).toEqual(["提交前请填写完成情况"]);
    expect(report({ narrative: "\u200B\u200B" }).data?.narrative).toBe("");
  });

  it("keep the text between the invisible edges as typed", () => {
    expect(report({ narrative: "\u200B 完成投资3.2亿元。\n下一步加快进度。\uFEFF" }).data?.narrative).toBe("完成投资3.2亿元。\n下一步加快进度。");
  });

  it("refuse control characters such as NUL with a message, in every text field", () => {
    const control = "含有无法保存的控制字符(可能来自复制粘贴),请删除后再试";
    expect(messages(report({ narrative: "完成\u0000投资" }))).toEqual([control]);
    expect(messages(reviewInputSchema.safeParse({ reportId: "1", version: "1", decision: "return", comment: "请\u0007补充" }))).toContain(control);
    expect(messages(remindInputSchema.safeParse({ periodId: "1", unitId: "1", note: "\u001b[31m" }))).toContain(control);
    expect(
      messages(createUserSchema.safeParse({ username: "abc", displayName: "张\u0000三", role: "office", unitId: "", leaderName: "", password: "a-long-password" })),
    ).toContain(control);
    // Tabs and line breaks are text.
    expect(report({ narrative: "一\t二\r\n三" }).success).toBe(true);
  });

  it("take a file of 1.6 MB, and refuse one over 10 MB, or an empty one, with the app's own message", () => {
    const file = (bytes: number) => ({ fileName: "通知.docx", file: new Blob([new Uint8Array(bytes)]) });
    expect(importInputSchema.safeParse(file(1_600_000)).success).toBe(true);
    expect(importInputSchema.safeParse(file(IMPORT_MAX_BYTES)).success).toBe(true);
    expect(messages(importInputSchema.safeParse(file(IMPORT_MAX_BYTES + 1)))).toEqual([IMPORT_TOO_LARGE]);
    expect(messages(importInputSchema.safeParse(file(0)))).toEqual(["文件为空"]);
    expect(messages(importInputSchema.safeParse({ fileName: "通知.txt", file: "分管市长 | 序号" }))).toEqual(["请选择文件"]);
  });

  it("take the file and its name from the form the import page sends", () => {
    const form = new FormData();
    form.set("file", new File(["x"], "通知.xlsx"));
    const values = importFormValues(form);
    expect(values.fileName).toBe("通知.xlsx");
    expect(importInputSchema.safeParse(values).success).toBe(true);
    expect(messages(importInputSchema.safeParse(importFormValues(new FormData())))).toEqual(["请选择文件", "请选择文件"]);
  });

  it("take the lead rule the office chose from the form, and none where it chose none", () => {
    const form = new FormData();
    form.set("file", new File(["x"], "清单.txt"));
    form.set("leadChoice", "all_lead");
    expect(importInputSchema.parse(importFormValues(form)).leadChoice).toBe("all_lead");
    form.delete("leadChoice");
    expect(importInputSchema.parse(importFormValues(form)).leadChoice).toBeUndefined();
    form.set("leadChoice", "everyone");
    expect(messages(importInputSchema.safeParse(importFormValues(form)))).toEqual(["请选择牵头单位的认定方式"]);
  });
});

describe("figures", () => {
  it("refuse a 30-digit figure with a message instead of storing it", () => {
    expect(messages(report({ actuals: { "7": "1".repeat(30) } }))).toEqual(["数字过大或小数位过多(最多 15 位整数、6 位小数),请核对"]);
    expect(report({ actuals: { "7": "123,456,789,012,345" } }).data?.actuals).toEqual({ "7": 123456789012345 });
    expect(messages(report({ actuals: { "7": "1.1234567" } }))).toHaveLength(1);
  });

  it("hold for a target the office corrects: no 30-digit value, no negative quantity", () => {
    const correction = (value: string, kind = "quantity") => targetCorrectionSchema.safeParse({ targetId: "1", kind, comparator: "gte", value, unit: "个" });
    expect(messages(correction("9".repeat(400)))).toContain("数字过大或小数位过多(最多 15 位整数、6 位小数),请核对");
    expect(messages(correction("-5"))).toEqual(["数量目标不能为负数"]);
    expect(correction("-5", "growth").success).toBe(true);
    expect(correction("60000").data?.value).toBe(60000);
  });

  it("read each figure with the unit it was typed in, and the findings the user confirmed", () => {
    const form = new FormData();
    for (const [key, value] of [["taskId", "3"], ["periodId", "4"], ["version", "0"], ["narrative", "进展"], ["actual.7", "3.2"], ["unit.7", "万千瓦"], ["actual.8", ""], ["unit.8", "兆瓦"], ["confirmed", "提交前请确认:缺少数据:6兆瓦以上"], ["intent", "submit"]]) {
      form.append(key, value);
    }
    const parsed = reportInputSchema.parse(reportFormValues(form));
    expect(parsed).toMatchObject({ actuals: { "7": 3.2, "8": null }, units: { "7": "万千瓦", "8": "兆瓦" }, confirmed: "提交前请确认:缺少数据:6兆瓦以上", intent: "submit" });
  });
});

describe("the sign-in callback", () => {
  it.each(["/my", "/tasks/12?x=1#history", "/plans/3/table/2"])("follows a path on this site: %s", (path) => {
    expect(safeCallback(path)).toBe(path);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "/.//evil.example",
    "/a/..//evil.example",
    "/%2e%2e//evil.example",
    "/./\\evil.example",
    "/\u0000x",
    " /my",
    "javascript:alert(1)",
  ])("refuses %j", (value) => {
    expect(safeCallback(value)).toBeNull();
  });

  it("keeps whatever it follows on this site, as a browser reads it", () => {
    for (const value of ["/%5Cevil", "/a/../b", "/./my", "/%2F%2Fevil.example"]) {
      const followed = safeCallback(value);
      expect(followed, value).not.toBeNull();
      expect(followed!.startsWith("//"), value).toBe(false);
      expect(new URL(followed!, "https://luoshi.example").host, value).toBe("luoshi.example");
    }
  });

  it("ignores what is not one string", () => {
    expect(safeCallback(["/my", "/review"])).toBeNull();
    expect(safeCallback(undefined)).toBeNull();
  });
});

describe("ids and days", () => {
  it("refuse an id beyond PostgreSQL's integer, which could name no row", () => {
    expect(messages(report({ taskId: "2147483648" }))).toEqual(["没有这个任务"]);
    // Past the safe integers too: still the one message, not "缺少任务" beside it.
    expect(messages(report({ taskId: "12345678901234567890" }))).toEqual(["没有这个任务"]);
    expect(messages(report({ taskId: "1.5" }))).toEqual(["缺少任务"]);
    expect(report({ taskId: "2147483647" }).success).toBe(true);
  });

  it("refuse a day that does not exist instead of rolling it over", () => {
    const period = (opensOn: string, dueOn: string) => periodInputSchema.safeParse({ planId: "1", quarter: "1", opensOn, dueOn });
    expect(messages(period("2025-02-30", "2025-03-15"))).toEqual(["日期无效"]);
    expect(messages(period("2025-03-01", "2025-13-01"))).toEqual(["日期无效"]);
    expect(period("2024-02-29", "2024-03-15").success).toBe(true);
  });

  it("give one message for a figure that is not a number", () => {
    expect(messages(report({ actuals: { "7": "=1+1" } }))).toEqual(["请输入数字,例如 115.01"]);
  });
});
