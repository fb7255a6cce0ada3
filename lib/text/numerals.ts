/** Chinese numerals, as the documents write them in figures (两千, 十五) and in headings (一、, 十二、). */

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_SMALL: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * Value of a Chinese numeral ("十五", "两千", "百亿", "三点五", "一点二万"), or null if malformed
 * ("百千万", "三点").
 */
export function parseChineseNumber(s: string): number | null {
  const point = s.indexOf("点");
  if (point < 0) return parseInteger(s);
  // "三点五亿": integer part, one digit per decimal place, then the multipliers.
  const whole = parseInteger(s.slice(0, point));
  const rest = /^([零〇一二两三四五六七八九]+)([万亿]*)$/.exec(s.slice(point + 1));
  if (whole === null || !rest) return null;
  let value = Number(`${whole}.${[...rest[1]].map((ch) => CN_DIGITS[ch]).join("")}`);
  for (const ch of rest[2]) value *= ch === "万" ? 1e4 : 1e8;
  return Number.parseFloat(value.toPrecision(12));
}

function parseInteger(s: string): number | null {
  if (s === "") return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastSmall = Infinity;
  let lastBig = Infinity;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      if (digit !== null && digit !== 0) return null;
      digit = CN_DIGITS[ch];
    } else if (ch in CN_SMALL) {
      const unit = CN_SMALL[ch];
      if (unit >= lastSmall) return null;
      section += (digit ?? 1) * unit;
      digit = null;
      lastSmall = unit;
    } else if (ch === "万" || ch === "亿") {
      const big = ch === "万" ? 1e4 : 1e8;
      section += digit ?? 0;
      if (section === 0 && total === 0) return null;
      if (big === 1e8) {
        total = (total + section) * big;
      } else {
        if (big >= lastBig) return null;
        total += section * big;
      }
      lastBig = big === 1e8 ? Infinity : big;
      section = 0;
      digit = null;
      lastSmall = Infinity;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

