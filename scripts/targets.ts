/**
 * Parse numeric targets from task texts, one compact JSON array per text (keys kind, cmp,
 * value, unit, text), one per output line. The texts are the arguments
 * (npm run --silent targets -- "增长6%左右" "新增8000人"), or, with no argument, the lines of
 * standard input (npm run --silent targets < tasks.txt).
 */
import { parseTargets } from "../lib/targets/parse";

function print(texts: string[]): void {
  const out = texts.map((text) =>
    JSON.stringify(parseTargets(text).map(({ kind, cmp, value, unit, text: t }) => ({ kind, cmp, value, unit, text: t }))),
  );
  process.stdout.write(out.join("\n") + "\n");
}

const args = process.argv.slice(2);
if (args.length > 0) {
  print(args);
} else {
  let input = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk: string) => (input += chunk));
  process.stdin.on("end", () => {
    if (input === "") return;
    // A final newline ends the last line; it does not start an empty one.
    print(input.replace(/\r?\n$/, "").split(/\r?\n/));
  });
}
