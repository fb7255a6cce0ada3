import { db } from "@/lib/db/client";
import { apiNotFound, openDataResponse, quarterCsv, quarterJson } from "@/lib/public/open-data";
import { openDataFileParams } from "@/lib/public/openapi";
import { loadPublicQuarter } from "@/lib/public/read";

// Changes whenever the office publishes; the ETag spares clients the body, not the read.
export const dynamic = "force-dynamic";

/**
 * GET /api/v1/plans/{planId}/quarters/{quarter}.json and .csv: the published quarterly table of
 * a plan's quarter as open data. No sign-in; published reports only (lib/public).
 */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string; file: string }> }) {
  const parsed = openDataFileParams.safeParse(await params);
  if (!parsed.success) return apiNotFound("地址无效:应为 /api/v1/plans/计划编号/quarters/季度(1–4).json 或 .csv。");
  const { planId, quarter, format } = parsed.data;
  const table = await loadPublicQuarter(db(), planId, quarter);
  if (!table) return apiNotFound("没有找到这张季度表:计划不存在,或该季度还没有填报期。");
  if (format === "csv") {
    return openDataResponse(request, quarterCsv(table), "text/csv; charset=utf-8; header=present", table.lastPublishedAt, {
      "Content-Disposition": `attachment; filename="plan-${planId}-${table.plan.year}-q${quarter}.csv"`,
    });
  }
  return openDataResponse(request, JSON.stringify(quarterJson(table)), "application/json; charset=utf-8", table.lastPublishedAt);
}
