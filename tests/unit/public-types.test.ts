import { describe, expect, expectTypeOf, it } from "vitest";
import { OPEN_DATA_COLUMNS, type OpenDataRow } from "@/lib/public/open-data";
import type { PublicNarrative, PublicPlan, PublicQuarterTable, PublicTaskRow } from "@/lib/public/types";
import { describePublicProgress, publicStatusLabels, type PublicStatus } from "@/lib/reporting/phrasing";

/**
 * The public types are the whole of what the public layer can return: these checks (run by
 * `npx tsc --noEmit` and by vitest) fail the moment a field is added to them, so that a report's
 * state, a review comment, a staff name or audit data cannot be given a place by accident.
 */

/** Names under which unpublished or internal data could travel. */
type Internal =
  | "state"
  | "reviewState"
  | "reviewComment"
  | "comment"
  | "filedBy"
  | "filedById"
  | "reviewedBy"
  | "reviewedById"
  | "reviewedAt"
  | "submittedAt"
  | "displayName"
  | "username"
  | "version"
  | "late"
  | "auditEvents"
  | "before"
  | "after"
  | "reports";

describe("the public types", () => {
  it("hold exactly the public fields of a task row", () => {
    expectTypeOf<keyof PublicTaskRow>().toEqualTypeOf<
      "taskId" | "leader" | "number" | "text" | "targets" | "progress" | "status" | "statusLabel" | "statusReason" | "leadUnits" | "units" | "publishedAt"
    >();
    expectTypeOf<Extract<keyof PublicTaskRow, Internal>>().toEqualTypeOf<never>();
    // Every field is a plain value: no nested row that could carry more.
    expectTypeOf<PublicTaskRow[keyof PublicTaskRow]>().toEqualTypeOf<number | string | null | string[] | Date>();
  });

  it("hold exactly the public fields of a plan and a table", () => {
    expectTypeOf<keyof PublicPlan>().toEqualTypeOf<"id" | "year" | "government" | "title" | "kind" | "quarters">();
    expectTypeOf<keyof PublicQuarterTable>().toEqualTypeOf<"plan" | "quarter" | "title" | "rows" | "lastPublishedAt">();
    expectTypeOf<Extract<keyof PublicPlan | keyof PublicQuarterTable, Internal>>().toEqualTypeOf<never>();
  });

  it("hold exactly the public fields of a published narrative: the unit, its text and its reasons when behind", () => {
    expectTypeOf<keyof PublicNarrative>().toEqualTypeOf<"unit" | "text" | "problems" | "nextSteps">();
    expectTypeOf<PublicNarrative[keyof PublicNarrative]>().toEqualTypeOf<string>();
  });

  it("give the open data exactly its documented columns", () => {
    expectTypeOf<keyof OpenDataRow>().toEqualTypeOf<(typeof OPEN_DATA_COLUMNS)[number]>();
    expectTypeOf<Extract<keyof OpenDataRow, Internal>>().toEqualTypeOf<never>();
  });
});

describe("the public's status", () => {
  it("says 暂无公开进展 where nothing is published, never 未填报: the unit may have filed what is not yet published", () => {
    expect(describePublicProgress({ status: "not_filed", reason: "未填报,目标增长≥2.5%" })).toEqual({
      status: "not_published",
      label: "暂无公开进展",
      text: "暂无公开进展",
    });
    expect(Object.values(publicStatusLabels)).not.toContain("未填报");
  });

  it("phrases every other status as the dashboard does", () => {
    expect(describePublicProgress({ status: "behind", reason: "增长1.9%,目标≥2.5%" })).toEqual({
      status: "behind",
      label: "慢于序时",
      text: "慢于序时:增长1.9%,目标≥2.5%",
    });
    const statuses: PublicStatus[] = ["behind", "missing_figure", "not_started", "in_progress", "on_track", "ahead", "completed", "not_published"];
    expect(Object.keys(publicStatusLabels).sort()).toEqual([...statuses].sort());
  });
});
