import { z } from "zod";

/** A form's text fields as a plain object, for a zod schema to check. */
export function formEntries(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

// Control characters other than tab and line breaks: PostgreSQL refuses NUL in text, and the
// others are never typed on purpose (they come from pasting out of other programs).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// Blank at either end: whitespace (full-width too) and the invisible format characters that
// pasted text carries (zero-width space and joiners, direction marks, soft hyphen, byte order mark).
const BLANK_EDGES = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;

/** The largest id and version PostgreSQL's integer holds: a larger one names no row. */
export const MAX_ID = 2_147_483_647;

/** The id of a row a form names (a task, a period, a report…). */
export function idField(label: string) {
  // Past the largest id first, alone: a 20-digit id is not a safe integer either, and one
  // message says what is wrong with it.
  return z.coerce
    .number({ error: `缺少${label}` })
    .max(MAX_ID, { message: `没有这个${label}`, abort: true })
    .int(`缺少${label}`)
    .positive(`缺少${label}`);
}

/** A row version a form was read at (0: not saved yet). */
export const versionField = z.coerce.number().int().min(0).max(MAX_ID);

/** An id from an address (/tasks/12): null when it cannot name a row. */
export function idParam(value: string): number | null {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 && id <= MAX_ID ? id : null;
}

/** A calendar day as a date input sends it ("2025-07-15"); 2025-02-30 and 2025-13-01 are refused. */
export const dayField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "请选择日期", abort: true })
  .refine((value) => {
    const [year, month, day] = value.split("-").map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return year >= 2000 && year <= 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, "日期无效");

/** A typed figure: at most fifteen digits before the point and six after — more is a typing slip. */
export const FIGURE = /^-?\d{1,15}(\.\d{1,6})?$/;
export const FIGURE_TOO_LONG = "数字过大或小数位过多(最多 15 位整数、6 位小数),请核对";

/**
 * A text field: trimmed of blanks and invisible characters at both ends (a field of nothing but
 * zero-width spaces is empty), refused with a message when it holds control characters, at most
 * `max` characters. `required` names the message for an empty field.
 */
export function textField(max: number, messages: { tooLong: string; required?: string }) {
  const base = z
    .string()
    .refine((value) => !CONTROL.test(value), "含有无法保存的控制字符(可能来自复制粘贴),请删除后再试")
    .transform((value) => value.replace(BLANK_EDGES, ""))
    .pipe(z.string().max(max, messages.tooLong));
  return messages.required ? base.pipe(z.string().min(1, messages.required)) : base;
}
