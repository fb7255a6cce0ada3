/**
 * Parse numeric targets from task texts: one text per stdin line, one compact JSON array per
 * output line (keys kind, cmp, value, unit, text). Usage: npm run --silent targets < tasks.txt
 */
import { parseTargets } from "../lib/targets/parse";

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk: string) => (input += chunk));
process.stdin.on("end", () => {
  if (input === "") return;
  // A final newline ends the last line; it does not start an empty one.
  const lines = input.replace(/\r?\n$/, "").split(/\r?\n/);
  const out = lines.map((line) =>
    JSON.stringify(parseTargets(line).map(({ kind, cmp, value, unit, text }) => ({ kind, cmp, value, unit, text }))),
  );
  process.stdout.write(out.join("\n") + "\n");
});
