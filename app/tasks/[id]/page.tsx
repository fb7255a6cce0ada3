import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { deleteAttachmentAction } from "@/app/actions/attachments/delete-attachment";
import { setAttachmentPublicAction } from "@/app/actions/attachments/set-attachment-public";
import { uploadAttachmentAction } from "@/app/actions/attachments/upload-attachment";
import { reviewReportAction } from "@/app/actions/reports/review-report";
import { saveReportAction } from "@/app/actions/reports/save-report";
import { correctLeadAction } from "@/app/actions/tasks/correct-lead";
import { correctTargetAction } from "@/app/actions/tasks/correct-target";
import { Announcer } from "@/components/announcer";
import { AttachmentList } from "@/components/attachment-list";
import { AttachmentPublicToggle } from "@/components/attachment-public-toggle";
import { AttachmentUploader } from "@/components/attachment-uploader";
import { LeadToggle, TargetCorrectionForm } from "@/components/correction-forms";
import { ReportForm, type FormTarget } from "@/components/report-form";
import { TargetChart } from "@/components/target-chart";
import { NarrativeWithRepeats, ReportReasons } from "@/components/report-reasons";
import { ReviewPanel } from "@/components/review-panel";
import { StateBadge } from "@/components/state-badge";
import { ProgressStatusBadge } from "@/components/dashboard/status-badge";
import { statusColors } from "@/components/dashboard/status-colors";
import { UnitList } from "@/components/unit-list";
import { auditActionLabels } from "@/lib/audit/record";
import type { ReviewState } from "@/lib/generated/prisma/enums";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { defaultQuarter, isQuarter, quarterLabels, quarterName } from "@/lib/periods/quarters";
import { canCorrectTasks, canEditReport, canMarkAttachmentsPublic, canReview, isUnitOnTask } from "@/lib/permissions";
import { isLeadUnit } from "@/lib/reporting/figures";
import { describeProgress, describeTarget, formatFigure, formatPercent } from "@/lib/reporting/phrasing";
import { entryUnitOf, toEntry } from "@/lib/reporting/units";
import { decisionsFor, returnNoteOf, standingReviewOf } from "@/lib/reporting/states";
import { earlierFigures } from "@/lib/reports/filing";
import { formatDateTime, lastFilingDay, reportStateLabels } from "@/lib/reports/labels";
import { getTaskDetail } from "@/lib/tasks/queries";
import { filingPeriodFor, needOf, type Need } from "@/lib/tasks/todo";
import { parseTargets } from "@/lib/targets";
import { asParsedTarget } from "@/lib/targets/labels";
import { qualitativeStatusLabels } from "@/lib/zod/progress";
import { idParam } from "@/lib/zod/form";
import { describeDeadline, isoDateOf } from "@/lib/progress/deadline";

export const metadata: Metadata = { title: "任务" };

/** The open quarters to pick from, each with what it still needs from the unit. */
const needLabels: Record<Need, string> = { returned: "被退回", to_file: "待提交", filed: "已提交" };

/** Where the unit's report of the chosen quarter stands once it is no longer the unit's to change. */
const filedLabels: Record<ReviewState, string> = {
  draft: "",
  returned: "",
  submitted: "本季度进展已提交,等待市府办审核。",
  approved: "本季度进展已通过市府办审核。",
  published: "本季度进展已审核并公开。",
};

