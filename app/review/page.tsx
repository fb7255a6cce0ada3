import type { Metadata } from "next";
import Link from "next/link";
import { setAttachmentPublicAction } from "@/app/actions/attachments/set-attachment-public";
import { reviewReportAction } from "@/app/actions/reports/review-report";
import { reviewReportsAction } from "@/app/actions/reports/review-reports";
import { Announcer } from "@/components/announcer";
import { AttachmentList } from "@/components/attachment-list";
import { AttachmentPublicToggle } from "@/components/attachment-public-toggle";
import { BulkReviewBar, BulkSelect } from "@/components/bulk-review";
import { ProgressStatusBadge } from "@/components/dashboard/status-badge";
import { Pager } from "@/components/pager";
import { PeriodPicker } from "@/components/period-picker";
import { NarrativeWithRepeats, ReportReasons } from "@/components/report-reasons";
import { ReviewPanel } from "@/components/review-panel";
import { StateBadge } from "@/components/state-badge";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { pageParam } from "@/lib/pagination";
import { canReview } from "@/lib/permissions";
import { formatDateTime, reportStateLabels } from "@/lib/reports/labels";
import { QUEUE_FILTERS, listPeriods, loadReviewQueue, queueFilter, type QueueFilter } from "@/lib/reports/queue";
import { REVIEW_STATES, decisionsFor } from "@/lib/reporting/states";
import { formatFigure } from "@/lib/reporting/phrasing";
import { compareDue } from "@/lib/tasks/todo";
import { qualitativeStatusLabels } from "@/lib/zod/progress";

export const metadata: Metadata = { title: "审核" };

const filterLabels: Record<QueueFilter, string> = { awaiting: "待处理", submitted: "待审核", returned: "已退回", approved: "待公开" };

