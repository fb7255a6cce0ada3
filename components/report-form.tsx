"use client";

import { useActionState, useMemo, useState } from "react";
import type { saveReportAction } from "@/app/actions/reports/save-report";
import { useAnnounce } from "@/components/announcer";
import { fieldErrorsOf, INVALID_INPUT, type FieldErrors } from "@/lib/actions/result";
import { QualitativeStatus } from "@/lib/generated/prisma/enums";
import { formatQuantity } from "@/lib/reporting/phrasing";
import { formatDateTime } from "@/lib/reports/labels";
import { extractActuals, type ParsedTarget } from "@/lib/targets";
import { NARRATIVE_MAX, figureProblem, qualitativeStatusLabels, reportFormValues, reportInputSchema } from "@/lib/zod/progress";

type SaveResult = Awaited<ReturnType<typeof saveReportAction>>;
type Status = QualitativeStatus;

export interface FormTarget {
  id: number;
  label: string;
  unit: string;
  parsed: ParsedTarget;
}

export interface ReportFormProps {
  action: typeof saveReportAction;
  taskId: number;
  periodId: number;
  periodLabel: string;
  dueLabel: string;
  targets: FormTarget[];
  /** The unit's report as saved; `returnNote` is the office's note where the report was sent back. */
  report: { version: number; narrative: string; qualitativeStatus: Status | null; actuals: Record<string, number>; state: string; returnNote: string | null } | null;
}

const plain = (value: number | undefined) => (value === undefined ? "" : String(value));

