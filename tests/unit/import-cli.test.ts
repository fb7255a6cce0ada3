import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/import";
import { dryRunSummary } from "@/lib/import/summary";

const ROOT = join(__dirname, "../..");
const seedPath = (prefix: string) => join(ROOT, "seeds", readdirSync(join(ROOT, "seeds")).find((f) => f.startsWith(prefix))!);

function run(...args: string[]) {
  return spawnSync(join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/import.ts", ...args], { cwd: ROOT, encoding: "utf8" });
}

describe("dryRunSummary", () => {
  it("reduces units to name and lead", () => {
    const path = seedPath("003");
    const summary = dryRunSummary(parseDocument("003.txt", readFileSync(path, "utf8")));
    expect(Object.keys(summary)).toEqual(["plan", "tasks", "warnings", "leadRule", "leadChoice", "leadRuleNeeded", "leadEffect", "newUnits"]);
    expect(summary.leadRule).toEqual({ convention: "first_listed", source: "第17行:“列第一位的为牵头或汇总单位”", line: 17 });
    expect(summary.tasks[0]).toEqual({
      leader: "李军",
      number: "1",
      kind: "key",
      parent: null,
      text: "发挥省高端装备产业基金和科创母基金撬动作用,完善投早、投小、投长期、投硬科技政策体系,更好赋能科技创新成果落地转化。",
      units: [
        { name: "财政局", lead: true },
        { name: "经信局", lead: false },
        { name: "科技局", lead: false },
      ],
      targets: expect.any(Array),
      deadline: null,
      dueOn: null,
      deadlineWarning: null,
    });
  });

  it("gives each task's 完成时限 as read, the date it is due by, and why none was taken where it could not be read", () => {
    const summary = dryRunSummary(
      parseDocument(
        "台州.txt",
        [
          "台州市人民政府办公室关于印发2025年重点工作任务分解的通知",
          "一、重点工作",
          "1. 新开工亿元以上产业项目100个。(责任单位:市经信局)",
          "完成时限:6月底前",
          "2. 新建改造城乡公园20个。(责任单位:市住建局)",
          "完成时限:尽快",
          "3. 新增养老床位2000张。(责任单位:市民政局)",
        ].join("\n"),
      ),
    );
    expect(summary.tasks.map(({ deadline, dueOn, deadlineWarning }) => ({ deadline, dueOn, deadlineWarning }))).toEqual([
      { deadline: "6月底前", dueOn: "2025-06-30", deadlineWarning: null },
      { deadline: "尽快", dueOn: null, deadlineWarning: "完成时限“尽快”未能识别为日期,序时进度按年底计,请核对" },
      { deadline: null, dueOn: null, deadlineWarning: null },
    ]);
  });
});

// Each test starts tsx, which compiles the script first: about 3 s on a quiet machine, more under load.
describe("tsx scripts/import.ts --dry-run", { timeout: 30_000 }, () => {
  it("prints the parse as JSON and exits 0", () => {
    const out = run("--dry-run", seedPath("001"));
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout) as { plan: unknown; tasks: { kind: string; parent: string; number: string }[]; newUnits: string[] };
    expect(json.plan).toMatchObject({ year: 2024, government: "平湖市", sourceFile: expect.stringMatching(/^001_/) });
    expect(json.tasks).toHaveLength(145);
    expect(json.tasks.find((t: { kind: string; parent: string; number: string }) => t.kind === "livelihood" && t.parent === "10" && t.number === "2")).toMatchObject({
      leader: null,
      units: [
        { name: "文旅体局", lead: true },
        { name: "文旅集团", lead: false },
      ],
    });
    expect(json.newUnits).toContain("发改局");
  });

  it("prints an ImportError to stderr and exits 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "import-cli-"));
    const empty = join(dir, "empty.txt");
    writeFileSync(empty, "");
    const out = run("--dry-run", empty);
    expect(out.status).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr.trim()).toBe("文件为空");
  });

  it("reads the office's lead rule from --lead where the file states none, and refuses an unknown one", () => {
    const dir = mkdtempSync(join(tmpdir(), "import-cli-"));
    const file = join(dir, "list.txt");
    writeFileSync(file, ["海盐县人民政府", "争取上级政策事项清单(2031年)", "领域 | 争取事项 | 具体目标 | 责任单位 |", "一、产业 | 1.争取资金。 | 争取1亿元。 | 经信局、财政局 |"].join("\n"));
    const out = run("--dry-run", "--lead=all_lead", file);
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout) as { leadRule: unknown; leadChoice: string; tasks: Array<{ units: Array<{ lead: boolean }> }> };
    expect(json).toMatchObject({ leadRule: null, leadChoice: "all_lead" });
    expect(json.tasks[0].units.map((unit) => unit.lead)).toEqual([true, true]);
    const bad = run("--dry-run", "--lead=maybe", file);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--lead/);
  });

  it("exits 2 with usage when no file is given", () => {
    const out = run("--dry-run");
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/用法/);
  });
});
