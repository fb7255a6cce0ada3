import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PrintButton } from "@/components/print-button";
import { currentActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { quarterLabels, type Quarter } from "@/lib/periods/quarters";
import type { Role } from "@/lib/generated/prisma/enums";
import { loadQuarterlyTable, quarterlyTableParams } from "@/lib/quarterly/table";
import { leaderBlocks } from "@/lib/reporting/order";

// The progress column depends on who reads it and changes with every filing.
export const dynamic = "force-dynamic";

type Params = Promise<{ planId: string; quarter: string }>;

/** One load per request, shared by the metadata and the page. */
const loadTable = cache(async (planId: number, quarter: Quarter) => loadQuarterlyTable(db(), await currentActor(), planId, quarter));

async function tableOf(params: Params) {
  const parsed = quarterlyTableParams.safeParse(await params);
  return parsed.success ? loadTable(parsed.data.planId, parsed.data.quarter) : null;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const table = await tableOf(params);
  return { title: table ? `${table.plan.government}${table.title}` : "季度完成情况表" };
}

function readerNote(role: Role | null): string {
  switch (role) {
    case null:
      return "完成情况栏只显示已公开的内容。";
    case "office":
      return "完成情况栏含已提交、已审核和已公开的填报(不含草稿和退回的填报);对外发布前请确认均已审核。";
    default:
      return "完成情况栏显示已公开的内容,以及你有权查看的已提交、已审核填报(不含草稿和退回的填报)。";
  }
}

export default async function QuarterlyTablePage({ params }: { params: Params }) {
  const table = await tableOf(params);
  if (!table) notFound();
  const actor = await currentActor();
  const { plan, quarter, rows, columns } = table;
  const base = `/plans/${plan.id}/table`;
  const leaders = new Set(rows.map((row) => row.leader).filter(Boolean)).size;

  return (
    <article aria-labelledby="table-heading" className="space-y-4 print:space-y-2">
      <header className="space-y-3 print:hidden">
        <p className="text-sm text-stone-500">
          <Link href="/" className="hover:underline">
            工作计划
          </Link>{" "}
          · {plan.year}年 · {plan.government}
          {plan.title !== table.title ? ` · ${plan.title}` : ""}
        </p>
        <h1 id="table-heading" className="text-2xl font-semibold">
          {quarterLabels[quarter]}完成情况表
        </h1>
        {table.quarters.length > 1 && (
          <nav aria-label="选择季度" className="flex flex-wrap gap-2 text-sm">
            {table.quarters.map((q) => (
              <Link
                key={q}
                href={`${base}/${q}`}
                aria-current={q === quarter ? "page" : undefined}
                className={`rounded border px-3 py-1 ${q === quarter ? "border-brand-700 bg-brand-50 font-medium text-brand-800" : "border-stone-300 bg-white hover:bg-stone-100"}`}
              >
                {quarterLabels[q]}
              </Link>
            ))}
          </nav>
        )}
        {rows.length > 0 && (
          <div className="flex flex-wrap items-center gap-2">
            <a href={`${base}/${quarter}/xlsx`} download className="btn-primary">
              下载 Excel
            </a>
            <PrintButton />
            <p className="text-sm text-stone-600">
              共 {rows.length} 项任务{leaders > 0 ? `,${leaders} 位分管市领导` : ""}。{readerNote(actor?.role ?? null)}
            </p>
          </div>
        )}
      </header>

      {rows.length === 0 ? (
        <p className="card border-dashed text-stone-600">这个计划没有重点工作任务,没有可以汇总的季度完成情况。</p>
      ) : (
        <>
          <p className="text-xs text-stone-500 sm:hidden print:hidden">表格较宽,可左右滑动查看。</p>
          <div
            role="region"
            aria-label={table.title}
            tabIndex={0}
            className="overflow-x-auto rounded border border-stone-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-brand-700 print:overflow-visible print:rounded-none print:border-0 print:shadow-none"
          >
            <table className="w-full min-w-[60rem] border-collapse text-sm leading-relaxed print:min-w-0 print:text-[9pt] print:leading-snug">
              <caption className="px-3 py-3 text-lg font-semibold print:px-0 print:pt-0 print:pb-2 print:text-[14pt]">{table.title}</caption>
              <colgroup>
                <col className="w-[7%]" />
                <col className="w-[4%]" />
                <col className="w-[25%]" />
                <col className="w-[48%]" />
                <col className="w-[16%]" />
              </colgroup>
              <thead className="bg-stone-100 print:bg-transparent">
                <tr>
                  {columns.map((label) => (
                    <th key={label} scope="col" className="border border-stone-400 px-2 py-2 text-center font-semibold">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              {/* One <tbody> per leader block, so the leader cell can head its row group. */}
              {leaderBlocks(rows, (row) => row.leader).map((block) => (
                <tbody key={block[0].taskId}>
                  {block.map((row) => (
                    <tr key={row.taskId} className="align-middle break-inside-avoid">
                      {row.leaderRowSpan > 0 &&
                        (row.leader ? (
                          <th
                            scope="rowgroup"
                            rowSpan={row.leaderRowSpan}
                            // At the top of the block, so that it prints on the block's first page.
                            className="border border-stone-400 px-2 py-2 text-center align-top font-medium"
                          >
                            {row.leader}
                          </th>
                        ) : (
                          <td className="border border-stone-400 px-2 py-2" />
                        ))}
                      <td className="border border-stone-400 px-2 py-2 text-center tabular-nums">{row.number}</td>
                      <td className="border border-stone-400 px-2 py-2">{row.text}</td>
                      <td className="border border-stone-400 px-2 py-2 whitespace-pre-line">
                        {row.progress || <span className="text-stone-400 print:hidden">暂无</span>}
                      </td>
                      <td className="border border-stone-400 px-2 py-2">{row.units}</td>
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        </>
      )}
    </article>
  );
}
