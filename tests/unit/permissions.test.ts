import { describe, expect, it } from "vitest";
import type { ReviewState } from "@/lib/generated/prisma/enums";
import {
  canCorrectTasks,
  canEditReport,
  canImport,
  canManagePeriods,
  canManageUsers,
  canReadOverview,
  canRemind,
  canReview,
  isOffice,
  isUnitOnTask,
  isUnitStaff,
  type Actor,
} from "@/lib/permissions";
import { canReadReport, canReadTask, countsForViewer, type TaskScope, type Viewer } from "@/lib/reporting/visibility";

/**
 * Every permission predicate over every kind of viewer, written out as tables from the rules in
 * the comments of lib/permissions.ts and lib/reporting/visibility.ts. Nothing here is computed by
 * the code under test: each row says what the rules say.
 */

const LEAD = 1;
const CO = 2;
const OTHER = 3;

const actor = (role: Actor["role"], unitId: number | null, leaderName: string | null): Actor => ({ id: 100, role, unitId, leaderName, displayName: "测试" });

const actors = {
  /** Staff of the unit that leads the task (★). */
  leadStaff: actor("unit_staff", LEAD, null),
  /** Staff of a co-unit of the task. */
  coStaff: actor("unit_staff", CO, null),
  /** Staff of a unit not on the task (it leads `unledTask`). */
  otherStaff: actor("unit_staff", OTHER, null),
  staffWithoutUnit: actor("unit_staff", null, null),
  office: actor("office", null, null),
  /** An office account that still carries a unit: the role decides, not the unit. */
  officeWithUnit: actor("office", LEAD, null),
  leaderInCharge: actor("leader", null, "张斌"),
  otherLeader: actor("leader", null, "金一"),
  leaderWithoutName: actor("leader", null, null),
} satisfies Record<string, Actor>;

type ActorName = keyof typeof actors;
type ViewerName = ActorName | "public";

const viewerOf = (name: ViewerName): Viewer => (name === "public" ? null : actors[name]);

/** The task: 张斌 in charge, LEAD leads, CO helps. */
const task: TaskScope = { leaderName: "张斌", units: [{ unitId: LEAD, isLead: true }, { unitId: CO, isLead: false }] };
/** A task without a leader, OTHER alone (and leading). */
const unledTask: TaskScope = { leaderName: null, units: [{ unitId: OTHER, isLead: true }] };

const STATES: Record<string, ReviewState> = { D: "draft", S: "submitted", R: "returned", A: "approved", P: "published" };
const ALL_STATES = Object.values(STATES);
/** "SAP" → submitted, approved, published. */
const states = (letters: string): ReviewState[] => [...letters].map((letter) => STATES[letter]);

describe("role predicates", () => {
  // actor, isUnitStaff, isOffice, canReview, canRemind, canManageUsers, canManagePeriods, canImport, canCorrectTasks, canReadOverview
  const ROWS: Array<[ActorName, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean]> = [
    ["leadStaff", true, false, false, false, false, false, false, false, false],
    ["coStaff", true, false, false, false, false, false, false, false, false],
    ["otherStaff", true, false, false, false, false, false, false, false, false],
    ["staffWithoutUnit", false, false, false, false, false, false, false, false, false],
    ["office", false, true, true, true, true, true, true, true, true],
    ["officeWithUnit", false, true, true, true, true, true, true, true, true],
    ["leaderInCharge", false, false, false, false, false, false, false, false, true],
    ["otherLeader", false, false, false, false, false, false, false, false, true],
    ["leaderWithoutName", false, false, false, false, false, false, false, false, true],
  ];

  it("covers every actor", () => {
    expect(ROWS.map(([name]) => name).sort()).toEqual(Object.keys(actors).sort());
  });

  it.each(ROWS)(
    "%s: isUnitStaff %s, isOffice %s, canReview %s, canRemind %s, canManageUsers %s, canManagePeriods %s, canImport %s, canCorrectTasks %s, canReadOverview %s",
    (name, unitStaff, office, review, remind, users, periods, importing, correct, overview) => {
      const who = actors[name];
      expect({
        isUnitStaff: isUnitStaff(who),
        isOffice: isOffice(who),
        canReview: canReview(who),
        canRemind: canRemind(who),
        canManageUsers: canManageUsers(who),
        canManagePeriods: canManagePeriods(who),
        canImport: canImport(who),
        canCorrectTasks: canCorrectTasks(who),
        canReadOverview: canReadOverview(who),
      }).toEqual({
        isUnitStaff: unitStaff,
        isOffice: office,
        canReview: review,
        canRemind: remind,
        canManageUsers: users,
        canManagePeriods: periods,
        canImport: importing,
        canCorrectTasks: correct,
        canReadOverview: overview,
      });
    },
  );
});

