/** A report's text as the quarterly table, the open data and the feed write it. Plain functions. */

/** Ends a part of a progress text with a full stop unless it ends with a stop of its own. */
const sentence = (text: string) => (/[。;;!!??.]$/.test(text) ? text : `${text}。`);

/**
 * A report's text in the progress cell: the narrative, then its 存在问题 and 下一步措施 where it
 * gives them (lib/reports/behind.ts). The official table has no column of their own: offices
 * write them into the 完成情况 cell ("…下一步将继续强化协同联动", seeds/000).
 */
export function reportText(report: { narrative: string; problems: string; nextSteps: string }): string {
  const parts = [
    report.narrative.trim(),
    report.problems.trim() && `存在问题:${report.problems.trim()}`,
    report.nextSteps.trim() && `下一步措施:${report.nextSteps.trim()}`,
  ].filter(Boolean);
  return parts.map((part, index) => (index < parts.length - 1 ? sentence(part) : part)).join("");
}
