import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ProgressStatusBadge } from "@/components/dashboard/status-badge";
import { Pager } from "@/components/pager";
import { PrintButton } from "@/components/print-button";
import { currentActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { quarterLabels, type Quarter } from "@/lib/periods/quarters";
import type { Role } from "@/lib/generated/prisma/enums";
import { pageParam } from "@/lib/pagination";
import { loadQuarterlyTable, QUARTERLY_PAGE_SIZE, quarterlyTableParams } from "@/lib/quarterly/table";
import { leaderBlocks } from "@/lib/reporting/order";

// The progress column depends on who reads it and changes with every filing.
export const dynamic = "force-dynamic";

type Params = Promise<{ planId: string; quarter: string }>;
type SearchParams = Promise<{ page?: string | string[]; all?: string | string[] }>;

/** One load per request, shared by the metadata and the page. `page` "all": the whole table. */
const loadTable = cache(async (planId: number, quarter: Quarter, page: number | "all") =>
  loadQuarterlyTable(db(), await currentActor(), planId, quarter, page === "all" ? {} : { page }),
);

/** A page of the table (`?page=N`, the first by default), or the whole of it to print (`?all=1`). */
async function tableOf(params: Params, searchParams: SearchParams) {
  const parsed = quarterlyTableParams.safeParse(await params);
  if (!parsed.success) return null;
  const search = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const page = first(search.all) === "1" ? "all" : (pageParam.parse(first(search.page)) ?? 1);
  return loadTable(parsed.data.planId, parsed.data.quarter, page);
}

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const table = await tableOf(params, searchParams);
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

export default async function QuarterlyTablePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const table = await tableOf(params, searchParams);
  if (!table) notFound();
  const actor = await currentActor();
  const { plan, quarter, rows, columns, pagination } = table;
  const base = `/plans/${plan.id}/table`;
  const total = pagination?.total ?? rows.length;
  const leaders = pagination ? pagination.leaders.length : new Set(rows.map((row) => row.leader).filter(Boolean)).size;
  // More than one page: the reader pages through it, or asks for the whole table to print.
  const paged = pagination !== undefined && pagination.pageCount > 1;
  const pageHref = (page: number) => `${base}/${quarter}${page > 1 ? `?page=${page}` : ""}#table-heading`;

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
        {total > 0 && (
          <div className="flex flex-wrap items-center gap-2">
            <a href={`${base}/${quarter}/xlsx`} download className="btn-primary">
              下载 Excel
            </a>
            {paged ? (
              <>
                <PrintButton label="打印本页" />
                <a href={`${base}/${quarter}?all=1`} className="btn-secondary">
                  全表(打印用)
                </a>
              </>
            ) : (
              <PrintButton />
            )}
            <p className="text-sm text-stone-600">
              共 {total} 项任务{leaders > 0 ? `,${leaders} 位分管市领导` : ""}。{readerNote(actor?.role ?? null)}
            </p>
          </div>
        )}
        {paged && pagination.leaders.length > 1 && (
          <nav aria-label="按分管市长跳转" className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
            <span className="text-stone-600">分管市长:</span>
            {pagination.leaders.map((leader) => (
              <a key={leader.name} href={pageHref(leader.page)} className="text-brand-700 underline">
                {leader.name}(第 {leader.page} 页)
              </a>
            ))}
          </nav>
        )}
        {!pagination && rows.length > QUARTERLY_PAGE_SIZE && (
          <p className="text-sm">
            <a href={`${base}/${quarter}`} className="text-brand-700 underline">
              分页显示
            </a>
          </p>
        )}
      </header>

      {rows.length === 0 ? (
        <p className="card border-dashed text-stone-600">这个计划没有重点工作任务,没有可以汇总的季度完成情况。</p>
      ) : (
        <>
          {paged && <Pager label="季度表分页" {...pagination} href={pageHref} />}
          <p className="text-xs text-stone-500 sm:hidden print:hidden">表格较宽,可左右滑动查看。</p>
          <div
            role="region"
            aria-label={table.title}
            tabIndex={0}
            className="overflow-x-auto rounded border border-stone-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-brand-700 print:overflow-visible print:rounded-none print:border-0 print:shadow-none"
          >
            {/* Cell styles set once on the table, not on each of thousands of cells; counted from the row's end (序号 is the
                fourth-last cell, 完成情况 the second-last), since the leader cell heads only its block's first row. */}
            <table className="w-full min-w-[60rem] border-collapse text-sm leading-relaxed print:min-w-0 print:text-[9pt] print:leading-snug [&_td]:border [&_td]:border-stone-400 [&_td]:px-2 [&_td]:py-2 [&_th]:border [&_th]:border-stone-400 [&_th]:px-2 [&_th]:py-2 [&_tr]:break-inside-avoid [&_td:nth-last-child(2)]:whitespace-pre-line [&_td:nth-last-child(4)]:text-center [&_td:nth-last-child(4)]:tabular-nums">
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
                    <th key={label} scope="col" className="text-center font-semibold">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              {/* One <tbody> per leader block, so the leader cell can head its row group. */}
              {leaderBlocks(rows, (row) => row.leader).map((block) => (
                <tbody key={block[0].taskId}>
                  {block.map((row) => (
                    <tr key={row.taskId}>
                      {row.leaderRowSpan > 0 &&
                        (row.leader ? (
                          <th
                            scope="rowgroup"
                            rowSpan={row.leaderRowSpan}
                            // At the top of the block, so that it prints on the block's first page.
                            className="text-center align-top font-medium"
                          >
                            {row.leader}
                          </th>
                        ) : (
                          <td />
                        ))}
                      <td>{row.number}</td>
                      <td>{row.text}</td>
                      <td>
                        {row.progress || <span className="text-stone-400 print:hidden">暂无</span>}
                        {row.missingFigures.length > 0 && (
                          // For whoever compiles the table, not part of the printed document.
                          <span className="mt-1 block text-xs print:hidden">
                            <ProgressStatusBadge status="missing_figure" className="rounded px-1.5 py-0.5 font-medium" /> {row.missingFigures.join("、")}
                          </span>
                        )}
                      </td>
                      <td>{row.units}</td>
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
          {paged && <Pager label="季度表分页(表格下方)" {...pagination} href={pageHref} />}
        </>
      )}
    </article>
  );
}
