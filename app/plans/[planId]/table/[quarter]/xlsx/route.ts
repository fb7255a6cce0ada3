import { currentActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { attachmentDisposition } from "@/lib/http/content-disposition";
import { loadQuarterlyTable, quarterlyTableParams } from "@/lib/quarterly/table";
import { quarterlyTableXlsx } from "@/lib/quarterly/xlsx";

// The progress column depends on who asks and changes with every filing.
export const dynamic = "force-dynamic";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function notFound(message: string): Response {
  return new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

export async function GET(_request: Request, { params }: { params: Promise<{ planId: string; quarter: string }> }) {
  const parsed = quarterlyTableParams.safeParse(await params);
  if (!parsed.success) return notFound("没有找到这张季度表:地址中的计划编号或季度(1–4)无效。");
  const { planId, quarter } = parsed.data;

  const table = await loadQuarterlyTable(db(), await currentActor(), planId, quarter);
  if (!table) return notFound("没有找到这张季度表:计划不存在,或该季度还没有填报期。");

  const file = await quarterlyTableXlsx(table);
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": attachmentDisposition(
        `${table.plan.government}${table.title}.xlsx`,
        `quarterly-table-${table.plan.year}-q${quarter}.xlsx`,
      ),
      "Content-Length": String(file.length),
      // What a signed-in reader may see is theirs alone.
      "Cache-Control": "private, no-store",
    },
  });
}
