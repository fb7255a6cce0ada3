"use client";

import { useActionState, useState } from "react";
import type { commitImportAction } from "@/app/actions/import/commit-import";
import type { previewImportAction } from "@/app/actions/import/preview-import";
import { FormMessage } from "@/components/use-form-action";
import { describeUnitMatch } from "@/lib/import/summary";
import { MAPPED_FIELDS, MAPPED_FIELD_LABELS, NOT_IMPORTED_LABEL, type ColumnMapping, type MappedField, type TableToMap } from "@/lib/import/types";
import { dueDayLabel } from "@/lib/progress/deadline";
import { describeTarget } from "@/lib/reporting/phrasing";
import { comparatorCodes } from "@/lib/targets/labels";
import { taskKindLabels } from "@/lib/tasks/labels";
import { IMPORT_ACCEPT, IMPORT_MAX_BYTES, IMPORT_MAX_LABEL, IMPORT_TOO_LARGE, IMPORT_TYPES_LABEL } from "@/lib/zod/import";

type PreviewResult = Awaited<ReturnType<typeof previewImportAction>>;
type CommitResult = Awaited<ReturnType<typeof commitImportAction>>;

/** What the server said of the file itself (too large, empty), shown beside the file input. */
function fileErrors(result: { ok: boolean; errors?: Record<string, string[]> } | null): string | null {
  const errors = result && !result.ok ? result.errors : undefined;
  // No file at all is said of both fields: once is enough.
  const messages = [...new Set([...(errors?.file ?? []), ...(errors?.fileName ?? [])])];
  return messages.length ? messages.join(";") : null;
}

const conventionLabels = { star: "★ 标注牵头单位", first_listed: "列第一位的为牵头单位" } as const;

/** The office's choices where the document states no lead rule, and what each does to it. */
const leadChoiceLabels = {
  first_listed: "列第一位的为牵头单位",
  all_lead: "所列单位均为牵头单位",
  none: "不认定牵头单位",
} as const;

function leadChoiceEffect(choice: keyof typeof leadChoiceLabels, effect: { tasks: number; units: number }): string {
  if (choice === "first_listed") return `${effect.tasks} 项多单位任务各 1 个牵头单位`;
  if (choice === "all_lead") return `${effect.tasks} 项多单位任务的 ${effect.units} 个单位都牵头`;
  return `文件不标牵头;每项任务须有一个牵头单位,暂以列第一位的代为牵头,请导入后在任务页逐项核定`;
}

type Choices = Record<string, Array<MappedField | null>>;

/** The mappings to send: only tables given a task column; the others the office leaves skipped. */
function mappingsToSend(tables: TableToMap[], choices: Choices): ColumnMapping[] {
  return tables
    .map((table) => ({ signature: table.signature, fields: choices[table.signature] ?? table.fields }))
    .filter((mapping) => mapping.fields.includes("task"));
}

const sameFields = (a: Array<MappedField | null>, b: Array<MappedField | null>) => a.length === b.length && a.every((field, i) => field === b[i]);

