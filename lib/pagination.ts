import { z } from "zod";

/**
 * Pages of a long list, for pages that must stay small whatever the size of the plan: the
 * dashboard's lists, the quarterly table, "my tasks". The page number lives in the URL (a link,
 * so it works without JavaScript); one out of range shows the nearest page.
 */
export interface PageOf<T> {
  items: T[];
  /** 1-based, within 1..pageCount. */
  page: number;
  pageCount: number;
  /** Items in the whole list. */
  total: number;
  /** 1-based position of the first and last item shown (0, 0 for an empty list). */
  from: number;
  to: number;
}

/** A page number from the URL: a positive integer, else none (the first page). */
export const pageParam = z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined);

/** The page's bounds in a list of `total` items. */
export function pageBounds(total: number, page: number | undefined, size: number) {
  const pageCount = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(1, page ?? 1), pageCount);
  const start = (current - 1) * size;
  const end = Math.min(total, start + size);
  return { page: current, pageCount, total, start, end, from: total === 0 ? 0 : start + 1, to: end };
}

export function paginate<T>(items: readonly T[], page: number | undefined, size: number): PageOf<T> {
  const { start, end, ...bounds } = pageBounds(items.length, page, size);
  return { ...bounds, items: items.slice(start, end) };
}

/** The page numbers a pager shows: the first, the last and two either side of the current one; null for a gap. */
export function pageWindow(page: number, pageCount: number): Array<number | null> {
  const shown: Array<number | null> = [];
  for (let n = 1; n <= pageCount; n++) {
    if (n === 1 || n === pageCount || Math.abs(n - page) <= 2) shown.push(n);
    else if (shown.at(-1) !== null) shown.push(null);
  }
  return shown;
}
