/**
 * Document order and leader grouping, as the notices and the quarterly table have them: tasks
 * grouped by the vice-mayor in charge, leaders in the order the document names them (their ids
 * are given in that order on import), tasks without a leader last; within a leader, the order
 * of the document's lines.
 */

const LAST = Number.MAX_SAFE_INTEGER;

/** Sort key of a leader: the order the document names them, no leader last. */
export function leaderRank(leaderId: number | null): number {
  return leaderId ?? LAST;
}

/** Sort comparator of tasks in document order. */
export function compareDocumentOrder(
  a: { leaderId: number | null; sourceLine: number | null; id: number },
  b: { leaderId: number | null; sourceLine: number | null; id: number },
): number {
  return leaderRank(a.leaderId) - leaderRank(b.leaderId) || (a.sourceLine ?? LAST) - (b.sourceLine ?? LAST) || a.id - b.id;
}

/**
 * Consecutive rows of the same leader as one block, numbered 1..n within it as the documents
 * number each leader's list; rows without a leader (a notice without leaders) form one list too.
 */
export function leaderBlocks<Row>(rows: readonly Row[], leaderOf: (row: Row) => string | null): Row[][] {
  const blocks: Row[][] = [];
  for (const row of rows) {
    const last = blocks.at(-1);
    if (last && leaderOf(last[0]) === leaderOf(row)) last.push(row);
    else blocks.push([row]);
  }
  return blocks;
}
