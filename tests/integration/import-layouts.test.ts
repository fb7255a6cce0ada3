import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseDocument, type ParseResult } from "@/lib/import";
import { ParseContext } from "@/lib/import/context";
import { parseHeaderTable } from "@/lib/import/header-table";
import { persistImport } from "@/lib/import/persist";
import { NOTICE, PROGRESS_TSV, SHEET } from "../fixtures/layout-samples";

/**
 * Documents in the new layouts are stored as the seeds are: every task under a number unique in its
 * leader's list (numbers restarting per section are told apart), with its lead units, targets and,
 * for a progress table, the quarter's progress.
 */

let prisma: PrismaClient;

beforeAll(() => {
  prisma = createPrismaClient();
});
afterAll(async () => {
  await prisma?.$disconnect();
});

async function storedTasks(planId: number) {
  const tasks = await prisma.task.findMany({
    where: { planId },
    orderBy: { sourceLine: "asc" },
    include: { leader: true, units: { include: { unit: true }, orderBy: { position: "asc" } }, targets: true },
  });
  return tasks.map((t) => ({
    leader: t.leader?.name ?? null,
    number: t.number,
    units: t.units.map((u) => (u.isLead ? `★${u.unit.name}` : u.unit.name)),
    targets: t.targets.length,
  }));
}

/** A table's parse as parseSource will hand it over: the context's warnings, units and new units added. */
function tableResult(fileName: string): ParseResult {
  const ctx = new ParseContext(fileName, [], null);
  // Another government than the seeds', so that the test does not depend on what other files imported.
  const rows = SHEET.rows.map((r, i) => r.map((c) => (i === 6 && c === "李军" ? "" : c.replace("嘉兴市", "舟山市"))));
  const out = parseHeaderTable({ ...SHEET, rows }, ctx);
  return {
    ...out,
    plan: { ...out.plan, sourceFile: fileName, format: "header-table" },
    warnings: ctx.warnings,
    newUnits: ctx.newUnits(),
    units: ctx.documentUnits(),
    leadRule: null,
    leadChoice: null,
    leadRuleNeeded: ctx.leadRuleNeeded,
  };
}

describe("importing the layouts beyond the five seeds", () => {
  it("stores another city's numbered notice with its leads and targets", async () => {
    // The notice states no lead rule and lists several units in one list ("责任单位:A、B"): the
    // import waits for the office's choice, then follows it.
    const unchosen = parseDocument(NOTICE.fileName, NOTICE.lines.join("\n"));
    expect(unchosen.leadRuleNeeded).toBe(true);
    await expect(persistImport(prisma, unchosen)).rejects.toThrow("须先选择认定方式");
    const result = parseDocument(NOTICE.fileName, NOTICE.lines.join("\n"), undefined, "first_listed");
    const outcome = await persistImport(prisma, result);
    expect(outcome.tasks.created).toBe(9);
    const tasks = await storedTasks(outcome.planId);
    expect(tasks.map((t) => t.number)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    expect(tasks.every((t) => t.units.filter((u) => u.startsWith("★")).length >= 1)).toBe(true);
    expect(tasks.map((t) => t.units.length)).toEqual([1, 2, 2, 3, 2, 1, 3, 2, 3]);
    expect(tasks.map((t) => t.targets)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // Importing the same document again changes nothing.
    const again = await persistImport(prisma, parseDocument(NOTICE.fileName, NOTICE.lines.join("\n"), undefined, "first_listed"));
    expect(again.tasks).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 9 });
  });

  it("stores a table whose numbering restarts per section under one leader", async () => {
    const result = tableResult("清单.xlsx");
    const outcome = await persistImport(prisma, result);
    // Unit names as the directory resolves them; leads and order as the parse decided them.
    const parsedUnits = result.tasks.map((t) => t.units.map((u) => (u.lead ? `★${u.name}` : u.name)));
    expect(parsedUnits.map((list) => list.filter((u) => u.startsWith("★")).length)).toEqual([1, 1, 1, 1]);
    expect(await storedTasks(outcome.planId)).toEqual([
      { leader: "张斌", number: "1-1", units: parsedUnits[0], targets: 1 },
      { leader: "张斌", number: "1-2", units: parsedUnits[1], targets: 1 },
      { leader: "张斌", number: "2-1", units: parsedUnits[2], targets: 1 },
      { leader: "张斌", number: "2-2", units: parsedUnits[3], targets: 1 },
    ]);
  });

  it("stores a tab-separated progress table with the quarter's progress", async () => {
    const outcome = await persistImport(prisma, parseDocument("进度.tsv", PROGRESS_TSV.replace("平湖市", "海宁市")));
    expect(outcome.planCreated).toBe(true);
    expect(outcome.tasks.created).toBe(3);
    // 发改局 and 统计局 on task 1, the lead units of tasks 2 and 3.
    expect(outcome.reportsCreated).toBe(4);
    const period = await prisma.reportingPeriod.findFirstOrThrow({ where: { planId: outcome.planId } });
    expect(period.quarter).toBe(1);
  });
});
