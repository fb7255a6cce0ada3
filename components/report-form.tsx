"use client";

import { startTransition, useActionState, useEffect, useMemo, useRef, useState } from "react";
import type { saveReportAction } from "@/app/actions/reports/save-report";
import { useAnnounce } from "@/components/announcer";
import { fieldErrorsOf, INVALID_INPUT } from "@/lib/actions/result";
import { QualitativeStatus } from "@/lib/generated/prisma/enums";
import { formatFigure } from "@/lib/reporting/phrasing";
import { entryUnitOf, toBase, toEntry, type EntryUnit } from "@/lib/reporting/units";
import type { Quarter } from "@/lib/periods/quarters";
import { dueDateValue } from "@/lib/progress/deadline";
import { behindFindings, behindMessage, missingReasons, REASON_MAX, type BehindTarget } from "@/lib/reports/behind";
import { confirmationMessage, filingWarnings, type EarlierFigure } from "@/lib/reports/checks";
import { formatDateTime } from "@/lib/reports/labels";
import { extractActuals, type ParsedTarget } from "@/lib/targets";
import { comparatorCodes } from "@/lib/targets/labels";
import { NARRATIVE_MAX, qualitativeStatusLabels, reportFormValues, reportInputSchema } from "@/lib/zod/progress";

type SaveResult = Awaited<ReturnType<typeof saveReportAction>>;
type Status = QualitativeStatus;

export interface FormTarget {
  id: number;
  label: string;
  /** The stored target (value in base units), with the subject the narrative is matched against. */
  parsed: ParsedTarget;
}

export interface ReportFormProps {
  action: typeof saveReportAction;
  taskId: number;
  periodId: number;
  periodLabel: string;
  dueLabel: string;
  targets: FormTarget[];
  /** The unit's report as saved, figures in base units; `returnNote` is the office's note where the report was sent back. */
  report: {
    version: number;
    narrative: string;
    problems: string;
    nextSteps: string;
    qualitativeStatus: Status | null;
    actuals: Record<string, number>;
    state: string;
    returnNote: string | null;
  } | null;
  /** The unit's own figures of earlier quarters, which a year-to-date figure should not fall below. */
  earlier: EarlierFigure[];
  /**
   * What judges the filing against 序时进度 (lib/reports/behind.ts): the period's quarter, the
   * task's due date ("YYYY-MM-DD", null: the year's end) and whether the unit leads the task.
   */
  behind: { quarter: Quarter; dueOn: string | null; leads: boolean };
}

/** A field's text as a number, as the schema reads it (separators dropped); null: no figure, or not yet a number. */
function typedNumber(text: string | undefined): number | null {
  const clean = (text ?? "").trim().replace(/[,,]/g, "");
  return /^-?\d+(\.\d+)?$/.test(clean) ? Number(clean) : null;
}

/** A stored figure (base units) as the field shows it, in the target's entry unit. */
const inEntryUnit = (value: number | undefined, unit: EntryUnit) => (value === undefined ? "" : String(toEntry(value, unit)));

