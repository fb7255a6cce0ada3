import { openDataResponse } from "@/lib/public/open-data";
import { OPENAPI } from "@/lib/public/openapi";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 description of the open-data API. */
export function GET(request: Request) {
  return openDataResponse(request, JSON.stringify(OPENAPI), "application/json; charset=utf-8", null);
}
