/**
 * Five-field cron expressions checked by the rules Temporal's scheduler parses them with
 * (go.temporal.io/server service/worker/scheduler/calendar.go), so that an expression Temporal would
 * refuse is a 400 naming the field instead of a refused schedule. The grammar is the common subset of
 * cron and Temporal: `*`, values, `a-b` ranges, `/step` and lists, three-letter month and day names.
 * Temporal's extensions (seconds and years fields, `@every`, `TZ=`) are not part of seed 002's cron. Two
 * refusals are stricter than Temporal, for expressions that are surely mistakes: a step larger than the
 * field's largest value, and an expression that never runs.
 */

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // 0 and 7 are both Sunday.
  { name: 'day of week', min: 0, max: 7, names: DAYS },
];

/** The longest day of each month (February of a leap year). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const CRON_EXAMPLE = '0 6 1 */3 *';

class CronError extends Error {}

function valueOf(field: CronField, text: string): number {
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
  const n = named >= 0 ? named + field.min : /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(n)) {
    const names = field.names
      ? ` or a name ${field.names[0].toUpperCase()}–${field.names[field.names.length - 1].toUpperCase()}`
      : '';
    throw new CronError(`${field.name} "${text}" is not a number${names}`);
  }
  if (n < field.min || n > field.max) {
    throw new CronError(`${field.name} ${text} is out of range ${field.min}–${field.max}`);
  }
  return n;
}

/** The values one field selects. */
function valuesOf(field: CronField, text: string): Set<number> {
  const selected = new Set<number>();
  for (const part of text.split(',')) {
    if (part === '') throw new CronError(`${field.name} "${text}" has an empty list item`);
    const [range, stepText, ...extra] = part.split('/');
    if (extra.length > 0 || range === '') throw new CronError(`${field.name} "${part}" is malformed`);
    let step = 1;
    if (stepText !== undefined) {
      step = /^\d+$/.test(stepText) ? Number(stepText) : NaN;
      if (!(step >= 1 && step <= field.max)) {
        throw new CronError(`${field.name} step "${stepText}" must be a whole number from 1 to ${field.max}`);
      }
    }
    let start = field.min;
    let end = field.max;
    if (range !== '*') {
      const bounds = range.split('-');
      if (bounds.length > 2 || bounds.includes('')) {
        throw new CronError(`${field.name} "${part}" is malformed`);
      }
      start = valueOf(field, bounds[0]);
      // A single value with a step runs to the field's end, as in Temporal and cron.
      end = bounds.length === 2 ? valueOf(field, bounds[1]) : stepText === undefined ? start : field.max;
      if (end < start) throw new CronError(`${field.name} range "${range}" ends before it starts`);
    }
    for (let v = start; v <= end; v += step) selected.add(v);
  }
  return selected;
}

/**
 * Why a five-field cron expression would be refused by Temporal, or would never run (a day no chosen
 * month has, such as `0 0 30 2 *`); undefined when it is fine.
 */
export function cronProblem(cron: string): string | undefined {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== FIELDS.length) {
    return `must have five fields (minute hour day-of-month month day-of-week), e.g. "${CRON_EXAMPLE}"; found ${cron.trim() === '' ? 0 : parts.length}`;
  }
  try {
    const [, , days, months] = FIELDS.map((field, i) => valuesOf(field, parts[i]));
    const someDayExists = [...months].some((m) => [...days].some((d) => d <= MONTH_DAYS[m - 1]));
    if (!someDayExists) return 'never runs: no month chosen has the day of month chosen';
    return undefined;
  } catch (err) {
    if (err instanceof CronError) return err.message;
    throw err;
  }
}
