import type { ReactNode } from "react";
import { attachmentHref, formatSize, type AttachmentItem } from "@/lib/attachments/limits";

/**
 * A report's attachments (佐证材料), each a download link with its size; `control` adds what the
 * reader may do with one (remove it, mark it public).
 */
export function AttachmentList({ items, label, control }: { items: AttachmentItem[]; label: string; control?: (item: AttachmentItem) => ReactNode }) {
  if (items.length === 0) return null;
  return (
    <div className="mt-2">
      <p className="text-sm font-medium">佐证材料</p>
      <ul aria-label={label} className="mt-1 space-y-1 text-sm">
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <a href={attachmentHref(item.id)} className="break-all text-brand-700 underline" download>
              {item.fileName}
            </a>
            <span className="text-stone-500">{formatSize(item.size)}</span>
            {item.public && <span className="rounded bg-sky-50 px-1.5 py-0.5 text-xs text-sky-800">已设为公开</span>}
            {control?.(item)}
          </li>
        ))}
      </ul>
    </div>
  );
}
