import { currentActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { XLSX_TYPE, attachmentDisposition } from "@/lib/http/download";
import { defaultQuarter, type Quarter } from "@/lib/periods/quarters";
import { listPlanPeriods } from "@/lib/periods/queries";
import { canReadScorecard } from "@/lib/permissions";
import { loadScorecard, type ScorecardScope } from "@/lib/scorecard/load";
import { firstValues, scorecardSearch, scorecardSort } from "@/lib/scorecard/params";
import { sortRows } from "@/lib/scorecard/score";
import { scorecardTitle, scorecardXlsx } from "@/lib/scorecard/xlsx";
import { idParam } from "@/lib/zod/form";

// The rows depend on who asks and change with every filing.
export const dynamic = "force-dynamic";

function refuse(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** The scorecard as shown at the same address without `/xlsx`: the same period, the same order. */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  const planId = idParam((await params).planId);
  if (planId === null) return refuse(404, "没有找到这份考核表:地址中的计划编号无效。");
  const actor = await currentActor();
  if (!actor || !canReadScorecard(actor)) return refuse(403, "请先登录:考核表只对市府办、分管市领导和责任单位开放。");
  const search = scorecardSearch.parse(firstValues(Object.fromEntries(new URL(request.url).searchParams)));
  const scope: ScorecardScope = search.q === "year" ? "year" : ((search.q ?? defaultQuarter(await listPlanPeriods(db(), planId))) as Quarter);

  const scorecard = await loadScorecard(db(), actor, { planId, scope });
  if (!scorecard) return refuse(404, "没有找到这份考核表:计划不存在。");
  const { key, direction } = scorecardSort(search);
  const title = scorecardTitle(scorecard.plan, scope);
  const file = await scorecardXlsx(title, sortRows(scorecard.rows, key, direction));
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": attachmentDisposition(`${title}.xlsx`, `scorecard-${scorecard.plan.year}-${scope === "year" ? "year" : `q${scope}`}.xlsx`),
      "Content-Length": String(file.length),
      // What a signed-in reader may see is theirs alone.
      "Cache-Control": "private, no-store",
    },
  });
}
