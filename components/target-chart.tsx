export interface TargetChartPoint {
  quarter: string;
  actual: number | null;
  expected: number;
  target: number;
}

const WIDTH = 400;
const HEIGHT = 200;
const PLOT = { left: 52, right: 12, top: 22, bottom: 24 };
export const CHART_COLORS = { actual: "#9f1d20", expected: "#2563eb", target: "#57534e" };

/** An axis figure, in the unit written above the axis (3 for 3万千瓦 under "万千瓦"): never 万 or 亿 again. */
function axisLabel(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** The axis top: the largest figure with some headroom, rounded up to a round number (6, 250, 3万). */
function niceTop(max: number): number {
  if (!(max > 0)) return 1;
  const wanted = max * 1.08;
  const magnitude = 10 ** Math.floor(Math.log10(wanted));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((candidate) => candidate * magnitude >= wanted) ?? 10;
  return step * magnitude;
}

/**
 * Actual (bars) against the target and the 序时进度 line across the quarters, drawn on the
 * server as SVG: no chart script reaches the browser. Figures are in `unit`, the target's entry
 * unit (lib/reporting/units.ts), which is written above the axis. The task page and the public
 * portal's task page draw it; each writes its own legend.
 */
export function TargetChartSvg({ points, unit, className }: { points: TargetChartPoint[]; unit: string; className?: string }) {
  const top = niceTop(Math.max(...points.flatMap((point) => [point.actual ?? 0, point.expected, point.target])));
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const slot = plotWidth / Math.max(1, points.length);
  const x = (index: number) => PLOT.left + slot * (index + 0.5);
  const y = (value: number) => PLOT.top + plotHeight * (1 - Math.max(0, value) / top);
  const line = (values: number[]) => values.map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`).join(" ");
  const ticks = [0, top / 2, top];
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className={className} fontSize="11" fill="#57534e" aria-hidden="true">
      <text x={4} y={12}>
        {unit}
      </text>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(tick)} y2={y(tick)} stroke="#e7e5e4" strokeDasharray="3 3" />
          <text x={PLOT.left - 6} y={y(tick) + 4} textAnchor="end">
            {axisLabel(tick)}
          </text>
        </g>
      ))}
      {points.map((point, index) => (
        <g key={point.quarter}>
          {point.actual !== null && (
            <rect x={x(index) - slot * 0.2} y={y(point.actual)} width={slot * 0.4} height={y(0) - y(point.actual)} fill={CHART_COLORS.actual} />
          )}
          <text x={x(index)} y={HEIGHT - 8} textAnchor="middle">
            {point.quarter}
          </text>
        </g>
      ))}
      <polyline points={line(points.map((point) => point.target))} fill="none" stroke={CHART_COLORS.target} strokeWidth={1.5} />
      <polyline points={line(points.map((point) => point.expected))} fill="none" stroke={CHART_COLORS.expected} strokeWidth={1.5} strokeDasharray="5 3" />
      {points.map((point, index) => (
        <circle key={point.quarter} cx={x(index)} cy={y(point.expected)} r={2.5} fill={CHART_COLORS.expected} />
      ))}
    </svg>
  );
}

/** The chart with its legend, for the signed-in task page. Decoration for sighted readers: the table below it carries the same figures. */
export function TargetChart({ points, unit }: { points: TargetChartPoint[]; unit: string }) {
  return (
    <div aria-hidden="true" className="w-full print:hidden">
      <TargetChartSvg points={points} unit={unit} className="h-56 w-full" />
      <p className="flex flex-wrap justify-center gap-x-4 text-xs text-stone-600">
        <span>
          <span className="mr-1 inline-block size-2.5" style={{ backgroundColor: CHART_COLORS.actual }} />
          累计完成
        </span>
        <span>
          <span className="mr-1 inline-block h-0.5 w-4 border-t-2 border-dashed align-middle" style={{ borderColor: CHART_COLORS.expected }} />
          序时进度
        </span>
        <span>
          <span className="mr-1 inline-block h-0.5 w-4 align-middle" style={{ backgroundColor: CHART_COLORS.target }} />
          全年目标
        </span>
      </p>
    </div>
  );
}
