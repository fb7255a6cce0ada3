import type { Metadata } from "next";
import Link from "next/link";
import { savePeriodAction } from "@/app/actions/periods/save-period";
import { setPeriodClosedAction } from "@/app/actions/periods/set-period-closed";
import { PeriodClosedToggle, PeriodForm } from "@/components/period-forms";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { canManagePeriods } from "@/lib/permissions";
import { listPlansWithPeriods } from "@/lib/periods/queries";
import { isQuarter, periodDays, quarterLabels } from "@/lib/periods/quarters";
import { lastFilingDay, formatDate } from "@/lib/reports/labels";

export const metadata: Metadata = { title: "填报期" };

export default async function PeriodsPage() {
  await requireActor("/periods", canManagePeriods);
  const plans = await listPlansWithPeriods(db());

  return (
    <section aria-labelledby="periods-heading" className="space-y-6">
      <h1 id="periods-heading" className="text-2xl font-semibold">
        填报期
      </h1>
      <ul className="space-y-3">
        {plans.map((plan) => (
          <li key={plan.id} className="card">
            <h2 className="font-medium">
              {plan.year}年 {plan.government} · {plan.title}
            </h2>
            {plan.periods.length === 0 ? (
              <p className="mt-1 text-sm text-stone-600">尚未开启填报期。</p>
            ) : (
              <ul className="mt-2 divide-y divide-stone-100">
                {plan.periods.map((period) => (
                  <li key={period.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                    <span>
                      <strong>{isQuarter(period.quarter) ? quarterLabels[period.quarter] : period.quarter}</strong> · {formatDate(period.opensAt)} 起,
                      {lastFilingDay(period.dueAt)} 截止 · {period.closed ? "已关闭" : "开放中"}
                    </span>
                    <span className="inline-flex items-center gap-3">
                      <Link
                        href={`/periods/${period.id}/reminders`}
                        className="text-brand-700 underline"
                        aria-label={`${plan.year}年${plan.government} ${isQuarter(period.quarter) ? quarterLabels[period.quarter] : period.quarter}提醒规则`}
                      >
                        提醒规则
                      </Link>
                      <PeriodClosedToggle action={setPeriodClosedAction} periodId={period.id} closed={period.closed} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {plans.length > 0 && (
        <div>
          <h2 className="mb-2 text-lg font-medium">开启或修改填报期</h2>
          <PeriodForm
            action={savePeriodAction}
            plans={plans.map((plan) => ({ id: plan.id, label: `${plan.year}年 ${plan.government} · ${plan.title}`, year: plan.year, periods: plan.periods.map(periodDays) }))}
          />
        </div>
      )}
    </section>
  );
}
