import { describe, expect, it } from "vitest";
import { actorLabel } from "@/lib/reporting/history";

describe("who acted, as the task history names them", () => {
  const leader = { name: "张斌", title: "副市长" };

  it("names department staff by their own unit and the office as 市府办", () => {
    expect(actorLabel({ displayName: "张伟", role: "unit_staff", unit: { name: "发改局" }, leaderName: null }, leader)).toBe("张伟(发改局)");
    expect(actorLabel({ displayName: "李明", role: "office", unit: null, leaderName: null }, leader)).toBe("李明(市府办)");
  });

  it("names a leader by their title in the task's plan, else as 分管市领导", () => {
    expect(actorLabel({ displayName: "张斌", role: "leader", unit: null, leaderName: "张斌" }, leader)).toBe("张斌(副市长)");
    expect(actorLabel({ displayName: "张斌", role: "leader", unit: null, leaderName: "张斌" }, { name: "张斌", title: null })).toBe("张斌(分管市领导)");
    expect(actorLabel({ displayName: "王五", role: "leader", unit: null, leaderName: "王五" }, leader)).toBe("王五(分管市领导)");
  });

  it("does not repeat where a person stands when their name already says it", () => {
    expect(actorLabel({ displayName: "市府办 李明", role: "office", unit: null, leaderName: null }, null)).toBe("市府办 李明");
    expect(actorLabel({ displayName: "发改局 张伟", role: "unit_staff", unit: { name: "发改局" }, leaderName: null }, null)).toBe("发改局 张伟");
  });
});
