const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * ISO 8601 durations in weeks, days, hours, minutes and seconds (`P3D`, `PT12H`, `P1W`, `PT2S`) as
 * milliseconds. Years and months are refused: their length depends on the calendar, and plans are relative
 * to fixed instants.
 */
export function parseIsoDuration(value: string): number | undefined {
  const m = PATTERN.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return undefined;
  const [w, d, h, min, s] = m.slice(1).map((x) => (x ? Number(x) : 0));
  return ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
}
