import type { Metadata } from "next";
import Link from "next/link";
import { reviewReportAction } from "@/app/actions/reports/review-report";
import { PeriodPicker } from "@/components/period-picker";
import { ReviewPanel } from "@/components/review-panel";
import { StateBadge } from "@/components/state-badge";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { canReview } from "@/lib/permissions";
import { formatDateTime, reportStateLabels } from "@/lib/reports/labels";
import { listPeriods, loadReviewQueue } from "@/lib/reports/queue";
import { REVIEW_STATES } from "@/lib/reporting/states";
import { formatFigure } from "@/lib/reporting/phrasing";

export const metadata: Metadata = { title: "审核" };

export default async function ReviewPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const actor = await requireActor("/review", canReview);
  const periods = await listPeriods(db());
  const requested = Number((await searchParams).period);
  const period = periods.find((candidate) => candidate.id === requested) ?? periods.find((candidate) => !candidate.closed) ?? periods[0];
  const queue = period ? await loadReviewQueue(db(), actor, period.id) : null;

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
          <PeriodPicker periods={periods} selected={period.id} basePath="/review" />
          {queue && (
            <p className="text-sm text-stone-600">
              {REVIEW_STATES.filter((state) => queue.counts[state])
                .map((state) => `${reportStateLabels[state]} ${queue.counts[state]}`)
                .join(" · ") || "本期还没有提交的报告。"}
            </p>
          )}
          {queue && queue.reports.length === 0 ? (
            <p className="card border-dashed text-stone-600">没有待审核或待公开的报告。</p>
          ) : (
            <ul className="space-y-3">
              {queue?.reports.map((report) => (
                <li key={report.id} className="card" aria-label={`${report.unit.name}:${report.task.text.slice(0, 30)}`}>
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <p className="text-sm text-stone-500">
                      {report.task.leader?.name ?? ""} · 第 {report.task.number} 项 · {report.isLead ? "★" : ""}
                      {report.unit.name}
                      {report.filedBy ? ` · ${report.filedBy.displayName}` : ""}
                      {report.submittedAt ? ` · ${formatDateTime(report.submittedAt)}` : ""}
                    </p>
                    <StateBadge state={report.state} late={report.late} />
                  </div>
                  <Link href={`/tasks/${report.task.id}`} className="mt-1 block font-medium hover:text-brand-700 hover:underline">
                    {report.task.text}
                  </Link>
                  <p className="mt-2 whitespace-pre-wrap">{report.narrative}</p>
                  {report.actuals.length > 0 && (
                    <ul className="mt-1 text-sm text-stone-700">
                      {report.actuals.map((actual) => (
                        <li key={actual.targetId}>
                          {actual.target.originalText}:累计 {formatFigure(actual.target, actual.value)}
                        </li>
                      ))}
                    </ul>
                  )}
                  <ReviewPanel key={report.version} action={reviewReportAction} reportId={report.id} version={report.version} state={report.state} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
