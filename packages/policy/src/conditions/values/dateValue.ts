const EPOCH_SECONDS = /^-?\d+(?:\.\d+)?$/;
const EXTENDED =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?)?)$/;
const BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses a date as the Date operators accept it: epoch seconds (digits only, optionally with a
 * fraction) or ISO 8601 in the W3C profiles (`YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mm`,
 * with seconds, fractions and a zone designator) plus the basic form `YYYYMMDDThhmmssZ`. A time
 * without a zone designator is read as UTC. A string of digits alone is epoch seconds, so the
 * year-only form `YYYY` is read as seconds, not as a year. Returns milliseconds since the epoch.
 */
export function parseDateValue(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) {
    const seconds = Number(text);
    return Number.isFinite(seconds) ? seconds * 1000 : undefined;
  }
  const match = EXTENDED.exec(text) ?? BASIC.exec(text);
  if (match === null) return undefined;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00'] = match;
  const fraction = match[7];
  const zone = match[8];
  if (year === undefined) return undefined;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const base = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 31 February over into March; reject dates that do not exist.
  if (new Date(base).getUTCDate() !== d) return undefined;
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  return base + millis - zoneOffsetMillis(zone);
}

function zoneOffsetMillis(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  return sign * (hours * 60 + minutes) * 60_000;
}