describe("isUnitOnTask", () => {
  // actor, on `task` (LEAD ★, CO), on `unledTask` (OTHER)
  const ROWS: Array<[ActorName, boolean, boolean]> = [
    ["leadStaff", true, false],
    ["coStaff", true, false],
    ["otherStaff", false, true],
    ["staffWithoutUnit", false, false],
    ["office", false, false],
    ["officeWithUnit", false, false],
    ["leaderInCharge", false, false],
    ["otherLeader", false, false],
    ["leaderWithoutName", false, false],
  ];

  it.each(ROWS)("%s: on the task %s, on the task without leader %s", (name, onTask, onUnled) => {
    expect(isUnitOnTask(actors[name], task)).toBe(onTask);
    expect(isUnitOnTask(actors[name], unledTask)).toBe(onUnled);
  });
});

describe("canReadTask", () => {
  // viewer, reads `task` (张斌; LEAD ★, CO), reads `unledTask` (no leader; OTHER)
  const ROWS: Array<[ViewerName, boolean, boolean]> = [
    ["public", true, true],
    ["leadStaff", true, false],
    ["coStaff", true, false],
    ["otherStaff", false, true],
    ["staffWithoutUnit", false, false],
    ["office", true, true],
    ["officeWithUnit", true, true],
    ["leaderInCharge", true, false],
    ["otherLeader", false, false],
    ["leaderWithoutName", false, false],
  ];

  it("covers every viewer", () => {
    expect(ROWS.map(([name]) => name).sort()).toEqual([...Object.keys(actors), "public"].sort());
  });

  it.each(ROWS)("%s: the task %s, the task without leader %s", (name, readsTask, readsUnled) => {
    expect(canReadTask(viewerOf(name), task)).toBe(readsTask);
    expect(canReadTask(viewerOf(name), unledTask)).toBe(readsUnled);
  });
});

/** Whose report: the lead unit's, the co-unit's, OTHER's on `task` (a unit no longer on it), OTHER's on `unledTask`. */
type Owner = "lead" | "co" | "former" | "unled";
const reportOf = (owner: Owner, state: ReviewState): { scope: TaskScope; report: { unitId: number; state: ReviewState } } => {
  switch (owner) {
    case "lead":
      return { scope: task, report: { unitId: LEAD, state } };
    case "co":
      return { scope: task, report: { unitId: CO, state } };
    case "former":
      return { scope: task, report: { unitId: OTHER, state } };
    case "unled":
      return { scope: unledTask, report: { unitId: OTHER, state } };
  }
};

