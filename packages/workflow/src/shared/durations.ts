/**
 * Durations in rules and requests: `90s`, `15m`, `8h`, `7d`, combinations
 * (`1h30m`), or ISO 8601 (`PT8H`, `P1DT2H`). Whole seconds.
 */
const UNIT_SECONDS: Readonly<Record<string, number>> = { d: 86_400, h: 3600, m: 60, s: 1 };

/** Seconds of a duration text, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 32) return undefined;
  const compact = /^(?:(\d{1,6})d)?(?:(\d{1,6})h)?(?:(\d{1,6})m)?(?:(\d{1,9})s)?$/i.exec(trimmed);
  if (compact !== null && trimmed !== '') {
    const [, d, h, m, s] = compact;
    if (d === undefined && h === undefined && m === undefined && s === undefined) return undefined;
    return total([d, h, m, s], ['d', 'h', 'm', 's']);
  }
  const iso = /^P(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,9})S)?)?$/i.exec(
    trimmed,
  );
  if (iso !== null) {
    const [, d, h, m, s] = iso;
    if (d === undefined && h === undefined && m === undefined && s === undefined) return undefined;
    if (/T$/i.test(trimmed)) return undefined;
    return total([d, h, m, s], ['d', 'h', 'm', 's']);
  }
  return undefined;
}

function total(parts: readonly (string | undefined)[], units: readonly string[]): number {
  let seconds = 0;
  parts.forEach((part, index) => {
    if (part !== undefined) seconds += Number(part) * (UNIT_SECONDS[units[index] ?? 's'] ?? 1);
  });
  return seconds;
}

/** A duration as the shortest `1d2h3m4s`-style text. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  let rest = seconds;
  let text = '';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_SECONDS[unit] ?? 1;
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text;
}
