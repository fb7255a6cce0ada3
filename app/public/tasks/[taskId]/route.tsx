import { excerpt } from "@/components/portal/parts";
import { TaskView } from "@/components/portal/task";
import { termsUsedIn } from "@/lib/plans/glossary";
import { publicReads } from "@/lib/public/cache";
import { idParam } from "@/lib/zod/form";
import { cachedPortalPage, portalNotFound, rememberedPortalPage } from "../../respond";

export const dynamic = "force-dynamic";

/** GET /public/tasks/{taskId}: a task on the portal, at an address that stays the task's across re-imports. */
export async function GET(request: Request, { params }: { params: Promise<{ taskId: string }> }) {
  const taskId = idParam((await params).taskId);
  const reads = await publicReads();
  const remembered = taskId === null ? null : rememberedPortalPage(request, reads.revision, `/public/tasks/${taskId}`);
  if (remembered) return remembered;
  const planId = taskId === null ? null : await reads.taskPlan(taskId);
  const page = planId === null ? null : await reads.planPage(planId);
  const task = page?.tasks.find((candidate) => candidate.id === taskId);
  if (!page || !task) return portalNotFound(request, "没有这项任务。它可能已从计划中移除;可以回到首页查找。");
  return cachedPortalPage(request, reads.revision, `/public/tasks/${task.id}`, async () => ({
    meta: {
      title: excerpt(task.text, 30),
      description: `${page.plan.title}:${task.text}`.slice(0, 160),
      feed: { href: `/public/plans/${page.plan.id}/feed.xml`, title: `${page.plan.title}:新公开的进展` },
    },
    body: <TaskView page={page} task={task} glossary={termsUsedIn(task.text, page.glossary)} />,
  }));
}
