import type { Prisma } from "@/lib/generated/prisma/client";
import { attachmentsVisibleTo, type Viewer } from "@/lib/reporting/visibility";

/** The attachments of a report the viewer may read, for a Prisma `select` of reports. */
export function attachmentsFor(viewer: Viewer) {
  return {
    where: attachmentsVisibleTo(viewer),
    orderBy: { id: "asc" },
    select: { id: true, fileName: true, contentType: true, size: true, public: true },
  } as const satisfies Prisma.ProgressReport$attachmentsArgs;
}
