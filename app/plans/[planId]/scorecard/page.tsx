import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ScorecardTable } from "@/components/scorecard-table";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { defaultQuarter, quarterLabels, type Quarter } from "@/lib/periods/quarters";
import { listPlanPeriods } from "@/lib/periods/queries";
import { canReadScorecard } from "@/lib/permissions";
import { hasTasks } from "@/lib/plans/queries";
import { lastFilingDay } from "@/lib/reports/labels";
import { loadScorecard, type ScorecardScope } from "@/lib/scorecard/load";
import { firstValues, scorecardSearch, scorecardSort } from "@/lib/scorecard/params";
import { standingLabels } from "@/lib/scorecard/rules";
import { sortRows } from "@/lib/scorecard/score";
import { idParam } from "@/lib/zod/form";

export const metadata: Metadata = { title: "单位考核" };

const roleScope = { office: "全部责任单位", leader: "分管任务的责任单位", unit_staff: "本单位" } as const;

export default async function ScorecardPage({ params, searchParams }: { params: Promise<{ planId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const planId = idParam((await params).planId);
  if (planId === null) notFound();
  const actor = await requireActor(`/plans/${planId}/scorecard`, canReadScorecard);
  const search = scorecardSearch.parse(firstValues(await searchParams));

  const [periods, tracked] = await Promise.all([listPlanPeriods(db(), planId), hasTasks(db(), planId)]);
  // A work report kept as reference text has no tasks, hence nothing to file.
  if (!tracked) notFound();
  const scope: ScorecardScope = search.q === "year" ? "year" : ((search.q ?? defaultQuarter(periods)) as Quarter);
  const scorecard = await loadScorecard(db(), actor, { planId, scope });
  if (!scorecard) notFound();
  const { key, direction } = scorecardSort(search);
  const rows = sortRows(scorecard.rows, key, direction);

  // Every link keeps the other choices: the period keeps the sort, the sort keeps the period.
  const href = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries({ q: scope, sort: search.sort, dir: search.dir, ...changes })) {
      if (value !== undefined) next.set(name, String(value));
    }
    return `?${next.toString()}`;
  };
  const scopes: Array<{ scope: ScorecardScope; label: string }> = [
    ...scorecard.periods.map((period) => ({ scope: period.quarter, label: quarterLabels[period.quarter] })),
    { scope: "year", label: "全年" },
  ];
  const scopeLabel = scope === "year" ? "全年" : quarterLabels[scope];

  return (
    <article className="space-y-5">
      <header className="space-y-1">
        <p className="text-sm text-stone-500">
          {scorecard.plan.year}年 · {scorecard.plan.government} · {roleScope[actor.role]}
        </p>
        <h1 className="text-2xl font-semibold">单位考核</h1>
        <p className="text-stone-600">{scorecard.plan.title}</p>
        <nav aria-label="考核期" className="flex flex-wrap items-center gap-2 pt-2">
          {scopes.map((entry) => (
            <Link
              key={entry.scope}
              href={href({ q: entry.scope })}
              aria-current={entry.scope === scope ? "page" : undefined}
              className={`rounded border px-3 py-1 text-sm ${entry.scope === scope ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white"}`}
            >
              {entry.label}
            </Link>
          ))}
          <a href={`/plans/${planId}/scorecard/xlsx${href({})}`} className="ml-auto text-sm text-brand-700 underline" download>
            下载{scopeLabel}考核表(Excel)
          </a>
        </nav>
      </header>

      <section aria-labelledby="scorecard-heading" className="space-y-2">
        <h2 id="scorecard-heading" className="text-lg font-medium">
          {scopeLabel}
          {scorecard.period ? ` · ${lastFilingDay(scorecard.period.dueAt)}截止${scorecard.period.closed ? " · 已关闭" : ""}` : ""} · {rows.length} 个单位
        </h2>
        {scope !== "year" && !scorecard.period ? (
          <p className="card border-dashed text-stone-600">{scopeLabel}尚未开启填报,没有应报的报告。</p>
        ) : rows.length === 0 ? (
          <p className="card border-dashed text-stone-600">没有需要考核的单位:所选期间内没有应报的报告。</p>
        ) : (
          <ScorecardTable rows={rows} sort={{ key, direction }} href={(sort, dir) => href({ sort, dir })} caption={`${scopeLabel}单位考核`} />
        )}
      </section>

      <section aria-labelledby="rules-heading" className="card space-y-1 text-sm text-stone-700">
        <h2 id="rules-heading" className="font-medium">口径</h2>
        <p>
          应报:单位列为责任单位(牵头或配合)的每项任务每季度一份报告;“各镇街道”等统称不单独填报,不计。应报 = {standingLabels.onTime} + {standingLabels.late} +{" "}
          {standingLabels.returned} + {standingLabels.missing} + {standingLabels.pending}。
        </p>
        <p>
          {standingLabels.onTime}/{standingLabels.late}:已提交(含已审核、已公开),提交时间是否晚于截止时间;{standingLabels.returned}:被市府办退回、尚未重新提交;
          {standingLabels.missing}:截止后仍未提交;{standingLabels.pending}:截止前尚未提交。按时率 = 按时 ÷(应报 − 未到期)。
        </p>
        <p>慢于序时、已填报,缺少数据:只计单位牵头的任务,与进度总览同一口径。全年为各季度之和。</p>
      </section>
    </article>
  );
}
