/**
 * Slogans a work report explains ("3510", "田园五镇") and the texts that use them: the task pages,
 * signed in and public, show the explanation of every term the task's text contains, once.
 */
export function termsUsedIn<E extends { term: string }>(text: string, entries: readonly E[]): E[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    if (seen.has(entry.term) || !text.includes(entry.term)) return false;
    seen.add(entry.term);
    return true;
  });
}
