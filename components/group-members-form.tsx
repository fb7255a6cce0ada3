"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { defineGroupMembersAction } from "@/app/actions/units/define-group-members";
import { FormMessage, useFormAction } from "@/components/use-form-action";

/**
 * Picks a group's member units: a filter box above the government's units as checkboxes (Tab and
 * Space from the keyboard, Enter in the filter box picks the first unit shown), the chosen ones
 * listed above as buttons that take them out again. What is chosen stays while the filter changes,
 * and after a refused save.
 */
export function GroupMembersForm({
  action,
  group,
  units,
}: {
  action: typeof defineGroupMembersAction;
  group: { id: number; name: string; memberIds: number[] };
  units: Array<{ id: number; name: string }>;
}) {
  const { result, formAction, pending } = useFormAction(action);
  // The picker lists every unit of the government: drawn only for the group being edited, so that a
  // page of many groups stays small.
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<number[]>(group.memberIds);
  const filterBox = useRef<HTMLInputElement>(null);
  // The button that opened the picker is gone: the keyboard continues in the filter box.
  useEffect(() => {
    if (open) filterBox.current?.focus();
  }, [open]);
  const [filter, setFilter] = useState("");
  const id = useId();
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  const query = filter.trim();
  const shown = query ? units.filter((unit) => unit.name.includes(query)) : units;
  const toggle = (unitId: number) => setChosen((current) => (current.includes(unitId) ? current.filter((other) => other !== unitId) : [...current, unitId]));

  function onFilterKey(event: KeyboardEvent<HTMLInputElement>) {
    // Enter in the filter box would send the form: it picks the first unit shown instead.
    if (event.key !== "Enter") return;
    event.preventDefault();
    if (query && shown[0] && !chosen.includes(shown[0].id)) toggle(shown[0].id);
  }

  if (!open) {
    return (
      <div className="space-y-2">
        <FormMessage result={result} />
        <button type="button" onClick={() => setOpen(true)} aria-expanded="false" className="btn-secondary">
          设定成员单位
        </button>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="groupId" value={group.id} />
      {chosen.map((unitId) => (
        <input key={unitId} type="hidden" name="memberId" value={unitId} />
      ))}
      <div>
        <p id={`${id}-chosen`} className="text-sm font-medium" aria-live="polite">
          已选成员单位 {chosen.length} 个
        </p>
        {chosen.length === 0 ? (
          <p className="text-sm text-stone-600">尚未选择。保存后,列有“{group.name}”的任务不会增加配合单位。</p>
        ) : (
          <ul className="mt-1 flex flex-wrap gap-2" aria-labelledby={`${id}-chosen`}>
            {chosen.map((unitId) => (
              <li key={unitId}>
                <button
                  type="button"
                  onClick={() => toggle(unitId)}
                  aria-label={`移除${names.get(unitId)}`}
                  className="rounded-full border border-brand-700 px-3 py-1 text-sm text-brand-700 hover:bg-brand-50"
                >
                  {names.get(unitId)} <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-filter`} className="text-sm font-medium">
          查找单位
        </label>
        <input
          ref={filterBox}
          id={`${id}-filter`}
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={onFilterKey}
          placeholder="输入单位名称的一部分,回车选中第一个"
          aria-describedby={`${id}-count`}
          className="input mt-1 w-full"
        />
        <p id={`${id}-count`} className="mt-1 text-xs text-stone-600">
          {query ? `“${query}”匹配 ${shown.length} 个单位` : `共 ${units.length} 个单位`}
        </p>
      </div>
      <fieldset>
        <legend className="sr-only">{group.name}的成员单位</legend>
        {shown.length === 0 ? (
          <p className="text-sm text-stone-600">没有名称含“{query}”的单位。</p>
        ) : (
          <ul className="max-h-64 overflow-y-auto rounded border border-stone-200 sm:columns-2">
            {shown.map((unit) => (
              <li key={unit.id} className="break-inside-avoid">
                <label className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm hover:bg-stone-50">
                  <input type="checkbox" checked={chosen.includes(unit.id)} onChange={() => toggle(unit.id)} className="h-4 w-4" />
                  {unit.name}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <div className="space-y-2">
        <FormMessage result={result} />
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={pending} className="btn-primary">
            {pending ? "保存中…" : `保存“${group.name}”的成员`}
          </button>
          <button type="button" onClick={() => setOpen(false)} aria-expanded="true" className="btn-secondary">
            收起
          </button>
        </div>
      </div>
    </form>
  );
}