/** The office's decisions here confirm above the reports (a decided report's panel is redrawn or gone). */
function ReviewConfirmations({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  return enabled ? <Announcer>{children}</Announcer> : children;
}

const reviewLabels = { parsed: "自动识别", confirmed: "已确认", corrected: "已更正" } as const;

/** History events shown until the reader asks for all (every save writes one: a busy task gathers many). */
const HISTORY_SHOWN = 20;

export default async function TaskPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ history?: string | string[]; q?: string | string[]; period?: string | string[] }>;
}) {
  const { id } = await params;
  const search = await searchParams;
  const wholeHistory = search.history === "all";
  const taskId = idParam(id);
  if (taskId === null) notFound();
  const actor = await requireActor(`/tasks/${taskId}`);
  const detail = await getTaskDetail(db(), actor, taskId);
  if (!detail) notFound();
  const { task, groups, scope, periods, reports, figures, progress, history, glossary } = detail;
  // The quarter whose status is shown: the one asked for (the dashboard links with its own), else the one the plan's pages open on.
  const asked = Number(Array.isArray(search.q) ? search.q[0] : search.q);
  const viewedQuarter = progress.some((entry) => entry.quarter === asked) ? asked : defaultQuarter(periods);
  const viewed = progress.find((entry) => entry.quarter === viewedQuarter);
  // The latest events; the earlier ones behind a link.
  const shownHistory = wholeHistory ? history : history.slice(-HISTORY_SHOWN);
  const unitName = new Map(task.units.map((link) => [link.unitId, link.unit.name]));
  const targetById = new Map(task.targets.map((target) => [target.id, target]));
  const mayCorrect = canCorrectTasks(actor);

  // Filing, for the actor's own unit on this task: the open quarter asked for (?period=), else the
  // one that needs the unit first (returned, then due soonest); every open quarter can be picked.
  const onTask = isUnitOnTask(actor, scope);
  const openPeriods = onTask ? periods.filter((period) => !period.closed && isQuarter(period.quarter)) : [];
  const ownReportOf = (period: { id: number }) => reports.find((report) => report.periodId === period.id && report.unitId === actor.unitId) ?? null;
  const requestedPeriod = idParam(String(Array.isArray(search.period) ? search.period[0] : (search.period ?? "")));
  const openPeriod = openPeriods.find((period) => period.id === requestedPeriod) ?? filingPeriodFor(openPeriods, ownReportOf);
  const ownReport = openPeriod ? ownReportOf(openPeriod) : null;
  const canFile = openPeriod ? canEditReport(actor, scope, ownReport, openPeriod) : false;
  const subjects = parseTargets(task.text);

  const formTargets: FormTarget[] = task.targets.map((target) => ({
    id: target.id,
    label: `${target.originalText}(${describeTarget(target)})`,
    parsed: asParsedTarget(target, subjects[target.position]?.subject),
  }));
  const earlier = canFile && openPeriod && actor.unitId ? await earlierFigures(db(), { taskId: task.id, unitId: actor.unitId, period: openPeriod }) : [];

  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm text-stone-500">
          <Link href="/" className="hover:underline">
            {task.plan.year}年 · {task.plan.government}
          </Link>
          {task.leader ? ` · 分管市领导 ${task.leader.name}` : ""}
          {task.parent ? ` · ${task.parent.number}. ${task.parent.text}` : ""} · 第 {task.number} 项
        </p>
        <h1 className="text-xl leading-relaxed font-semibold">{task.text}</h1>
        {task.originalText && <p className="text-sm text-stone-500">原文:{task.originalText}</p>}
        {task.deadlineText && <p className="text-sm">完成时限:{describeDeadline(task.deadlineText, task.dueOn)}</p>}
        <p className="text-sm">
          责任单位:
          <UnitList units={task.units.map((link) => ({ key: link.unitId, name: link.unit.name, isLead: link.isLead, highlight: link.isLead }))} />
          <span className="ml-2 text-stone-500">(★ 牵头单位)</span>
        </p>
        {groups.length > 0 && (
          <p className="text-sm" data-testid="unit-groups">
            涉及单位群组:
            {groups.map((group, i) => (
              <span key={group.id}>
                {i > 0 && "、"}
                {group.name}
                {group.members.length > 0 && <span className="text-stone-600">(成员:{group.members.join("、")})</span>}
              </span>
            ))}
            <span className="ml-2 text-stone-500">(群组不牵头,不单独填报{groups.some((group) => group.members.length > 0) ? ";成员单位作为配合单位填报" : ""})</span>
          </p>
        )}
        {mayCorrect && (
          <div className="flex flex-wrap gap-2 print:hidden" aria-label="更正牵头单位">
            {task.units.map((link) => (
              <LeadToggle key={link.unitId} action={correctLeadAction} taskId={task.id} unitId={link.unitId} unitName={link.unit.name} isLead={link.isLead} />
            ))}
          </div>
        )}
      </header>

      {viewed && (
        <section aria-labelledby="status-heading" className="card space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="status-heading" className="text-lg font-medium">
              {quarterLabels[viewed.quarter]}进度状态
              <span className="ml-2 text-sm font-normal text-stone-500">序时进度 {formatPercent(viewed.progress.expectedShare)}</span>
            </h2>
            {progress.length > 1 && (
              <nav aria-label="进度状态的季度" className="flex flex-wrap gap-1 text-sm">
                {progress.map((entry) => (
                  <a
                    key={entry.quarter}
                    href={`?q=${entry.quarter}#status-heading`}
                    aria-current={entry.quarter === viewed.quarter ? "page" : undefined}
                    className={`rounded border px-2 py-0.5 ${entry.quarter === viewed.quarter ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white"}`}
                  >
                    {quarterLabels[entry.quarter]}
                  </a>
                ))}
              </nav>
            )}
          </div>
          {/* The same badge and reason as the dashboard's task list, from the same evaluation. */}
          <p className="flex flex-wrap items-start gap-2">
            <ProgressStatusBadge status={viewed.progress.status} className="rounded px-2 py-0.5 text-sm font-medium whitespace-nowrap" />
            <span>{viewed.progress.reason}</span>
          </p>
        </section>
      )}

      {glossary.length > 0 && (
        <section aria-labelledby="glossary-heading" className="card">
          <h2 id="glossary-heading" className="font-medium">
            名词解释
          </h2>
          <dl className="mt-2 space-y-1 text-sm">
            {glossary.map((entry) => (
              <div key={entry.term}>
                <dt className="inline font-medium">{entry.term}:</dt>
                <dd className="inline">{entry.explanation}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <section aria-labelledby="targets-heading">
        <h2 id="targets-heading" className="mb-2 text-lg font-medium">
          目标
        </h2>
        {task.targets.length === 0 ? (
          <p className="text-stone-600">定性任务,没有数量目标;单位填报推进状态。</p>
        ) : (
          <ul className="grid gap-2 lg:grid-cols-2">
            {task.targets
              .map((target, index) => ({ target, points: figures.get(target.id) ?? [], unit: entryUnitOf(target), status: viewed?.progress.targets[index] }))
              .map(({ target, points, unit, status }) => (
              <li key={target.id} className="card">
                <p className="font-medium">{target.originalText}</p>
                <p className="text-sm text-stone-600">
                  {describeTarget(target)} · {reviewLabels[target.review]}
                </p>
                {viewed && status && (
                  // The target's status in the dashboard's words (describeProgress), for the quarter viewed.
                  <p className="mt-1 text-sm">
                    <span aria-hidden="true" className="mr-1.5 inline-block size-2.5 rounded-sm" style={{ backgroundColor: statusColors[status.status] }} />
                    {quarterLabels[viewed.quarter]}:{describeProgress(status)}
                  </p>
                )}
                {periods.length > 0 && (
                  <>
                    {/* Drawn in the unit the figures are entered in: an axis of 0…800 亿元, not 0…80000000000 元. */}
                    <TargetChart
                      points={points.map((point) => ({
                        quarter: quarterLabels[point.quarter],
                        actual: point.actual === null ? null : toEntry(point.actual, unit),
                        expected: toEntry(point.expected, unit),
                        target: toEntry(point.target, unit),
                      }))}
                      unit={unit.label}
                    />
                    <table className="mt-1 w-full text-xs">
                      <caption className="sr-only">{target.originalText}各季度完成情况</caption>
                      <thead>
                        <tr className="text-left text-stone-500">
                          <th scope="col">季度</th>
                          <th scope="col">累计完成</th>
                          <th scope="col">序时进度</th>
                        </tr>
                      </thead>
                      <tbody>
                        {points.map((point) => (
                          <tr key={point.quarter}>
                            <th scope="row" className="font-normal">{quarterLabels[point.quarter]}</th>
                            <td>{point.actual === null ? "—" : formatFigure(target, point.actual)}</td>
                            <td>{formatFigure(target, point.expected)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </>
                )}
                {mayCorrect && <TargetCorrectionForm action={correctTargetAction} target={target} />}
              </li>
            ))}
          </ul>
        )}
      </section>

      {openPeriod && isQuarter(openPeriod.quarter) && (
        <section aria-labelledby="file-heading" className="card">
          <h2 id="file-heading" className="mb-2 text-lg font-medium">
            填报{quarterLabels[openPeriod.quarter]}进展({unitName.get(actor.unitId!)})
          </h2>
          {openPeriods.length > 1 && (
            <nav aria-label="填报季度" className="mb-3 flex flex-wrap gap-2 text-sm">
              {openPeriods.map((period) => {
                const need = needOf(ownReportOf(period));
                const label = `${quarterName(period.quarter)}(${needLabels[need]})`;
                return period.id === openPeriod.id ? (
                  <span key={period.id} aria-current="page" className="rounded border border-brand-700 bg-brand-700 px-2 py-1 text-white">
                    {label}
                  </span>
                ) : (
                  <a key={period.id} href={`?period=${period.id}#file-heading`} className="rounded border border-stone-300 px-2 py-1 hover:bg-stone-100">
                    {label}
                  </a>
                );
              })}
            </nav>
          )}
          <Announcer>
          {!canFile ? (
            <p className="rounded bg-stone-100 p-3 text-sm">{ownReport ? filedLabels[ownReport.state] : ""}</p>
          ) : (
          <ReportForm
            key={openPeriod.id}
            action={saveReportAction}
            taskId={task.id}
            periodId={openPeriod.id}
            periodLabel={quarterLabels[openPeriod.quarter]}
            dueLabel={lastFilingDay(openPeriod.dueAt)}
            targets={formTargets}
            earlier={earlier}
            behind={{ quarter: openPeriod.quarter, dueOn: task.dueOn ? isoDateOf(task.dueOn) : null, leads: isLeadUnit(scope.units, actor.unitId!) }}
            report={
              ownReport
                ? {
                    version: ownReport.version,
                    narrative: ownReport.narrative,
                    problems: ownReport.problems,
                    nextSteps: ownReport.nextSteps,
                    qualitativeStatus: ownReport.qualitativeStatus,
                    state: ownReport.state,
                    returnNote: returnNoteOf(ownReport),
                    // An imported estimate (预计) is not the unit's figure: the form starts without it.
                    actuals: Object.fromEntries(
                      ownReport.actuals.filter((actual) => !actual.estimated).map((actual) => [String(actual.targetId), actual.value]),
                    ),
                  }
                : null
            }
          />
          )}
          {canFile && (
            <AttachmentUploader
              key={`attachments-${openPeriod.id}`}
              uploadAction={uploadAttachmentAction}
              deleteAction={deleteAttachmentAction}
              reportId={ownReport?.id ?? null}
              items={ownReport?.attachments ?? []}
            />
          )}
          </Announcer>
        </section>
      )}

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading" className="mb-2 text-lg font-medium">
          各季度进展
        </h2>
        {periods.length === 0 && <p className="text-stone-600">还没有开启填报期。</p>}
        <ReviewConfirmations enabled={canReview(actor)}>
        {periods.map((period) => {
          const periodReports = reports.filter((report) => report.periodId === period.id);
          const quarter = quarterName(period.quarter);
          return (
            <div key={period.id} className="mb-4">
              <h3 className="font-medium">
                {quarter}
                <span className="ml-2 text-sm font-normal text-stone-500">
                  截止 {lastFilingDay(period.dueAt)}
                  {period.closed ? " · 已关闭" : ""}
                </span>
              </h3>
              {periodReports.length === 0 ? (
                <p className="text-sm text-stone-600">暂无可查看的填报。</p>
              ) : (
                <ul className="mt-2 space-y-2">
                  {periodReports.map((report) => {
                    const standing = standingReviewOf(report);
                    return (
                    <li key={report.id} className="card" aria-label={`${quarter} ${report.unit.name}的填报`}>
                      <div className="flex flex-wrap items-center justify-between gap-2">
                        <p className="font-medium">
                          {isLeadUnit(scope.units, report.unitId) ? "★" : ""}
                          {report.unit.name}
                        </p>
                        <StateBadge state={report.state} late={report.late} />
                      </div>
                      <NarrativeWithRepeats narrative={report.narrative} repeat={report.repeat} empty="(未填写)" />
                      <ReportReasons problems={report.problems} nextSteps={report.nextSteps} className="mt-2" />
                      {report.actuals.length > 0 && (
                        <ul className="mt-2 text-sm text-stone-700">
                          {report.actuals.map((actual) => {
                            const target = targetById.get(actual.targetId);
                            return (
                              <li key={actual.targetId}>
                                {target?.originalText}:{actual.estimated ? "预计" : "累计"}{" "}
                                {target ? formatFigure(target, actual.value) : actual.value}
                                {actual.estimated ? "(预估数,不计入完成情况)" : ""}
                              </li>
                            );
                          })}
                        </ul>
                      )}
                      {report.qualitativeStatus && <p className="mt-1 text-sm">推进状态:{qualitativeStatusLabels[report.qualitativeStatus]}</p>}
                      <AttachmentList
                        items={report.attachments}
                        label={`${quarter} ${report.unit.name}的佐证材料`}
                        control={
                          canMarkAttachmentsPublic(actor)
                            ? (item) => <AttachmentPublicToggle action={setAttachmentPublicAction} attachmentId={item.id} fileName={item.fileName} isPublic={item.public} />
                            : undefined
                        }
                      />
                      <p className="mt-2 text-xs text-stone-500">
                        {report.filedBy ? `${report.filedBy.displayName} ` : ""}
                        {report.submittedAt ? `提交于 ${formatDateTime(report.submittedAt)}` : `更新于 ${formatDateTime(report.updatedAt)}`}
                        {standing && report.reviewedBy && report.reviewedAt
                          ? ` · ${report.reviewedBy.displayName} ${standing.kind === "return" ? "退回" : "审核"}于 ${formatDateTime(report.reviewedAt)}`
                          : ""}
                      </p>
                      {standing?.comment && (
                        <p className={`mt-1 rounded p-2 text-sm ${standing.kind === "return" ? "bg-red-50 text-red-800" : "bg-stone-100"}`}>
                          {standing.kind === "return" ? "退回意见" : "审核意见"}:{standing.comment}
                        </p>
                      )}
                      {canReview(actor) && decisionsFor(report.state).length > 0 && (
                        <ReviewPanel key={report.version} action={reviewReportAction} reportId={report.id} version={report.version} state={report.state} />
                      )}
                    </li>
                    );
                  })}
                </ul>
              )}
            </div>
          );
        })}
        </ReviewConfirmations>
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-2 text-lg font-medium">
          修改记录
        </h2>
        {history.length === 0 ? (
          <p className="text-sm text-stone-600">暂无记录。导入的进展不产生修改记录。</p>
        ) : (
          <>
            {shownHistory.length < history.length && (
              <p className="mb-2 text-sm text-stone-600">
                显示最近 {shownHistory.length} 条,共 {history.length} 条。
                <a href={`?${viewed ? `q=${viewed.quarter}&` : ""}history=all#history-heading`} className="text-brand-700 underline">
                  显示全部修改记录
                </a>
              </p>
            )}
            <ol aria-label="修改记录" className="space-y-2 border-l-2 border-stone-200 pl-4">
              {shownHistory.map((event) => {
                const before = event.report?.before;
                const after = event.report?.after;
                return (
                  <li key={event.id} className="text-sm">
                    <p>
                      <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time> · {event.actorLabel ?? "系统"} ·{" "}
                      <strong>{auditActionLabels[event.action]}</strong>
                      {before && after && before.state !== after.state ? `:${reportStateLabels[before.state]} → ${reportStateLabels[after.state]}` : ""}
                    </p>
                    {after && after.narrative !== before?.narrative && (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-stone-600">查看内容</summary>
                        {before?.narrative && <p className="mt-1 whitespace-pre-wrap text-stone-500 line-through">{before.narrative}</p>}
                        <p className="mt-1 whitespace-pre-wrap">{after.narrative}</p>
                      </details>
                    )}
                    {event.action === "report.return" && after?.reviewComment && <p className="mt-1 text-red-800">意见:{after.reviewComment}</p>}
                    {event.note && <p className="mt-1 text-amber-800">{event.note}</p>}
                  </li>
                );
              })}
            </ol>
          </>
        )}
      </section>
    </article>
  );
}
