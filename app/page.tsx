import Link from "next/link";
import { currentActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { canReadOverview } from "@/lib/permissions";
import { isQuarter, quarterLabels } from "@/lib/periods/quarters";
import { listPlans, offersDashboard, planKindLabels } from "@/lib/plans/queries";

// Plans change when the office imports a document; always read fresh.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [{ plans, references }, actor] = await Promise.all([listPlans(db()), currentActor()]);
  const seesDashboard = actor !== null && canReadOverview(actor);
  return (
    <section aria-labelledby="plans-heading">
      <h1 id="plans-heading" className="mb-4 text-2xl font-semibold">
        工作计划
      </h1>
      {plans.length === 0 ? (
        <p className="rounded border border-dashed border-stone-300 bg-white p-6 text-stone-600">
          还没有导入任何文件。请由市府办导入重点工作责任分解通知。
        </p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {plans.map((plan) => (
            <li key={plan.id} className="rounded border border-stone-200 bg-white p-4 shadow-sm">
              <p className="text-sm text-stone-500">
                {plan.year}年 · {plan.government} · {planKindLabels[plan.kind]}
              </p>
              <h2 className="mt-1 font-medium">{plan.title}</h2>
              <p className="mt-2 text-sm text-stone-600">
                {plan._count.tasks > 0 ? `${plan._count.tasks} 项任务` : "暂无任务"}
              </p>
              {(seesDashboard || plan.periods.length > 0) && (
                <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                  {seesDashboard && offersDashboard(plan) && (
                    <Link href={`/plans/${plan.id}/dashboard`} className="text-brand-700 underline">
                      进度总览
                    </Link>
                  )}
                  {plan.periods.filter((period) => isQuarter(period.quarter)).map((period) => (
                    <Link key={period.quarter} href={`/plans/${plan.id}/table/${period.quarter}`} className="text-brand-700 underline">
                      {quarterLabels[period.quarter as 1 | 2 | 3 | 4]}完成情况表
                    </Link>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {references.length > 0 && (
        <section aria-labelledby="references-heading" className="mt-6">
          <h2 id="references-heading" className="mb-2 text-lg font-medium">
            政府工作报告(参考)
          </h2>
          <p className="mb-2 text-sm text-stone-600">报告中的名词解释显示在同一政府的任务页上。</p>
          <ul className="space-y-1 text-sm">
            {references.map((report) => (
              <li key={report.id}>
                {report.year}年 · {report.government} · {report.title}
                {report._count.glossary > 0 ? ` · 名词解释 ${report._count.glossary} 条` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
