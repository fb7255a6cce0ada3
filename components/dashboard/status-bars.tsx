"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { progressStatusLabels, progressStatusOrder, type ProgressStatus } from "@/lib/progress";
import { statusColors } from "./status-colors";

export interface StatusBarRow {
  name: string;
  counts: Record<ProgressStatus, number>;
}

/**
 * Stacked status bars, one per leader, unit or quarter. The chart is decoration for sighted
 * readers: the same figures are in the table next to it (screen readers, print).
 */
export function StatusBars({ rows, layout = "vertical", height }: { rows: StatusBarRow[]; layout?: "vertical" | "horizontal"; height?: number }) {
  const data = rows.map((row) => ({ name: row.name, ...row.counts }));
  const horizontalBars = layout === "vertical";
  return (
    <div aria-hidden="true" className="w-full print:hidden" style={{ height: height ?? (horizontalBars ? Math.max(160, rows.length * 28 + 60) : 260) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} layout={layout} margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          {horizontalBars ? (
            <>
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={96} tick={{ fontSize: 12 }} />
            </>
          ) : (
            <>
              <XAxis dataKey="name" />
              <YAxis allowDecimals={false} />
            </>
          )}
          <Tooltip />
          <Legend />
          {progressStatusOrder.map((status) => (
            <Bar key={status} dataKey={status} name={progressStatusLabels[status]} stackId="status" fill={statusColors[status]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
