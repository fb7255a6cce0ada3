"use client";

import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis, Bar } from "recharts";

export interface TargetChartPoint {
  quarter: string;
  actual: number | null;
  expected: number;
  target: number;
}

/** Actual (bars) against the target and the 序时进度 line across the quarters; the table below it carries the same figures. */
export function TargetChart({ points, unit }: { points: TargetChartPoint[]; unit: string }) {
  return (
    <div aria-hidden="true" className="h-56 w-full print:hidden">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart accessibilityLayer={false} data={points} margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="quarter" />
          <YAxis width={64} tickFormatter={(value: number) => `${value}`} />
          <Tooltip formatter={(value) => `${String(value)} ${unit}`} />
          <Legend />
          <Bar dataKey="actual" name="累计完成" fill="#9f1d20" isAnimationActive={false} />
          <Line dataKey="expected" name="序时进度" stroke="#2563eb" strokeDasharray="5 3" dot isAnimationActive={false} />
          <Line dataKey="target" name="全年目标" stroke="#57534e" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