export function ReportForm({ action, taskId, periodId, periodLabel, dueLabel, targets, report, earlier, behind }: ReportFormProps) {
  const entryUnits = useMemo(() => new Map(targets.map((target) => [target.id, entryUnitOf(target.parsed)])), [targets]);
  const entryUnit = (target: FormTarget) => entryUnits.get(target.id)!;
  const fieldValues = (stored: Record<string, number> | undefined) =>
    Object.fromEntries(targets.map((target) => [String(target.id), inEntryUnit(stored?.[String(target.id)], entryUnit(target))]));

  const [narrative, setNarrative] = useState(report?.narrative ?? "");
  const [problems, setProblems] = useState(report?.problems ?? "");
  const [nextSteps, setNextSteps] = useState(report?.nextSteps ?? "");
  const [status, setStatus] = useState<Status | "">(report?.qualitativeStatus ?? "");
  const [actuals, setActuals] = useState<Record<string, string>>(() => fieldValues(report?.actuals));
  const [version, setVersion] = useState(report?.version ?? 0);
  /** Findings to confirm before the submission in `form` goes to the server. */
  const [confirming, setConfirming] = useState<{ warnings: string[]; form: FormData } | null>(null);
  /** The findings last confirmed in the dialog, as posted. */
  const [confirmedOnce, setConfirmedOnce] = useState("");
  // The page confirms a save above the form: a submitted report's form gives way to its state.
  const announce = useAnnounce();

  const behindCheck = useMemo(
    () => ({
      targets: targets.map((target): BehindTarget => ({ id: target.id, originalText: target.parsed.text, kind: target.parsed.kind, comparator: comparatorCodes[target.parsed.cmp], value: target.parsed.value, unit: target.parsed.unit })),
      dueOn: behind.dueOn ? dueDateValue(behind.dueOn) : null,
      leads: behind.leads,
      quarter: behind.quarter,
    }),
    [targets, behind],
  );
  /** The figures in base units, keyed by target id (null: none). */
  const baseFigures = (typed: (target: FormTarget) => number | null | undefined) =>
    Object.fromEntries(
      targets.map((target) => {
        const value = typed(target);
        return [String(target.id), value === null || value === undefined ? null : toBase(value, entryUnit(target))];
      }),
    );
  // Judged as the figures are typed: the unit learns what is behind before it tries to submit.
  const findings = behindFindings(behindCheck, {
    figures: baseFigures((target) => typedNumber(actuals[String(target.id)])),
    qualitativeStatus: status === "" ? null : status,
  });

  const [result, formAction, pending] = useActionState<SaveResult | null, FormData>(async (previous, form) => {
    // The same schema as the server's: mistakes show at once, and the server checks again.
    const checked = reportInputSchema.safeParse(reportFormValues(form));
    if (!checked.success) return { ok: false, message: INVALID_INPUT, errors: fieldErrorsOf(checked.error) };
    if (checked.data.intent === "submit") {
      // The server's findings too (lib/reports/checks.ts): asked here first, so nothing is sent unconfirmed.
      const figures = baseFigures((target) => checked.data.actuals[String(target.id)]);
      const checkedTargets = targets.map((target) => ({ id: target.id, originalText: target.parsed.text, kind: target.parsed.kind, value: target.parsed.value, unit: target.parsed.unit }));
      const warnings = filingWarnings(checkedTargets, figures, earlier);
      const message = confirmationMessage(warnings);
      if (warnings.length && checked.data.confirmed !== message) {
        // Findings confirmed once stay confirmed while they are the same: a submission refused
        // below for its reasons does not ask about its figures again.
        if (confirmedOnce !== message) {
          setConfirming({ warnings, form });
          return previous;
        }
        form.set("confirmed", message);
      }
      // Then, once the figures are confirmed as right, the reasons for a figure behind (the
      // server refuses the submission without them too).
      const behindNow = behindFindings(behindCheck, { figures, qualitativeStatus: checked.data.qualitativeStatus });
      const missing = missingReasons(behindNow, checked.data);
      if (missing) return { ok: false, message: behindMessage(behindNow), errors: missing };
    }
    const saved = await action(null, form);
    if (saved.ok) {
      setVersion(saved.version);
      announce?.(saved.message ?? "");
    }
    // The server found something this page did not (its figures changed since it was loaded).
    if (!saved.ok && "confirm" in saved) {
      setConfirming({ warnings: saved.confirm, form });
      return previous;
    }
    return saved;
  }, null);

  const submitButton = useRef<HTMLButtonElement>(null);
  const closeConfirmation = (confirmed: boolean) => {
    const pendingSubmission = confirming;
    setConfirming(null);
    if (!confirmed || !pendingSubmission) {
      // Back where the user was: the button was disabled while the form was checked, so the dialog had nothing to return focus to.
      submitButton.current?.focus();
      return;
    }
    const message = confirmationMessage(pendingSubmission.warnings);
    setConfirmedOnce(message);
    pendingSubmission.form.set("confirmed", message);
    startTransition(() => formAction(pendingSubmission.form));
  };

  const errors = result && !result.ok && "errors" in result ? (result.errors ?? {}) : {};
  const conflict = result && !result.ok && "conflict" in result ? result.conflict : null;

  // Figures in the narrative that match a target, offered (never filled in) as suggestions.
  const suggestions = useMemo(() => {
    const found = extractActuals(narrative, targets.map((target) => target.parsed));
    return new Map(found.map((actual) => [targets[actual.targetIndex].id, actual]));
  }, [narrative, targets]);

  const over = narrative.length > NARRATIVE_MAX;

  return (
    <>
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
              const unit = entryUnit(target);
              const suggestion = suggestions.get(target.id);
              const suggested = suggestion ? inEntryUnit(suggestion.value, unit) : "";
              const fieldErrors = errors[`actuals.${key}`];
              return (
                <div key={key}>
                  <label id={`actual-${key}-label`} htmlFor={`actual-${key}`} className="block text-sm">
                    {target.label}
                  </label>
                  <div className="mt-1 flex flex-wrap items-center gap-2">
                    <input
                      id={`actual-${key}`}
                      name={`actual.${key}`}
                      inputMode="decimal"
                      value={actuals[key] ?? ""}
                      onChange={(event) => setActuals((current) => ({ ...current, [key]: event.target.value }))}
                      // The unit names the field too: a figure is typed in it ("3.2" 万千瓦), and the form says which.
                      aria-labelledby={`actual-${key}-label actual-${key}-unit`}
                      aria-invalid={fieldErrors ? true : undefined}
                      aria-describedby={fieldErrors ? `actual-${key}-error` : undefined}
                      className="input max-w-48"
                    />
                    <span id={`actual-${key}-unit`} className="text-sm text-stone-600">
                      {unit.label}
                    </span>
                    <input type="hidden" name={`unit.${key}`} value={unit.label} />
                    {suggestion && suggested !== actuals[key] && (
                      <button
                        type="button"
                        className="rounded bg-sky-50 px-2 py-1 text-sm text-sky-800 hover:bg-sky-100"
                        onClick={() => setActuals((current) => ({ ...current, [key]: suggested }))}
                      >
                        采用文中数字「{suggestion.text}」= {formatFigure(target.parsed, suggestion.value)}
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

        {/* Also where the server found the filing behind and this page did not (its figures changed since it was loaded). */}
        {(findings.length > 0 || problems !== "" || nextSteps !== "" || errors.problems || errors.nextSteps) && (
          <fieldset className="space-y-3" aria-describedby={findings.length > 0 ? "behind-notice" : undefined}>
            <legend className="font-medium">存在问题和下一步措施</legend>
            {findings.length > 0 && (
              <div id="behind-notice" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
                <p className="font-medium">按本次填报,这项任务慢于序时,提交前请填写存在问题和下一步措施(保存草稿不受影响):</p>
                <ul className="mt-1 list-disc pl-5">
                  {findings.map((finding) => (
                    <li key={finding}>{finding}</li>
                  ))}
                </ul>
              </div>
            )}
            {(
              [
                ["problems", "存在问题", problems, setProblems],
                ["nextSteps", "下一步措施", nextSteps, setNextSteps],
              ] as const
            ).map(([name, label, value, setValue]) => (
              <div key={name}>
                <label htmlFor={name} className="block text-sm font-medium">
                  {label}
                  {findings.length > 0 && <span className="ml-1 text-red-700">(必填)</span>}
                </label>
                <textarea
                  id={name}
                  name={name}
                  rows={3}
                  value={value}
                  onChange={(event) => setValue(event.target.value)}
                  aria-required={findings.length > 0 ? true : undefined}
                  aria-invalid={errors[name] || value.length > REASON_MAX ? true : undefined}
                  aria-describedby={errors[name] ? `${name}-error` : undefined}
                  className="input mt-1"
                />
                {errors[name] && (
                  <p id={`${name}-error`} className="field-error">
                    {errors[name].join(";")}
                  </p>
                )}
              </div>
            ))}
          </fieldset>
        )}
        <p className="sr-only" aria-live="polite">
          {findings.length > 0 ? "这项任务慢于序时,提交前请填写存在问题和下一步措施。" : ""}
        </p>

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
                      {target.label}:{formatFigure(target.parsed, conflict.actuals[String(target.id)])}
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
                  setProblems(conflict.problems);
                  setNextSteps(conflict.nextSteps);
                  setStatus(conflict.qualitativeStatus ?? "");
                  setActuals(fieldValues(conflict.actuals));
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
          <button ref={submitButton} type="submit" name="intent" value="submit" disabled={pending} className="btn-primary">
            提交审核
          </button>
        </div>
      </form>
      {confirming && <ConfirmSubmission warnings={confirming.warnings} onClose={closeConfirmation} />}
    </>
  );
}

/**
 * The findings to confirm, in a modal dialog: focus starts on 返回修改 (the safe choice), Tab
 * moves between the two buttons, Escape cancels. Cancelling sends nothing and leaves the form as
 * typed.
 */
function ConfirmSubmission({ warnings, onClose }: { warnings: string[]; onClose: (confirmed: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="confirm-heading"
      onClose={() => onClose(dialog.current?.returnValue === "confirm")}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded border border-stone-300 bg-white p-4 shadow-lg backdrop:bg-stone-900/40"
    >
      <h2 id="confirm-heading" className="text-lg font-medium">
        请核对后再提交
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
      <div className="mt-4 flex flex-wrap justify-end gap-3">
        <button type="button" autoFocus className="btn-secondary" onClick={() => dialog.current?.close("cancel")}>
          返回修改
        </button>
        <button type="button" className="btn-primary" onClick={() => dialog.current?.close("confirm")}>
          确认无误,提交
        </button>
      </div>
    </dialog>
  );
}
