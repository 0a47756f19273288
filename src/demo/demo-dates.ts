import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import { DEMO_REFERENCE_DATE } from './demo-files';

const DAY = 86_400_000;
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z/g;

/** Whole days from the files' reference date to `now`: what was a week old then is a week old now. */
export const daysSinceReference = (now: Date) =>
  Math.floor((now.getTime() - Date.parse(DEMO_REFERENCE_DATE)) / DAY);

/** An example file with every timestamp moved forward by `days` (the files are a few hundred kB). */
export function shiftedFile(file: string, days: number): Readable {
  const text = fs.readFileSync(file, 'utf8');
  return Readable.from([
    days === 0 ? text : text.replace(TIMESTAMP, (t) => new Date(Date.parse(t) + days * DAY).toISOString()),
  ]);
}
