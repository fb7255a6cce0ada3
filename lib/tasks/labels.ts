import type { TaskKind } from "@/lib/generated/prisma/enums";

export const taskKindLabels: Record<TaskKind, string> = {
  key: "重点工作",
  livelihood: "民生实事",
  livelihood_project: "民生实事项目",
  policy: "政策条款",
  policy_area: "政策领域",
};
