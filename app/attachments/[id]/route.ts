import { readAttachment } from "@/lib/attachments/service";
import { currentActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { attachmentDisposition } from "@/lib/http/download";
import { etagMatches } from "@/lib/public/page-memory";
import { idParam } from "@/lib/zod/form";

// Who may read an attachment depends on who asks.
export const dynamic = "force-dynamic";

/** One answer for a missing attachment and one the viewer may not read: the address tells nothing of what exists. */
function notFound(): Response {
  return new Response("没有找到这个佐证材料,或你无权查看。", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * GET /attachments/{id}: an attachment's bytes, to whoever may read its report
 * (lib/reporting/visibility.ts, in the query), served as a download with the type read from its
 * content at upload. A public one (published, marked by the office) may be cached and revalidated;
 * any other is the viewer's alone and is not kept.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  if (id === null) return notFound();
  const viewer = await currentActor();
  const attachment = await readAttachment(db(), viewer, id);
  if (!attachment) return notFound();
  const shared = attachment.isPublic && viewer === null;
  const etag = `"${attachment.sha256}"`;
  const headers: Record<string, string> = {
    "Content-Type": attachment.contentType,
    "Content-Disposition": attachmentDisposition(attachment.fileName, `attachment-${id}${attachment.fileName.match(/\.[A-Za-z0-9]+$/)?.[0] ?? ""}`),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": shared ? "public, no-cache" : "private, no-store",
    Vary: "Cookie",
  };
  if (shared) {
    headers.ETag = etag;
    if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  }
  return new Response(attachment.bytes as Uint8Array<ArrayBuffer>, { headers: { ...headers, "Content-Length": String(attachment.bytes.byteLength) } });
}