describe("canReadReport and countsForViewer", () => {
  // viewer, whose report, states the viewer reads, states that count for the viewer (D draft, S submitted, R returned, A approved, P published)
  const ROWS: Array<[ViewerName, Owner, string, string]> = [
    // The public: published reports only.
    ["public", "lead", "P", "P"],
    ["public", "co", "P", "P"],
    ["public", "former", "P", "P"],
    ["public", "unled", "P", "P"],
    // The lead unit: its own reports in every state, the co-units' filed ones.
    ["leadStaff", "lead", "DSRAP", "SAP"],
    ["leadStaff", "co", "SAP", "SAP"],
    ["leadStaff", "former", "SAP", "SAP"],
    ["leadStaff", "unled", "P", "P"],
    // A co-unit: its own reports in every state, the others' once published.
    ["coStaff", "lead", "P", "P"],
    ["coStaff", "co", "DSRAP", "SAP"],
    ["coStaff", "former", "P", "P"],
    ["coStaff", "unled", "P", "P"],
    // OTHER's own report on a task it is no longer responsible for: published only; on its own task: everything.
    ["otherStaff", "lead", "P", "P"],
    ["otherStaff", "co", "P", "P"],
    ["otherStaff", "former", "P", "P"],
    ["otherStaff", "unled", "DSRAP", "SAP"],
    ["staffWithoutUnit", "lead", "P", "P"],
    ["staffWithoutUnit", "co", "P", "P"],
    ["staffWithoutUnit", "former", "P", "P"],
    ["staffWithoutUnit", "unled", "P", "P"],
    // The office: everything but drafts, returned reports included; returned ones are not progress.
    ["office", "lead", "SRAP", "SAP"],
    ["office", "co", "SRAP", "SAP"],
    ["office", "former", "SRAP", "SAP"],
    ["office", "unled", "SRAP", "SAP"],
    ["officeWithUnit", "lead", "SRAP", "SAP"],
    ["officeWithUnit", "co", "SRAP", "SAP"],
    ["officeWithUnit", "former", "SRAP", "SAP"],
    ["officeWithUnit", "unled", "SRAP", "SAP"],
    // A leader: the filed reports of the tasks in their charge, any unit's.
    ["leaderInCharge", "lead", "SAP", "SAP"],
    ["leaderInCharge", "co", "SAP", "SAP"],
    ["leaderInCharge", "former", "SAP", "SAP"],
    ["leaderInCharge", "unled", "P", "P"],
    ["otherLeader", "lead", "P", "P"],
    ["otherLeader", "co", "P", "P"],
    ["otherLeader", "former", "P", "P"],
    ["otherLeader", "unled", "P", "P"],
    // A leader account without a name is in charge of nothing, not of the tasks without a leader.
    ["leaderWithoutName", "lead", "P", "P"],
    ["leaderWithoutName", "co", "P", "P"],
    ["leaderWithoutName", "former", "P", "P"],
    ["leaderWithoutName", "unled", "P", "P"],
  ];

  it("covers every viewer and every owner", () => {
    expect(ROWS.length).toBe((Object.keys(actors).length + 1) * 4);
  });

  const CASES = ROWS.flatMap(([viewer, owner, reads, counts]) =>
    ALL_STATES.map((state) => [viewer, owner, state, states(reads).includes(state), states(counts).includes(state)] as const),
  );

  it.each(CASES)("%s, %s unit's %s report: reads %s, counts %s", (viewer, owner, state, reads, counts) => {
    const { scope, report } = reportOf(owner, state);
    expect(canReadReport(viewerOf(viewer), scope, report)).toBe(reads);
    expect(countsForViewer(viewerOf(viewer), scope, report)).toBe(counts);
  });
});

describe("canEditReport", () => {
  const open = { closed: false };
  const closed = { closed: true };

  // actor, may start a new report on `task` while the period is open, while it is closed
  const NEW: Array<[ActorName, boolean, boolean]> = [
    ["leadStaff", true, false],
    ["coStaff", true, false],
    ["otherStaff", false, false],
    ["staffWithoutUnit", false, false],
    ["office", false, false],
    ["officeWithUnit", false, false],
    ["leaderInCharge", false, false],
    ["otherLeader", false, false],
    ["leaderWithoutName", false, false],
  ];

  it.each(NEW)("%s: a new report, period open %s, closed %s", (name, whenOpen, whenClosed) => {
    expect(canEditReport(actors[name], task, null, open)).toBe(whenOpen);
    expect(canEditReport(actors[name], task, null, closed)).toBe(whenClosed);
  });

  // actor, whose report on `task` (or OTHER's on its own `unledTask`), states editable while the period is open, while it is closed
  const EXISTING: Array<[ActorName, Owner, string, string]> = [
    ["leadStaff", "lead", "DR", ""],
    ["leadStaff", "co", "", ""],
    ["leadStaff", "former", "", ""],
    ["coStaff", "lead", "", ""],
    ["coStaff", "co", "DR", ""],
    ["otherStaff", "former", "", ""],
    ["otherStaff", "unled", "DR", ""],
    ["otherStaff", "lead", "", ""],
    ["staffWithoutUnit", "lead", "", ""],
    ["office", "lead", "", ""],
    ["office", "unled", "", ""],
    ["officeWithUnit", "lead", "", ""],
    ["leaderInCharge", "lead", "", ""],
    ["leaderInCharge", "co", "", ""],
    ["otherLeader", "lead", "", ""],
    ["leaderWithoutName", "unled", "", ""],
  ];

  const CASES = EXISTING.flatMap(([name, owner, whenOpen, whenClosed]) =>
    ALL_STATES.map((state) => [name, owner, state, states(whenOpen).includes(state), states(whenClosed).includes(state)] as const),
  );

  it.each(CASES)("%s, %s unit's %s report: period open %s, closed %s", (name, owner, state, whenOpen, whenClosed) => {
    const { scope, report } = reportOf(owner, state);
    expect(canEditReport(actors[name], scope, report, open)).toBe(whenOpen);
    expect(canEditReport(actors[name], scope, report, closed)).toBe(whenClosed);
  });
});
