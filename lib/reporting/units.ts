/**
 * The units people write figures in. Targets and figures are stored in base units (60000 千瓦,
 * 8e10 元); a person reads and types them at the scale the document wrote them (6万千瓦, 800亿元).
 * This is the one rule for that scale — `formatQuantity` phrases with it, the filing form asks in
 * it, the charts draw in it — and the conversions both ways. Plain functions, safe in client and
 * server code.
 */

/** A unit a figure is written in: its label ("万千瓦") and the power of ten it stands for (4). */
export interface EntryUnit {
  label: string;
  /** 10^exponent base units make one of this unit: 4 for 万, 8 for 亿, 0 for the base unit. */
  exponent: number;
}

/** The multipliers Chinese documents put before a unit, largest first. */
const SCALES = [
  { prefix: "亿", exponent: 8 },
  { prefix: "万", exponent: 4 },
] as const;

/**
 * Whether a unit is written as it is, never scaled by 万 or 亿: rates (%, 个百分点, 倍), compound
 * units (元/辆), and units that already carry a multiplier (万元, 亿美元: 30000万元 stays so,
 * never "3万万元").
 */
function isPlainUnit(unit: string): boolean {
  return unit === "%" || unit === "个百分点" || unit === "倍" || unit.includes("/") || /^[万亿]/.test(unit);
}

/** The scale a value of `unit` is written at: 60000 千瓦 → 万千瓦, 8e10 元 → 亿元, 1265 套 → 套. */
export function scaleOf(value: number, unit: string): EntryUnit {
  if (!isPlainUnit(unit)) {
    const scale = SCALES.find((candidate) => Math.abs(value) >= 10 ** candidate.exponent);
    if (scale) return { label: `${scale.prefix}${unit}`, exponent: scale.exponent };
  }
  return { label: unit, exponent: 0 };
}

/**
 * The unit a target's figures are entered and shown in: the scale the target itself is phrased
 * in, so that "新增光伏装机6万千瓦" is filed as 3.2 (万千瓦) and "800亿元" as 115.01 (亿元).
 */
export function entryUnitOf(target: { value: number; unit: string }): EntryUnit {
  return scaleOf(target.value, target.unit);
}

/**
 * The units a figure of a target with this base unit may have been typed in. A form names its
 * unit; one loaded before the office corrected the target (6万千瓦 → 9000千瓦) still names one of
 * these and is read in it, never in the target's new scale.
 */
export function entryUnitNamed(unit: string, label: string): EntryUnit | null {
  const units = isPlainUnit(unit) ? [{ label: unit, exponent: 0 }] : [{ label: unit, exponent: 0 }, ...SCALES.map((s) => ({ label: `${s.prefix}${unit}`, exponent: s.exponent }))];
  return units.find((candidate) => candidate.label === label) ?? null;
}

/**
 * `value` × 10^shift, exact in decimal: 3.2 万 is 32000, not 32000.000000000004 as 3.2 * 1e4 is.
 * The shift moves the decimal exponent of the value's shortest form, which JavaScript then reads
 * as the nearest double.
 */
function shift(value: number, by: number): number {
  if (by === 0 || value === 0 || !Number.isFinite(value)) return value;
  const [mantissa, exponent] = value.toExponential().split("e");
  return Number(`${mantissa}e${Number(exponent) + by}`);
}

/** A base-unit value in `unit`: 32000 (千瓦) in 万千瓦 is 3.2. */
export function toEntry(value: number, unit: EntryUnit): number {
  return shift(value, -unit.exponent);
}

/** A value typed in `unit` in base units: 3.2 万千瓦 is 32000 (千瓦). */
export function toBase(value: number, unit: EntryUnit): number {
  return shift(value, unit.exponent);
}
