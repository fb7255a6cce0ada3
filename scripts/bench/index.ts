/**
 * `npm run bench`: every benchmark, each in a process of its own (so that one's warm caches and
 * JIT do not flatter the next), one after another even when one misses its target.
 *   npm run bench              the overview dashboard's data, the import, the pages, then the portal
 *   npm run bench -- import    only the named ones (overview, import, pages, portal)
 * Exit code: the worst of theirs (0 all met their targets, 1 one missed, 2 one could not run).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BENCHES = { overview: "overview.ts", import: "import.ts", pages: "pages.ts", portal: "portal.ts" } as const;
type Bench = keyof typeof BENCHES;

const here = path.dirname(fileURLToPath(import.meta.url));
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in BENCHES));
if (unknown.length) {
  console.error(`未知的基准测试: ${unknown.join("、")}(可选: ${Object.keys(BENCHES).join("、")})`);
  process.exit(2);
}
const chosen = (asked.length ? asked : Object.keys(BENCHES)) as Bench[];

let worst = 0;
for (const name of chosen) {
  console.log(`\n===== ${name} =====`);
  // The same node and loader flags (tsx, --conditions=react-server) as this process.
  const run = spawnSync(process.execPath, [...process.execArgv, path.join(here, BENCHES[name])], { stdio: "inherit" });
  worst = Math.max(worst, run.status ?? 2);
}
process.exit(worst);
