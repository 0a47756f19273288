/** The units a plan's durations are picked in, smallest first, in minutes. */
export const DURATION_UNITS = { minutes: 1, hours: 60, days: 1440, weeks: 10_080 } as const;
export type DurationUnit = keyof typeof DURATION_UNITS;

const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** An ISO 8601 duration (the API's P3D, PT12H, P1W) in minutes; undefined when it is none of those. */
export function minutesOf(iso: string): number | undefined {
  const m = PATTERN.exec(iso.trim());
  if (!m || iso.trim() === 'P' || iso.trim().endsWith('T')) return undefined;
  const [w, d, h, min, s] = m.slice(1).map((x) => (x ? Number(x) : 0));
  return ((w * 7 + d) * 24 + h) * 60 + min + s / 60;
}

/**
 * A duration as an amount and a unit: `prefer` when it divides the duration, else the largest unit that
 * does (90 minutes stay minutes, 48 hours become 2 days unless hours are preferred).
 */
export function splitDuration(
  iso: string,
  prefer?: DurationUnit,
): { amount: number; unit: DurationUnit } | undefined {
  const minutes = minutesOf(iso);
  if (minutes === undefined || minutes <= 0) return undefined;
  const whole = Math.max(1, Math.round(minutes));
  if (prefer && whole % DURATION_UNITS[prefer] === 0)
    return { amount: whole / DURATION_UNITS[prefer], unit: prefer };
  const units = Object.keys(DURATION_UNITS).reverse() as DurationUnit[];
  const unit = units.find((u) => whole % DURATION_UNITS[u] === 0) ?? 'minutes';
  return { amount: whole / DURATION_UNITS[unit], unit };
}

/** The ISO 8601 duration the API takes for an amount of a unit. */
export function isoOf(amount: number, unit: DurationUnit): string {
  switch (unit) {
    case 'minutes':
      return `PT${amount}M`;
    case 'hours':
      return `PT${amount}H`;
    case 'days':
      return `P${amount}D`;
    case 'weeks':
      return `P${amount}W`;
  }
}

/** "2 days", "1 hour", "90 minutes": a duration in people's words (the ISO text when it is not one). */
export function durationWords(iso: string): string {
  const minutes = minutesOf(iso);
  if (minutes !== undefined && minutes > 0 && minutes < 1) return `${Math.round(minutes * 60)} seconds`;
  const split = splitDuration(iso);
  if (!split) return iso;
  const unit = split.amount === 1 ? split.unit.slice(0, -1) : split.unit;
  return `${split.amount} ${unit}`;
}
