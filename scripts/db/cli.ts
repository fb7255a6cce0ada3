/**
 * Database migrations without Prisma's native engine (see ./engine.ts).
 *
 *   npm run db:migrate             apply pending migrations            (≈ prisma migrate deploy)
 *   npm run db:migration -- NAME   new migration from schema changes   (≈ prisma migrate dev --create-only --name NAME)
 *   npm run db:reset               empty the database, apply all       (≈ prisma migrate reset --skip-seed)
 *   npm run db:drift               does the database match schema.prisma? exit 2 if not
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations, createMigration, describeError, listMigrations, openEngine, resetDatabase } from "./engine";

const USAGE = `用法:
  db:migrate              应用所有未应用的迁移
  db:migration -- NAME    按 prisma/schema.prisma 的改动生成新迁移 prisma/migrations/<时间>_NAME/
  db:reset                清空数据库(含 _prisma_migrations)后重新应用全部迁移
  db:drift                比较数据库与 schema.prisma,不一致时输出差异 SQL 并以 2 退出
(命令本身:tsx scripts/db/cli.ts deploy | new NAME | reset | drift [--schema FILE] [--migrations DIR])`;

const log = (line: string) => console.log(line);

// Prisma's CLI heads such migrations with a "Warnings:" comment; the Wasm engine cannot evaluate
// data loss (it would need its own shadow database), so we point them out by pattern instead.
const RISKY_SQL = [
  /\bDROP (TABLE|COLUMN|TYPE|INDEX)\b/,
  /\bALTER COLUMN\b[^;]*\b(TYPE|SET NOT NULL)\b/,
  /\bADD COLUMN\b[^;,]*\bNOT NULL\b(?![^;,]*\bDEFAULT\b)/,
  /\bCREATE UNIQUE INDEX\b/,
  /\bALTER TYPE\b/,
];

function requireUrl(): string {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) {
    throw new Error(
      "未设置 DATABASE_URL,不知道要迁移哪个数据库。请先设置,例如\n" +
        "  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/luoshi npm run db:migrate",
    );
  }
  return url;
}

function reportApplied(names: string[]): void {
  if (names.length === 0) console.log("数据库已是最新,没有待应用的迁移。");
  for (const name of names) console.log(`已应用迁移: ${name}`);
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { schema: { type: "string" }, migrations: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const [command, ...rest] = values.help ? ["help"] : positionals;
  const options = { log, schemaPath: values.schema, migrationsDir: values.migrations };
  switch (command) {
    case "deploy":
      reportApplied(await applyMigrations(requireUrl(), options));
      return 0;
    case "new": {
      const name = rest.join(" ").trim();
      if (!name) throw new Error("请给出迁移名,例如:npm run db:migration -- add_targets");
      const created = await createMigration(requireUrl(), name, options);
      if (!created) {
        console.log("no changes:schema.prisma 与现有迁移一致,未生成迁移。");
        return 0;
      }
      console.log(`已生成迁移: ${path.relative(process.cwd(), path.join(created.directory, "migration.sql"))}`);
      const isFirst = listMigrations(path.dirname(created.directory)).length === 1;
      if (!isFirst && RISKY_SQL.some((pattern) => pattern.test(created.sql))) {
        console.log("注意:迁移含删除、改类型、加非空或唯一约束的语句,可能丢失数据或在已有数据上失败,请检查后再应用。");
      }
      console.log("用 npm run db:migrate 应用。");
      return 0;
    }
    case "reset":
      console.log("正在清空数据库……");
      reportApplied(await resetDatabase(requireUrl(), options));
      return 0;
    case "drift": {
      const engine = await openEngine(requireUrl(), options);
      let status, sql;
      try {
        status = await engine.migrationStatus();
        sql = await engine.schemaDrift();
      } finally {
        await engine.close();
      }
      const problems: [string, string[]][] = [
        ["尚未应用的迁移(npm run db:migrate)", status.pending],
        ["记录为失败的迁移(修正前部署会被拒绝;开发库可 npm run db:reset)", status.failed],
        ["应用后又被修改过的迁移", status.edited],
        ["数据库里有、迁移目录里没有的迁移", status.unknownInDatabase],
      ];
      for (const [label, names] of problems) if (names.length > 0) console.log(`${label}: ${names.join(", ")}`);
      if (!sql) {
        console.log("数据库结构与 schema.prisma 一致。");
      } else {
        console.log("数据库结构与 schema.prisma 不一致;使两者一致所需的 SQL:\n");
        console.log(sql.trimEnd());
      }
      return sql || problems.some(([, names]) => names.length > 0) ? 2 : 0;
    }
    case undefined:
    case "help":
      console.log(USAGE);
      return command ? 0 : 1;
    default:
      console.error(`未知命令“${command}”。\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`失败: ${describeError(error)}`);
    process.exitCode = 1;
  },
);