type Search = { period?: string | string[]; status?: string | string[]; page?: string | string[] };
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ReviewPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("/review", canReview);
  const search = await searchParams;
  const periods = await listPeriods(db());
  const requested = Number(first(search.period));
  // Unless one is asked for: the open quarter due first (with two open, the earlier one's reports
  // are the ones late to review), else the newest.
  const period = periods.find((candidate) => candidate.id === requested) ?? periods.filter((candidate) => !candidate.closed).sort(compareDue)[0] ?? periods[0];
  const filter = queueFilter(first(search.status));
  const queue = period ? await loadReviewQueue(db(), actor, period.id, { filter, page: pageParam.parse(first(search.page)) }) : null;
  const href = (status: QueueFilter, page = 1) =>
    `/review?period=${period?.id ?? ""}${status === "awaiting" ? "" : `&status=${status}`}${page > 1 ? `&page=${page}` : ""}`;
  const countOf = (status: QueueFilter) => QUEUE_FILTERS[status].reduce((sum, state) => sum + (queue?.counts[state] ?? 0), 0);

  return (
    <section aria-labelledby="review-heading" className="space-y-4">
      <h1 id="review-heading" className="text-2xl font-semibold">
        审核填报
      </h1>
      {!period ? (
        <p className="card border-dashed text-stone-600">
          还没有填报期。请先在 <Link href="/periods" className="text-brand-700 underline">填报期</Link> 页开启。
        </p>
      ) : (
        <>
          <PeriodPicker periods={periods} selected={period.id} basePath="/review" keep={filter === "awaiting" ? {} : { status: filter }} />
          {queue && (
            <p className="text-sm text-stone-600">
              {REVIEW_STATES.filter((state) => queue.counts[state])
                .map((state) => `${reportStateLabels[state]} ${queue.counts[state]}`)
                .join(" · ") || "本期还没有提交的报告。"}
            </p>
          )}
          <nav aria-label="按状态筛选" className="flex flex-wrap gap-2 text-sm">
            {(Object.keys(QUEUE_FILTERS) as QueueFilter[]).map((status) =>
              status === filter ? (
                <span key={status} aria-current="page" className="rounded border border-brand-700 bg-brand-700 px-2 py-1 text-white">
                  {filterLabels[status]}({countOf(status)})
                </span>
              ) : (
                <a key={status} href={href(status)} className="rounded border border-stone-300 bg-white px-2 py-1 hover:bg-stone-100">
                  {filterLabels[status]}({countOf(status)})
                </a>
              ),
            )}
          </nav>
          <Announcer>
            {queue && queue.reports.length === 0 ? (
              <p className="card border-dashed text-stone-600">
                {filter === "awaiting" ? "没有待审核或待公开的报告。" : `没有${filterLabels[filter]}的报告。`}
              </p>
            ) : (
              <>
                {queue?.reports.some((report) => report.state === "submitted" || report.state === "approved") && <BulkReviewBar action={reviewReportsAction} />}
                <ul className="space-y-3">
                  {queue?.reports.map((report) => {
                    const bulk = decisionsFor(report.state).find((decision) => decision === "approve" || decision === "publish");
                    const name = `${report.unit.name}:${report.task.text.slice(0, 30)}`;
                    return (
                      <li key={report.id} className="card" aria-label={name}>
                        <div className="flex flex-wrap items-center justify-between gap-2">
                          <p className="text-sm text-stone-500">
                            {report.task.leader?.name ?? ""} · 第 {report.task.number} 项 · {report.isLead ? "★" : ""}
                            {report.unit.name}
                            {report.filedBy ? ` · ${report.filedBy.displayName}` : ""}
                            {report.submittedAt ? ` · ${formatDateTime(report.submittedAt)}` : ""}
                          </p>
                          <span className="inline-flex items-center gap-3">
                            {bulk && <BulkSelect reportId={report.id} version={report.version} decision={bulk} label={name} />}
                            <StateBadge state={report.state} late={report.late} />
                          </span>
                        </div>
                        <Link href={`/tasks/${report.task.id}`} className="mt-1 block font-medium hover:text-brand-700 hover:underline">
                          {report.task.text}
                        </Link>
                        <NarrativeWithRepeats narrative={report.narrative} repeat={report.repeat} />
                        {report.figures.length > 0 ? (
                          <ul className="mt-1 space-y-1 text-sm text-stone-700" aria-label="指标与序时进度">
                            {report.figures.map((figure) => (
                              <li key={figure.targetId}>
                                {figure.originalText}:{figure.actual === null ? "未填报" : `累计 ${formatFigure(figure.target, figure.actual)}`}{" "}
                                <ProgressStatusBadge status={figure.progress.status} className="rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap" />
                                <span className="block text-xs text-stone-500">{figure.progress.reason}</span>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <p className="mt-1 text-sm">推进状态:{report.qualitativeStatus ? qualitativeStatusLabels[report.qualitativeStatus] : "未选择"}</p>
                        )}
                        <ReportReasons problems={report.problems} nextSteps={report.nextSteps} className="mt-2" />
                        <AttachmentList
                          items={report.attachments}
                          label={`${name}的佐证材料`}
                          control={(item) => <AttachmentPublicToggle action={setAttachmentPublicAction} attachmentId={item.id} fileName={item.fileName} isPublic={item.public} />}
                        />
                        {report.attachments.length > 0 && (
                          <p className="mt-1 text-xs text-stone-500">设为公开的佐证材料在报告公开后,公众可在门户网站的任务页查看和下载。</p>
                        )}
                        {report.review?.comment && (
                          <p className={`mt-2 rounded p-2 text-sm ${report.review.kind === "return" ? "bg-red-50 text-red-800" : "bg-stone-100"}`}>
                            {report.review.kind === "return" ? "退回意见" : "审核意见"}:{report.review.comment}
                            {report.review.reviewer && report.review.reviewedAt
                              ? `(${report.review.reviewer} ${formatDateTime(report.review.reviewedAt)})`
                              : ""}
                          </p>
                        )}
                        {decisionsFor(report.state).length > 0 && (
                          <ReviewPanel key={report.version} action={reviewReportAction} reportId={report.id} version={report.version} state={report.state} />
                        )}
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
            {queue && <Pager label="审核列表分页" {...queue.page} href={(n) => href(filter, n)} />}
          </Announcer>
        </>
      )}
    </section>
  );
}
