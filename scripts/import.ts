/**
 * Import a plan document: a .docx, .xlsx, PDF with a text layer, .csv/.tsv or text file.
 *   tsx scripts/import.ts FILE             import into DATABASE_URL (idempotent) and summarise
 *   tsx scripts/import.ts --dry-run FILE   print what would be imported, as JSON
 *   --lead=first_listed|all_lead|none      how lead units are read where the document does not say
 *   --map "列名=内容,…"                      the fields of the columns of a table whose header is not recognised
 *                                          (as the import page offers them: 任务, 牵头单位 … or task, lead …);
 *                                          remembered on success, and a remembered mapping is used unasked
 * Exit codes: 0 ok, 1 the file could not be imported (message on stderr), 2 bad usage.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { createPrismaClient } from "@/lib/db/factory";
import { ImportError, LEAD_CHOICES, leadChoiceMissing, type ColumnMapping, type LeadChoice, type ParseResult } from "@/lib/import";
import { readSource } from "@/lib/import/files";
import { mappingHelp, mappingsFromOption, parseMapOption, readWithMappings, rememberMappings } from "@/lib/import/mappings";
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

const USAGE = [
  "用法:npm run import -- [--dry-run] [--lead=first_listed|all_lead|none] [--map \"列名=内容,…\"] 文件",
  "  不带 --dry-run 时写入 DATABASE_URL 指定的数据库",
  "  --lead:文件未说明牵头单位认定方式时必须指定(列第一位牵头/所列均牵头/不认定)",
  "  --map:表头未能识别的表格各列对应的内容,如 --map \"任务内容=任务,责任处室=配合单位/责任单位\";导入成功后记住,下次表头相同的文件自动使用",
].join("\n");

interface Options {
  dryRun: boolean;
  leadChoice: LeadChoice | null;
  map: string | null;
  file: string;
}

/** The command line's options, or null when it is not one this script takes. --map takes its value after "=" or as the next argument. */
function options(argv: string[]): Options | null {
  const files: string[] = [];
  let dryRun = false;
  let lead: string | null = null;
  let map: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--dry-run") dryRun = true;
    else if (arg.startsWith("--lead=")) lead = arg.slice("--lead=".length);
    else if (arg.startsWith("--map=")) map = arg.slice("--map=".length);
    else if (arg === "--map" && i + 1 < argv.length) map = argv[++i];
    else if (arg.startsWith("--")) return null;
    else files.push(arg);
  }
  const leadChoice = (LEAD_CHOICES as readonly string[]).includes(lead ?? "") ? (lead as LeadChoice) : null;
  if (files.length !== 1 || (lead !== null && !leadChoice)) return null;
  return { dryRun, leadChoice, map, file: files[0] };
}

export async function main(argv: string[]): Promise<number> {
  const opts = options(argv);
  if (!opts) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { dryRun, leadChoice, file } = opts;
  const entries = opts.map === null ? null : parseMapOption(opts.map);
  if (entries && !entries.ok) {
    process.stderr.write(`${entries.message}\n`);
    return 2;
  }
  if (!dryRun && !process.env.DATABASE_URL) {
    process.stderr.write("未设置 DATABASE_URL,不知道导入到哪个数据库。\n");
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    process.stderr.write(`无法读取文件:${file}\n`);
    return 1;
  }
  // A dry run reads no database unless one is given: then it uses the mappings remembered there too.
  const prisma = process.env.DATABASE_URL ? createPrismaClient() : null;
  try {
    // Any file type the import page takes (.docx, .xlsx, PDF, CSV/TSV, text), its type read from its content.
    const source = await readSource(basename(file), bytes);
    // --map names columns of the tables whose headers are not recognised: which those are, the file alone says.
    let given: ColumnMapping[] = [];
    if (entries) {
      const { tables } = await readWithMappings(null, source, leadChoice, []);
      const mapped = mappingsFromOption(entries.entries, tables);
      if (!mapped.ok) {
        process.stderr.write(`${mapped.message}\n`);
        return 1;
      }
      given = mapped.mappings;
    }
    const read = await readWithMappings(prisma, source, leadChoice, given);
    const unmapped = read.tables.filter((table) => !table.applied);
    if (!read.ok) {
      process.stderr.write(`无法导入:${read.message}\n${unmapped.length > 0 ? `${mappingHelp(unmapped, file)}\n` : ""}`);
      return 1;
    }
    const { result } = read;
    // A table left unread beside those read is named among the warnings; how to read it is said here.
    const help = unmapped.length > 0 ? `${mappingHelp(unmapped, file)}\n` : "";
    if (dryRun) {
      process.stdout.write(`${JSON.stringify(dryRunSummary(result), null, 2)}\n`);
      process.stderr.write(help);
      return 0;
    }
    const missing = leadChoiceMissing(result);
    if (missing) {
      process.stderr.write(`${missing}(命令行:--lead=first_listed|all_lead|none)\n`);
      return 1;
    }
    // The mappings the file was read by are remembered with the import, as the import page does.
    const outcome = await persistImport(prisma!, result, { inTransaction: (tx) => rememberMappings(tx, read) });
    process.stdout.write(outcomeSummary(basename(file), outcome, result));
    if (read.applied.length > 0) process.stdout.write(`  列对应:已按${read.applied.length}个表格的列对应读取,并已记住\n`);
    process.stderr.write(help);
    return 0;
  } catch (error) {
    if (error instanceof ImportError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await prisma?.$disconnect();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