export function ReportForm({ action, taskId, periodId, periodLabel, dueLabel, targets, report }: ReportFormProps) {
  const [narrative, setNarrative] = useState(report?.narrative ?? "");
  const [status, setStatus] = useState<Status | "">(report?.qualitativeStatus ?? "");
  const [actuals, setActuals] = useState<Record<string, string>>(() =>
    Object.fromEntries(targets.map((target) => [String(target.id), plain(report?.actuals[String(target.id)])])),
  );
  const [version, setVersion] = useState(report?.version ?? 0);
  // The page confirms a save above the form: a submitted report's form gives way to its state.
  const announce = useAnnounce();

  const [result, formAction, pending] = useActionState<SaveResult | null, FormData>(async (_previous, form) => {
    // The same schema as the server's: mistakes show at once, and the server checks again.
    const checked = reportInputSchema.safeParse(reportFormValues(form));
    if (!checked.success) return { ok: false, message: INVALID_INPUT, errors: fieldErrorsOf(checked.error) };
    const problems: FieldErrors = {};
    for (const target of targets) {
      const value = checked.data.actuals[String(target.id)];
      const problem = value === null || value === undefined ? null : figureProblem(target.parsed, value);
      if (problem) problems[`actuals.${target.id}`] = [problem];
    }
    if (Object.keys(problems).length) return { ok: false, message: INVALID_INPUT, errors: problems };
    const saved = await action(null, form);
    if (saved.ok) {
      setVersion(saved.version);
      announce?.(saved.message ?? "");
    }
    return saved;
  }, null);

  const errors = result && !result.ok && "errors" in result ? (result.errors ?? {}) : {};
  const conflict = result && !result.ok && "conflict" in result ? result.conflict : null;

  // Figures in the narrative that match a target, offered (never filled in) as suggestions.
  const suggestions = useMemo(() => {
    const found = extractActuals(narrative, targets.map((target) => target.parsed));
    return new Map(found.map((actual) => [targets[actual.targetIndex].id, actual]));
  }, [narrative, targets]);

  const over = narrative.length > NARRATIVE_MAX;

  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="taskId" value={taskId} />
      <input type="hidden" name="periodId" value={periodId} />
      <input type="hidden" name="version" value={version} />
      <p className="text-sm text-stone-600">
        {periodLabel}完成情况(截至本季度末的累计数),请于 {dueLabel} 前提交。
      </p>
      {report?.returnNote && (
        <p className="rounded bg-red-50 p-3 text-sm text-red-800" role="note">
          市府办退回意见:{report.returnNote}
        </p>
      )}

      <div>
        <label htmlFor="narrative" className="block font-medium">
          完成情况
        </label>
        <textarea
          id="narrative"
          name="narrative"
          rows={8}
          value={narrative}
          onChange={(event) => setNarrative(event.target.value)}
          aria-invalid={errors.narrative || over ? true : undefined}
          aria-describedby="narrative-count narrative-error"
          className="input mt-1"
        />
        <p id="narrative-count" className={`mt-1 text-right text-sm ${over ? "font-medium text-red-700" : "text-stone-500"}`} aria-live="polite">
          {narrative.length} / {NARRATIVE_MAX} 字
        </p>
        {errors.narrative && (
          <p id="narrative-error" className="field-error">
            {errors.narrative.join(";")}
          </p>
        )}
      </div>

      {targets.length > 0 ? (
        <fieldset className="space-y-3">
          <legend className="font-medium">指标累计完成值</legend>
          {targets.map((target) => {
            const key = String(target.id);
            const suggestion = suggestions.get(target.id);
            const fieldErrors = errors[`actuals.${key}`];
            return (
              <div key={key}>
                <label htmlFor={`actual-${key}`} className="block text-sm">
                  {target.label}
                </label>
                <div className="mt-1 flex flex-wrap items-center gap-2">
                  <input
                    id={`actual-${key}`}
                    name={`actual.${key}`}
                    inputMode="decimal"
                    value={actuals[key] ?? ""}
                    onChange={(event) => setActuals((current) => ({ ...current, [key]: event.target.value }))}
                    aria-invalid={fieldErrors ? true : undefined}
                    aria-describedby={fieldErrors ? `actual-${key}-error` : undefined}
                    className="input max-w-48"
                  />
                  <span className="text-sm text-stone-600">{target.unit}</span>
                  {suggestion && plain(suggestion.value) !== actuals[key] && (
                    <button
                      type="button"
                      className="rounded bg-sky-50 px-2 py-1 text-sm text-sky-800 hover:bg-sky-100"
                      onClick={() => setActuals((current) => ({ ...current, [key]: plain(suggestion.value) }))}
                    >
                      采用文中数字「{suggestion.text}」= {formatQuantity(suggestion.value, suggestion.unit)}
                    </button>
                  )}
                </div>
                {fieldErrors && (
                  <p id={`actual-${key}-error`} className="field-error">
                    {fieldErrors.join(";")}
                  </p>
                )}
              </div>
            );
          })}
        </fieldset>
      ) : (
        <fieldset>
          <legend className="font-medium">推进状态</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {Object.values(QualitativeStatus).map((value) => (
              <label key={value} className="inline-flex items-center gap-2">
                <input type="radio" name="qualitativeStatus" value={value} checked={status === value} onChange={() => setStatus(value)} />
                {qualitativeStatusLabels[value]}
              </label>
            ))}
          </div>
          {errors.qualitativeStatus && <p className="field-error">{errors.qualitativeStatus.join(";")}</p>}
        </fieldset>
      )}

      {result && !(result.ok && announce) && (
        <div role={result.ok ? "status" : "alert"} className={`rounded p-3 text-sm ${result.ok ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-800"}`}>
          {result.message}
        </div>
      )}
      {conflict && (
        <div className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">
            {conflict.savedBy ?? "他人"}于 {formatDateTime(conflict.savedAt)} 保存的版本:
          </p>
          <blockquote className="mt-2 whitespace-pre-wrap border-l-4 border-amber-300 pl-3">{conflict.narrative || "(空)"}</blockquote>
          {Object.keys(conflict.actuals).length > 0 && (
            <ul className="mt-2">
              {targets
                .filter((target) => conflict.actuals[String(target.id)] !== undefined)
                .map((target) => (
                  <li key={target.id}>
                    {target.label}:{conflict.actuals[String(target.id)]} {target.unit}
                  </li>
                ))}
            </ul>
          )}
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="button" className="btn-secondary" onClick={() => setVersion(conflict.version)}>
              以我的内容覆盖(确认已合并)
            </button>
            <button
              type="button"
              className="btn-secondary"
              onClick={() => {
                setNarrative(conflict.narrative);
                setStatus(conflict.qualitativeStatus ?? "");
                setActuals(Object.fromEntries(targets.map((target) => [String(target.id), plain(conflict.actuals[String(target.id)])])));
                setVersion(conflict.version);
              }}
            >
              改用对方的版本
            </button>
          </div>
        </div>
      )}

      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="save" disabled={pending} className="btn-secondary">
          {pending ? "正在保存…" : "保存草稿"}
        </button>
        <button type="submit" name="intent" value="submit" disabled={pending} className="btn-primary">
          提交审核
        </button>
      </div>
    </form>
  );
}
