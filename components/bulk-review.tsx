"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import type { reviewReportsAction } from "@/app/actions/reports/review-reports";
import { useAnnounce } from "@/components/announcer";
import { REVIEW_STEPS } from "@/lib/reporting/states";
import { BULK_DECISIONS } from "@/lib/zod/review";

type BulkResult = Awaited<ReturnType<typeof reviewReportsAction>>;
type BulkDecision = (typeof BULK_DECISIONS)[number];

export const BULK_FORM_ID = "bulk-review";

/**
 * A queue item's checkbox. It belongs to the bulk form by its `form` attribute, so it can sit in
 * the item beside the report's own review form; its value is the report and the version the
 * office read, so that a report changed meanwhile is skipped rather than overwritten.
 */
export function BulkSelect({ reportId, version, decision, label }: { reportId: number; version: number; decision: BulkDecision; label: string }) {
  return (
    <label className="inline-flex items-center gap-2 text-sm">
      <input type="checkbox" name="report" value={`${reportId}:${version}`} form={BULK_FORM_ID} data-decision={decision} className="size-5" />
      选择<span className="sr-only">{label}</span>
    </label>
  );
}

function checkboxes(form: HTMLFormElement | null): HTMLInputElement[] {
  if (!form) return [];
  return [...form.elements].filter((element): element is HTMLInputElement => element instanceof HTMLInputElement && element.name === "report");
}

/**
 * Select-all and the bulk decisions (审核通过 / 公开) on the checked reports; each button sends only
 * the checked reports it applies to and says how many.
 */
export function BulkReviewBar({ action }: { action: typeof reviewReportsAction }) {
  const formRef = useRef<HTMLFormElement>(null);
  const selectAllRef = useRef<HTMLInputElement>(null);
  const announce = useAnnounce();
  const [selected, setSelected] = useState<Record<BulkDecision, number>>({ approve: 0, publish: 0 });
  const [total, setTotal] = useState(0);

  // The checkboxes live in the queue's items, outside this form: count them on every change.
  useEffect(() => {
    const recount = () => {
      const boxes = checkboxes(formRef.current);
      const checked = boxes.filter((box) => box.checked);
      setTotal(boxes.length);
      const approve = checked.filter((box) => box.dataset.decision === "approve").length;
      const publish = checked.filter((box) => box.dataset.decision === "publish").length;
      // The same counts keep the same state: a redraw would call the observer below again.
      setSelected((current) => (current.approve === approve && current.publish === publish ? current : { approve, publish }));
      if (selectAllRef.current) {
        selectAllRef.current.checked = boxes.length > 0 && checked.length === boxes.length;
        selectAllRef.current.indeterminate = checked.length > 0 && checked.length < boxes.length;
      }
    };
    recount();
    document.addEventListener("change", recount);
    // The queue is redrawn after every decision: its items (and their checkboxes) change.
    const observer = new MutationObserver(recount);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      document.removeEventListener("change", recount);
      observer.disconnect();
    };
  }, []);

  const [result, formAction, pending] = useActionState<BulkResult | null, FormData>(async (_previous, form) => {
    const decision = form.get("decision") as BulkDecision;
    // Only the checked reports the decision applies to (an approved report is not approved again).
    const send = new FormData();
    send.set("decision", decision);
    for (const box of checkboxes(formRef.current)) if (box.checked && box.dataset.decision === decision) send.append("report", box.value);
    const outcome = await action(null, send);
    if (outcome.ok) {
      for (const box of checkboxes(formRef.current)) box.checked = false;
      document.dispatchEvent(new Event("change"));
      announce?.(outcome.message ?? "");
    }
    return outcome;
  }, null);
  const failed = result && !result.ok ? result : null;
  const shownOk = result && result.ok && !announce ? result : null;

  return (
    <form id={BULK_FORM_ID} ref={formRef} action={formAction} aria-label="批量审核" className="card flex flex-wrap items-center gap-3">
      <label className="inline-flex items-center gap-2 text-sm font-medium">
        <input
          ref={selectAllRef}
          type="checkbox"
          className="size-5"
          disabled={total === 0}
          onChange={(event) => {
            for (const box of checkboxes(formRef.current)) box.checked = event.target.checked;
            document.dispatchEvent(new Event("change"));
          }}
        />
        全选本页
      </label>
      <span className="text-sm text-stone-600">已选 {selected.approve + selected.publish} 份</span>
      {BULK_DECISIONS.map((decision) => (
        <button key={decision} type="submit" name="decision" value={decision} disabled={pending || selected[decision] === 0} className="btn-primary">
          {`${REVIEW_STEPS[decision].verb}所选(${selected[decision]})`}
        </button>
      ))}
      {pending && <span className="text-sm text-stone-600">正在处理…</span>}
      {failed && (
        <p role="alert" className="w-full text-sm text-red-700">
          {failed.message}
          {failed.errors ? `:${Object.values(failed.errors).flat().join(";")}` : ""}
        </p>
      )}
      {shownOk && (
        <p role="status" className="w-full text-sm text-emerald-800">
          {shownOk.message}
        </p>
      )}
    </form>
  );
}
