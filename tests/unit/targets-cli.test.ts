import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../..");

function run(args: string[], input?: string) {
  return spawnSync(join(ROOT, "node_modules/.bin/tsx"), ["scripts/targets.ts", ...args], { cwd: ROOT, encoding: "utf8", input });
}

// Each test starts tsx, which compiles the script first: a few seconds, more under load.
describe("tsx scripts/targets.ts (npm run targets)", { timeout: 30_000 }, () => {
  it("prints the targets of each argument, one JSON array per line", () => {
    const out = run(["增长６％", "新增城镇就业8000人以上,增长百分之六左右", "奋力夺取“大禹鼎”"]);
    expect(out.status).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      JSON.stringify([{ kind: "growth", cmp: ">=", value: 6, unit: "%", text: "增长6%" }]),
      JSON.stringify([
        { kind: "quantity", cmp: ">=", value: 8000, unit: "人", text: "8000人以上" },
        { kind: "growth", cmp: "~", value: 6, unit: "%", text: "增长百分之六左右" },
      ]),
      "[]",
      "",
    ]);
  });

  it("reads standard input, one text per line, when given no argument", () => {
    const out = run([], "增长6%左右\n新增2家\n");
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(
      `${JSON.stringify([{ kind: "growth", cmp: "~", value: 6, unit: "%", text: "增长6%左右" }])}\n${JSON.stringify([{ kind: "quantity", cmp: ">=", value: 2, unit: "家", text: "2家" }])}\n`,
    );
  });
});
