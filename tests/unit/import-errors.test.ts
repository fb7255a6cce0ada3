import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError, parseDocument } from "@/lib/import";

const SEEDS = join(__dirname, "../../seeds");

function seedLines(prefix: string): string[] {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
  return readFileSync(join(SEEDS, name), "utf8").split("\n");
}

/** The seed with line n (1-based) replaced. */
function withLine(prefix: string, n: number, replacement: string): string {
  const lines = seedLines(prefix);
  lines[n - 1] = replacement;
  return lines.join("\n");
}

function importError(content: string): ImportError {
  try {
    parseDocument("test.txt", content);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error("expected an ImportError");
}

describe("files that cannot be imported", () => {
  it.each([[""], ["   \n\n\t"], ["\uFEFF\n"]])("an empty file (%j)", (content) => {
    const error = importError(content);
    expect(error.message).toBe("文件为空");
    expect(error.line).toBeNull();
  });

  it("a file of another kind", () => {
    const error = importError("会议纪要\n今天开会讨论了三件事。\n散会。");
    expect(error.message).toMatch(/^无法识别的文件格式/);
    expect(error.line).toBeNull();
  });
});

describe("quarterly table (000)", () => {
  it("a row with the wrong number of cells", () => {
    const error = importError(withLine("000", 37, "7 | 积极推进医疗服务价格、医保支付方式改革。 | 医保局 |"));
    expect(error.message).toBe("第37行:表格行应有5列,实际3列");
    expect(error.line).toBe(37);
  });

  it("a first data row without a leader", () => {
    const line2 = seedLines("000")[1].replace(/^周军波 \| /, "");
    const error = importError(withLine("000", 2, line2));
    expect(error.message).toBe("第2行:第一条数据行缺少分管市长姓名");
    expect(error.line).toBe(2);
  });

  it("a number repeated under the same leader", () => {
    const line11 = seedLines("000")[10].replace(/^6 \| /, "5 | ");
    const error = importError(withLine("000", 11, line11));
    expect(error.message).toBe("第11行:张斌 的序号 5 重复");
    expect(error.line).toBe(11);
  });

  it("a 序号 that is not a number", () => {
    const line7 = seedLines("000")[6].replace(/^2 \| /, "二 | ");
    expect(importError(withLine("000", 7, line7)).message).toBe("第7行:序号应为数字,实际为“二”");
  });

  it("a header without a needed column", () => {
    const error = importError("分管市长 | 主要工作任务 | 责任单位 |\n张斌 | 固定资产投资增长5%。 | 发改局 |");
    expect(error.message).toBe("第1行:表头缺少“序号”列");
    expect(error.line).toBe(1);
  });

  it("a header and nothing else", () => {
    expect(importError("分管市长 | 序号 | 主要工作任务 | 一季度完成情况 | 责任单位 |\n").message).toBe("第1行:表头之后没有数据行");
  });
});

describe("notice grouped by leader (003)", () => {
  const head = "2025年政府工作报告重点工作责任分解";

  it("a task before any leader heading", () => {
    const error = importError([head, "1.落实过紧日子要求。", "责任单位:市财政局", "一、李军市长牵头重点工作"].join("\n"));
    expect(error.message).toBe("第2行:任务之前没有分管领导标题");
    expect(error.line).toBe(2);
  });

  it("a number repeated under the same leader", () => {
    const error = importError(
      [head, "一、李军市长牵头重点工作", "1.甲。", "责任单位:市财政局", "1.乙。", "责任单位:市财政局"].join("\n"),
    );
    expect(error.message).toBe("第5行:李军 的序号 1 重复");
  });

  it("the same number under two leaders is fine", () => {
    const content = [head, "一、李军市长牵头重点工作", "1.甲。", "责任单位:市财政局", "二、齐力副市长牵头重点工作", "1.乙。", "责任单位:市教育局"].join("\n");
    expect(parseDocument("t.txt", content).tasks.map((t) => `${t.leader}${t.number}`)).toEqual(["李军1", "齐力1"]);
  });
});

describe("one-cell-per-line notice (001)", () => {
  const header = ["附件1", "", "2024年政府工作报告重点工作责任分解", "", "序号", "", "主  要  工  作  任  务", "", "责 任 单 位", ""];

  it("a repeated row number", () => {
    const error = importError([...header, "1", "甲。", "发改局", "1", "乙。", "财政局"].join("\n"));
    expect(error.message).toBe("第14行:“2024年政府工作报告重点工作责任分解”的序号 1 重复");
    expect(error.line).toBe(14);
  });

  it("a row number with no task", () => {
    const error = importError([...header, "1", "", "2", "乙。", "财政局"].join("\n"));
    expect(error.message).toBe("第11行:序号 1 缺少任务内容");
  });
});

describe("policy list (004)", () => {
  it("a row with the wrong number of cells", () => {
    const error = importError(withLine("004", 85, "7.支持企業高質量發展。 |"));
    expect(error.message).toBe("第85行:表格行应有4列,实际1列");
    expect(error.line).toBe(85);
  });

  it("a first data row without an area", () => {
    const line79 = seedLines("004")[78].replace(/^一、推進教育科技人才一體發展 \| /, "");
    const error = importError(withLine("004", 79, line79));
    expect(error.message).toBe("第79行:第一条数据行缺少领域");
  });
});
