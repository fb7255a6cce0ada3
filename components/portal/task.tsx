import { CHART_COLORS, TargetChartSvg } from "@/components/target-chart";
import { attachmentHref, formatSize } from "@/lib/attachments/limits";
import { quarterLabels } from "@/lib/periods/quarters";
import type { PublicGlossaryEntry, PublicPlanPage, PublicTask } from "@/lib/public/types";
import { formatFigure } from "@/lib/reporting/phrasing";
import { entryUnitOf, toEntry } from "@/lib/reporting/units";
import { taskKindLabels } from "@/lib/tasks/labels";
import { Breadcrumbs } from "./document";
import { StatusLine, publicDate } from "./parts";

function ChartLegend() {
  return (
    <p className="legend" aria-hidden="true">
      <span>
        <i style={{ background: CHART_COLORS.actual }} />
        累计完成
      </span>
      <span>
        <i className="dashed" style={{ borderColor: CHART_COLORS.expected }} />
        序时进度
      </span>
      <span>
        <i className="line" style={{ background: CHART_COLORS.target }} />
        全年目标
      </span>
    </p>
  );
}

/** A task on the portal: what was promised, who answers for it, every published quarter. */
export function TaskView({ page, task, glossary }: { page: PublicPlanPage; task: PublicTask; glossary: PublicGlossaryEntry[] }) {
  const { plan } = page;
  const leads = task.units.filter((unit) => unit.lead);
  const others = task.units.filter((unit) => !unit.lead);
  const published = [...task.quarters].reverse();
  return (
    <>
      <Breadcrumbs
        steps={[
          { label: "首页", href: "/public" },
          { label: plan.title, href: `/public/plans/${plan.id}` },
          { label: `${task.group ? `${task.group} · ` : ""}第${task.number}项` },
        ]}
      />
      <h1 className="task-h1">{task.text}</h1>
      <dl className="facts">
        {task.group && (
          <>
            <dt>所属</dt>
            <dd>{task.group}</dd>
          </>
        )}
        {task.leader && (
          <>
            <dt>分管市领导</dt>
            <dd>{task.leader}</dd>
          </>
        )}
        <dt>牵头单位</dt>
        <dd>{leads.map((unit) => unit.name).join("、") || "—"}</dd>
        {others.length > 0 && (
          <>
            <dt>配合单位</dt>
            <dd>{others.map((unit) => unit.name).join("、")}</dd>
          </>
        )}
        {task.deadline && (
          <>
            <dt>完成时限</dt>
            <dd>{task.deadline}</dd>
          </>
        )}
        <dt>类别</dt>
        <dd>{taskKindLabels[task.kind]}</dd>
        <dt>计划</dt>
        <dd>
          <a href={`/public/plans/${plan.id}`}>{plan.title}</a>({plan.government} · {plan.year}年)
        </dd>
        {task.originalText && task.originalText !== task.text && (
          <>
            <dt>文件原文</dt>
            <dd lang="zh-Hant">{task.originalText}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="targets-heading">
        <h2 id="targets-heading">目标</h2>
        {task.targets.length === 0 ? (
          <p>定性任务,没有数量目标;进展以文字说明。</p>
        ) : (
          <ul className="targets">
            {task.targets.map((target, index) => {
              const unit = entryUnitOf(target);
              return (
                <li key={target.id} className="card">
                  <h3>{target.original}</h3>
                  <p className="muted">按:{target.text}</p>
                  {task.quarters.length > 0 && (
                    <>
                      <div className="chart">
                        <TargetChartSvg
                          className="chart-svg"
                          unit={unit.label}
                          points={task.quarters.map((entry) => ({
                            quarter: quarterLabels[entry.quarter],
                            actual: entry.figures[index].actual === null ? null : toEntry(entry.figures[index].actual, unit),
                            expected: toEntry(entry.figures[index].expected, unit),
                            target: toEntry(target.value, unit),
                          }))}
                        />
                        <ChartLegend />
                      </div>
                      <table>
                        <caption>{target.original}:各季度累计完成与序时进度</caption>
                        <thead>
                          <tr>
                            <th scope="col">季度</th>
                            <th scope="col">累计完成</th>
                            <th scope="col">序时进度</th>
                            <th scope="col">状态</th>
                          </tr>
                        </thead>
                        <tbody>
                          {task.quarters.map((entry) => {
                            const figure = entry.figures[index];
                            return (
                              <tr key={entry.quarter}>
                                <th scope="row">{quarterLabels[entry.quarter]}</th>
                                <td>{figure.actual === null ? "—" : formatFigure(target, figure.actual)}</td>
                                <td>{formatFigure(target, figure.expected)}</td>
                                <td>{figure.reason}</td>
                              </tr>
                            );
                          })}
                        </tbody>
                      </table>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">各季度进展</h2>
        {published.length === 0 ? (
          <p className="empty">本计划还没有开始季度填报,暂无公开进展。</p>
        ) : (
          published.map((entry) => (
            <section key={entry.quarter} id={`q${entry.quarter}`} aria-labelledby={`q${entry.quarter}-heading`} className="quarter">
              <h3 id={`q${entry.quarter}-heading`}>
                {plan.year}年{quarterLabels[entry.quarter]}
                {entry.publishedAt && <span className="muted small">({publicDate(entry.publishedAt)}公开)</span>}
              </h3>
              <StatusLine status={entry.status} label={entry.label} sentence={entry.reason} />
              {entry.progress.length === 0 ? (
                <p className="muted">{entry.status === "not_published" ? "暂无经审核公开的进展。" : "已公开,没有文字说明。"}</p>
              ) : (
                entry.progress.map((narrative, index) => (
                  <div key={index} className="narrative">
                    {entry.progress.length > 1 && <p className="unit">{narrative.unit}</p>}
                    <p>{narrative.text}</p>
                    {narrative.problems && <p>存在问题:{narrative.problems}</p>}
                    {narrative.nextSteps && <p>下一步措施:{narrative.nextSteps}</p>}
                  </div>
                ))
              )}
              {entry.attachments.length > 0 && (
                <div className="attachments">
                  <h4>佐证材料</h4>
                  <ul aria-label={`${quarterLabels[entry.quarter]}佐证材料`}>
                    {entry.attachments.map((attachment) => (
                      <li key={attachment.id}>
                        <a href={attachmentHref(attachment.id)}>{attachment.name}</a>
                        <span className="muted small">
                          ({entry.attachments.some((other) => other.unit !== attachment.unit) ? `${attachment.unit},` : ""}
                          {formatSize(attachment.size)})
                        </span>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </section>
          ))
        )}
      </section>

      {glossary.length > 0 && (
        <section aria-labelledby="glossary-heading">
          <h2 id="glossary-heading">名词解释</h2>
          <dl className="glossary">
            {glossary.map((entry) => (
              <div key={entry.term}>
                <dt>{entry.term}</dt>
                <dd>{entry.explanation}</dd>
              </div>
            ))}
          </dl>
          <p className="muted small">摘自{plan.government}政府工作报告的名词解释。</p>
        </section>
      )}
    </>
  );
}
