import { db } from "@/lib/db/client";
import { openDataResponse, planJson } from "@/lib/public/open-data";
import { listPublicPlans } from "@/lib/public/read";

// Plans change when the office imports a document; the ETag spares clients the body, not the read.
export const dynamic = "force-dynamic";

/** GET /api/v1/plans: every plan with tasks and the addresses of its quarters' open data. No sign-in. */
export async function GET(request: Request) {
  const plans = await listPublicPlans(db());
  return openDataResponse(request, JSON.stringify({ plans: plans.map(planJson) }), "application/json; charset=utf-8", null);
}
