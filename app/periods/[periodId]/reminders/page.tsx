import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { saveReminderRulesAction } from "@/app/actions/periods/save-reminder-rules";
import { ReminderRulesForm } from "@/components/reminder-rules-form";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { canManagePeriods } from "@/lib/permissions";
import { quarterName } from "@/lib/periods/quarters";
import { describeRules, reminderSchedule, stepLabel } from "@/lib/reminders/rules";
import { readReminderRules } from "@/lib/reminders/service";
import { formatDate, formatDateTime, lastFilingDay } from "@/lib/reports/labels";
import { idParam } from "@/lib/zod/form";

export const metadata: Metadata = { title: "提醒规则" };

export default async function ReminderRulesPage({ params }: { params: Promise<{ periodId: string }> }) {
  const periodId = idParam((await params).periodId);
  if (periodId === null) notFound();
  await requireActor(`/periods/${periodId}/reminders`, canManagePeriods);
  const read = await readReminderRules(db(), periodId);
  if (!read) notFound();
  const { period, rules, saved, version } = read;
  const schedule = reminderSchedule(rules, period);
  const now = new Date();
  const title = `${period.plan.year}年 ${period.plan.government} · ${period.plan.title} · ${quarterName(period.quarter)}`;

  return (
    <section aria-labelledby="reminders-heading" className="space-y-6">
      <p className="text-sm">
        <Link href="/periods" className="text-brand-700 underline">
          ← 填报期
        </Link>
      </p>
      <div>
        <h1 id="reminders-heading" className="text-2xl font-semibold">
          提醒规则
        </h1>
        <p className="mt-1 text-sm text-stone-700">
          {title} · {formatDate(period.opensAt)} 起,{lastFilingDay(period.dueAt)} 截止 · {period.closed ? "已关闭" : "开放中"}
        </p>
      </div>
      <div className="card space-y-2 text-sm">
        <h2 className="font-medium">{saved ? "当前规则" : "当前规则(默认)"}</h2>
        <p>{describeRules(rules)}。</p>
        <p className="text-stone-600">
          每次提醒在当天 9 时发出,只发给仍有报告未提交或已提交但缺少数据的单位;各单位报齐后不再提醒,填报期关闭后不再提醒。
        </p>
        {period.closed ? (
          <p>该填报期已关闭,不会再发出提醒。</p>
        ) : schedule.length === 0 ? (
          <p>按当前规则,该填报期不会发出提醒。</p>
        ) : (
          <>
            <h3 className="pt-2 font-medium">提醒日程</h3>
            <ol className="space-y-1" aria-label="提醒日程">
              {schedule.map((step) => (
                <li key={step.day} className={step.at < now ? "text-stone-500" : undefined}>
                  {formatDateTime(step.at)} · {stepLabel(step.day)}
                  {step.escalated ? " · 抄送分管市领导和市府办" : ""}
                  {step.at < now ? "(已过)" : ""}
                </li>
              ))}
              {rules.overdueEveryDays !== null && <li>此后仍未报齐的,每 {rules.overdueEveryDays} 天提醒一次。</li>}
            </ol>
          </>
        )}
      </div>
      <div>
        <h2 className="mb-2 text-lg font-medium">修改提醒规则</h2>
        <ReminderRulesForm action={saveReminderRulesAction} periodId={period.id} version={version} rules={rules} />
      </div>
    </section>
  );
}