export function ImportPanel({ preview, commit }: { preview: typeof previewImportAction; commit: typeof commitImportAction }) {
  const [file, setFile] = useState<File | null>(null);
  // The file the preview on screen was made from: the import sends this same file again (nothing is kept on the
  // server between the two), and choosing another file hides the preview of the last one.
  const [previewedFile, setPreviewedFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  // Tables whose headers were not recognised, as the last preview of tablesFile offered them, and the office's
  // choice of field per column (preselected by the server: the mapping sent, the one remembered, or a guess).
  const [tables, setTables] = useState<TableToMap[]>([]);
  const [tablesFile, setTablesFile] = useState<File | null>(null);
  const [choices, setChoices] = useState<Choices>({});
  const [previewed, previewAction, previewing] = useActionState<PreviewResult | null, FormData>(async (_previous, form) => {
    // React empties the form's file input after each submission; the file chosen is kept here and sent from here.
    if (file) form.set("file", file, file.name);
    form.set("mappings", JSON.stringify(file !== null && file === tablesFile ? mappingsToSend(tables, choices) : []));
    setPreviewedFile(file);
    const result = await preview(null, form);
    // A failure without tables (a mapping lacking a task or unit column) keeps the selects as they were, to be put right.
    if ("tables" in result) {
      setTables(result.tables);
      setChoices(Object.fromEntries(result.tables.map((table) => [table.signature, table.fields])));
      setTablesFile(file);
    }
    return result;
  }, null);
  const [committed, commitAction, committing] = useActionState<CommitResult | null, FormData>((_previous, form) => {
    if (previewedFile) form.set("file", previewedFile, previewedFile.name);
    return commit(null, form);
  }, null);
  const summary = previewed?.ok && previewedFile !== null && previewedFile === file ? previewed.summary : null;
  const shownTables = file !== null && file === tablesFile ? tables : [];
  // The import is read by the mappings the preview on screen was read by; changed selects need a new preview first.
  const appliedMappings = shownTables.filter((table) => table.applied).map((table) => ({ signature: table.signature, fields: table.fields }));
  const mappingChanged = shownTables.some((table) => !sameFields(choices[table.signature] ?? table.fields, table.fields));

  // A document that names no 完成时限 (the seeds) needs no column for it.
  const withDeadlines = summary?.tasks.some((task) => task.deadline !== null) ?? false;
  const leaders = summary
    ? [...summary.tasks.reduce((counts, task) => counts.set(task.leader ?? "(无分管领导)", (counts.get(task.leader ?? "(无分管领导)") ?? 0) + 1), new Map<string, number>())]
    : [];

  return (
    <div className="space-y-4">
      <form id="import-preview" action={previewAction} className="card space-y-3">
        <label className="block">
          <span className="font-medium">选择文件</span>
          <input
            type="file"
            name="file"
            accept={IMPORT_ACCEPT}
            className="mt-1 block w-full text-sm"
            aria-describedby="import-file-hint import-file-problem"
            onChange={(event) => {
              const chosen = event.target.files?.[0];
              // Checked here, before the upload, to spare sending a file the server will refuse.
              const tooLarge = chosen !== undefined && chosen.size > IMPORT_MAX_BYTES;
              setFileProblem(tooLarge ? IMPORT_TOO_LARGE : null);
              setFile(chosen && !tooLarge ? chosen : null);
            }}
          />
          <span id="import-file-hint" className="mt-1 block text-sm text-stone-600">
            {IMPORT_TYPES_LABEL};每个文件最多 {IMPORT_MAX_LABEL}。扫描件或图片 PDF 没有文字,无法读取。
          </span>
        </label>
        {file && <p className="text-sm">已选择:{file.name}</p>}
        {(fileProblem ?? fileErrors(previewed) ?? fileErrors(committed)) && (
          <p id="import-file-problem" role="alert" className="field-error">
            {fileProblem ?? fileErrors(previewed) ?? fileErrors(committed)}
          </p>
        )}
        <button type="submit" disabled={!file || previewing} className="btn-primary">
          {previewing ? "正在解析…" : "预览"}
        </button>
        {previewed && !previewed.ok && <FormMessage result={previewed} />}
      </form>

      {shownTables.length > 0 && (
        // Outside the form: React resets a form after its action, which would put the selects back to their first option.
        <div className="card space-y-3">
          {shownTables.map((table) => (
            <fieldset key={table.signature} className="rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="column-mapping">
              <legend className="font-medium">表格“{table.name}”的列对应</legend>
              <p className="mb-2 text-stone-700">
                {table.remembered
                  ? "已按上次导入同样表头的文件时的对应预选,可修改。"
                  : table.applied
                    ? "按所选对应读取。"
                    : "表头无法识别:请为各列选择对应的内容(至少“任务”和一个单位列),再点“按所选对应预览”。"}
              </p>
              <div className="flex flex-wrap gap-3">
                {table.header.map((cell, index) => (
                  <label key={index} className="block">
                    <span className="block">
                      第{index + 1}列“{cell || "(空)"}”
                    </span>
                    <select
                      className="mt-1 rounded border border-stone-300 bg-white p-1"
                      value={choices[table.signature]?.[index] ?? ""}
                      onChange={(event) => {
                        const value = event.target.value;
                        setChoices((current) => {
                          const fields = [...(current[table.signature] ?? table.fields)];
                          fields[index] = value === "" ? null : (value as MappedField);
                          return { ...current, [table.signature]: fields };
                        });
                      }}
                    >
                      <option value="">{NOT_IMPORTED_LABEL}</option>
                      {MAPPED_FIELDS.map((field) => (
                        <option key={field} value={field}>
                          {MAPPED_FIELD_LABELS[field]}
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          <button type="submit" form="import-preview" disabled={!file || previewing} className="btn-secondary">
            按所选对应预览
          </button>
        </div>
      )}

      {summary && (
        <section aria-labelledby="preview-heading" className="space-y-3">
          <h2 id="preview-heading" className="text-lg font-medium">
            预览:{summary.plan.year}年 {summary.plan.government} · {summary.plan.title}
          </h2>
          <p className="text-sm text-stone-600">
            共 {summary.tasks.length} 项 ·{" "}
            {Object.entries(taskKindLabels)
              .map(([kind, label]) => [label, summary.tasks.filter((task) => task.kind === kind).length] as const)
              .filter(([, count]) => count > 0)
              .map(([label, count]) => `${label} ${count}`)
              .join(" · ")}{" "}
            · {summary.leadRule || summary.leadChoice || !summary.leadRuleNeeded ? conventionLabels[summary.plan.leadConvention] : "牵头单位认定方式待选择"}
            {summary.plan.period ? ` · 含${summary.plan.period.year}年第${summary.plan.period.quarter}季度进展` : ""}
          </p>
          {summary.leadRule && (
            <p className="text-sm" data-testid="lead-rule">
              牵头单位认定:{conventionLabels[summary.leadRule.convention]}(依据文件{summary.leadRule.source})
            </p>
          )}
          {leaders.length > 0 && (
            <p className="text-sm">
              {leaders.map(([leader, count]) => `${leader} ${count}`).join("、")}
            </p>
          )}
          {summary.newUnits.length > 0 && (
            <p className="rounded bg-amber-50 p-2 text-sm text-amber-900">
              新单位 {summary.newUnits.length} 个(导入后将新建,请核对是否为已有单位的别名):{summary.newUnits.join("、")}
            </p>
          )}
          {summary.matchedUnits.length > 0 && (
            <details className="text-sm">
              <summary className="cursor-pointer">
                已有单位 {summary.matchedUnits.length} 个(导入时归入已有记录
                {summary.matchedUnits.some((match) => match.alias !== null) ? ",其中部分经别名对应" : ""})
              </summary>
              <p className="mt-1">{summary.matchedUnits.map(describeUnitMatch).join("、")}</p>
            </details>
          )}
          {summary.warnings.length > 0 && (
            <ul className="rounded bg-amber-50 p-2 text-sm text-amber-900">
              {summary.warnings.map((warning, index) => (
                <li key={index}>
                  {warning.message}
                </li>
              ))}
            </ul>
          )}
          <div className="max-h-[32rem] overflow-auto rounded border border-stone-200 bg-white">
            <table className="w-full min-w-[48rem] text-sm">
              <caption className="sr-only">将导入的任务</caption>
              <thead className="sticky top-0 bg-stone-100 text-left">
                <tr>
                  <th scope="col" className="p-2">分管领导</th>
                  <th scope="col" className="p-2">序号</th>
                  <th scope="col" className="p-2">任务</th>
                  <th scope="col" className="p-2">责任单位</th>
                  <th scope="col" className="p-2">识别的目标</th>
                  {withDeadlines && <th scope="col" className="p-2">完成时限</th>}
                </tr>
              </thead>
              <tbody>
                {summary.tasks.map((task, index) => (
                  <tr key={index} className="border-t border-stone-100 align-top">
                    <td className="p-2 whitespace-nowrap">{task.leader ?? "—"}</td>
                    <td className="p-2">{task.parent ? `${task.parent}.${task.number}` : task.number}</td>
                    <td className="p-2">{task.text}</td>
                    <td className="p-2">{task.units.map((unit) => `${unit.lead ? "★" : ""}${unit.name}${"group" in unit ? "(群组)" : ""}`).join("、")}</td>
                    <td className="p-2">
                      {task.targets.map((target) => describeTarget({ ...target, comparator: comparatorCodes[target.cmp] })).join(";") || "—"}
                    </td>
                    {withDeadlines && (
                      <td className="p-2" data-testid="task-deadline">
                        {task.deadline ? (
                          <>
                            {task.deadline}
                            {task.dueOn && <span className="whitespace-nowrap text-stone-600">(序时进度至{dueDayLabel(task.dueOn)})</span>}
                            {task.deadlineWarning && <span className="block text-amber-900">{task.deadlineWarning}</span>}
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form action={commitAction} className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="mappings" value={JSON.stringify(appliedMappings)} />
            {mappingChanged && (
              <p role="alert" className="w-full text-sm text-amber-900">
                列对应已更改,请先点“预览”查看按新对应读取的结果,再导入。
              </p>
            )}
            {!summary.leadRule && summary.leadRuleNeeded && (
              <fieldset className="w-full rounded border border-amber-300 bg-amber-50 p-2 text-sm">
                <legend className="font-medium">牵头单位认定方式(文件未说明,请选择)</legend>
                <p className="mb-1 text-stone-700">
                  文件中没有“★”标记,也没有“列第一位的为牵头单位”之类的说明;{summary.leadEffect.tasks} 项任务列有两个及以上单位。上表的 ★ 仅为暂时显示。
                </p>
                {(Object.keys(leadChoiceLabels) as Array<keyof typeof leadChoiceLabels>).map((choice) => (
                  <label key={choice} className="mr-4 block">
                    <input type="radio" name="leadChoice" value={choice} className="mr-1" />
                    {leadChoiceLabels[choice]}:<span className="text-stone-600">{leadChoiceEffect(choice, summary.leadEffect)}</span>
                  </label>
                ))}
              </fieldset>
            )}
            <button type="submit" disabled={committing || mappingChanged} className="btn-primary">
              {committing ? "正在导入…" : "确认导入"}
            </button>
            <span className="text-sm text-stone-600">导入后可在任务页更正目标和牵头单位;再次导入同一文件不会覆盖已更正的内容。</span>
          </form>
          {committed?.ok ? (
            // The outcome comes in lines: the counts, then new units and targets with filed figures to check.
            <p role="status" className="whitespace-pre-line rounded bg-emerald-50 p-2 text-sm text-emerald-900">
              {committed.message}
            </p>
          ) : (
            <FormMessage result={committed} />
          )}
        </section>
      )}
    </div>
  );
}
