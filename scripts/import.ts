/**
 * Import a plan document: a .docx, .xlsx, PDF with a text layer, .csv/.tsv or text file.
 *   tsx scripts/import.ts FILE             import into DATABASE_URL (idempotent) and summarise
 *   tsx scripts/import.ts --dry-run FILE   print what would be imported, as JSON
 *   --lead=first_listed|all_lead|none      how lead units are read where the document does not say
 * Exit codes: 0 ok, 1 the file could not be imported (message on stderr), 2 bad usage.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { createPrismaClient } from "@/lib/db/factory";
import { ImportError, LEAD_CHOICES, leadChoiceMissing, parseSource, type LeadChoice, type ParseResult } from "@/lib/import";
import { readSource } from "@/lib/import/files";
import { persistImport, type ImportOutcome } from "@/lib/import/persist";
import { dryRunSummary, figuresKeptLines } from "@/lib/import/summary";

export function outcomeSummary(file: string, outcome: ImportOutcome, result: ParseResult): string {
  const { tasks } = outcome;
  const lines = [
    `${file}:${result.plan.year}年 ${result.plan.government}「${result.plan.title}」${outcome.planCreated ? "(新计划)" : ""}`,
    `  任务:新增 ${tasks.created},更新 ${tasks.updated},删除 ${tasks.removed},未变 ${tasks.unchanged}`,
    `  进度报告:新增 ${outcome.reportsCreated}`,
  ];
  if (outcome.unitsCreated.length > 0) lines.push(`  新单位(请核对):${outcome.unitsCreated.join("、")}`);
  for (const line of figuresKeptLines(outcome.figuresKept)) lines.push(`  ${line}`);
  if (result.leadRule) lines.push(`  牵头单位认定:依据${result.leadRule.source}`);
  else if (result.leadChoice) lines.push(`  牵头单位认定:文件未说明,按所选“${result.leadChoice}”`);
  // The message names its line already ("第12行:…").
  for (const warning of result.warnings) lines.push(`  提示:${warning.message}`);
  return `${lines.join("\n")}\n`;
}

const USAGE =
  "用法:npm run import -- [--dry-run] [--lead=first_listed|all_lead|none] 文件\n  不带 --dry-run 时写入 DATABASE_URL 指定的数据库\n  --lead:文件未说明牵头单位认定方式时必须指定(列第一位牵头/所列均牵头/不认定)";

export async function main(argv: string[]): Promise<number> {
  const dryRun = argv.includes("--dry-run");
  const files = argv.filter((a) => !a.startsWith("--"));
  const leadArg = argv.find((a) => a.startsWith("--lead="))?.slice("--lead=".length);
  const leadChoice = (LEAD_CHOICES as readonly string[]).includes(leadArg ?? "") ? (leadArg as LeadChoice) : null;
  if (files.length !== 1 || (leadArg !== undefined && !leadChoice) || argv.some((a) => a.startsWith("--") && a !== "--dry-run" && !a.startsWith("--lead="))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const [file] = files;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    process.stderr.write(`无法读取文件:${file}\n`);
    return 1;
  }
  try {
    // Any file type the import page takes (.docx, .xlsx, PDF, CSV/TSV, text), its type read from its content.
    const result = parseSource(await readSource(basename(file), bytes), undefined, leadChoice);
    if (dryRun) {
      process.stdout.write(`${JSON.stringify(dryRunSummary(result), null, 2)}\n`);
      return 0;
    }
    if (!process.env.DATABASE_URL) {
      process.stderr.write("未设置 DATABASE_URL,不知道导入到哪个数据库。\n");
      return 2;
    }
    const missing = leadChoiceMissing(result);
    if (missing) {
      process.stderr.write(`${missing}(命令行:--lead=first_listed|all_lead|none)\n`);
      return 1;
    }
    const prisma = createPrismaClient();
    try {
      process.stdout.write(outcomeSummary(basename(file), await persistImport(prisma, result), result));
    } finally {
      await prisma.$disconnect();
    }
    return 0;
  } catch (error) {
    if (error instanceof ImportError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
