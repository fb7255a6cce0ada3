import { readFileSync, readdirSync } from "node:fs";
import { parseDocument } from "@/lib/import";
for (const f of readdirSync("seeds").sort()) {
  const r = parseDocument(f, readFileSync(`seeds/${f}`, "utf8"));
  for (const t of r.tasks) console.log(`${f.slice(0,3)} ${t.parent ?? ""}.${t.number}\t${t.targets.map((g) => `${g.kind} ${g.cmp} ${g.value}${g.unit} [${g.text}] {${g.subject}}`).join(" ; ")}`);
}
