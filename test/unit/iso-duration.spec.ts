import { parseIsoDuration } from '../../src/common/iso-duration';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseIsoDuration', () => {
  it.each([
    ['P3D', 3 * DAY],
    ['PT12H', 12 * HOUR],
    ['P1W', 7 * DAY],
    ['PT2S', 2 * SECOND],
    ['PT5M', 5 * MINUTE],
    ['PT1.5S', 1500],
    ['P30D', 30 * DAY],
    ['P2W3DT4H5M6S', 17 * DAY + 4 * HOUR + 5 * MINUTE + 6 * SECOND],
    ['P1DT1H', DAY + HOUR],
    ['PT90M', 90 * MINUTE],
    ['PT0S', 0],
    ['P0D', 0],
    ['P007D', 7 * DAY],
  ])('%s is %d ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each([
    ['empty', ''],
    ['P alone', 'P'],
    ['PT alone', 'PT'],
    ['a dangling T', 'P1DT'],
    ['months (calendar-dependent)', 'P6M'],
    ['years (calendar-dependent)', 'P1Y'],
    ['years with days', 'P1Y2D'],
    ['lower case', 'p3d'],
    ['lower-case unit', 'P3d'],
    ['units out of order', 'P1D2W'],
    ['time units out of order', 'PT1M2H'],
    ['hours without T', 'P1H'],
    ['days after T', 'PT1D'],
    ['a negative amount', 'P-1D'],
    ['a leading sign', '-P1D'],
    ['fractional days', 'P1.5D'],
    ['fractional hours', 'PT1.5H'],
    ['a comma decimal', 'PT1,5S'],
    ['a trailing dot', 'PT1.S'],
    ['a leading space', ' P1D'],
    ['a trailing space', 'P1D '],
    ['a trailing newline', 'PT1H\n'],
    ['a repeated unit', 'P1D1D'],
    ['a number', '3600'],
    ['an exponent', 'PT1e3S'],
    ['an alternative-format duration', 'P0003-06-04T12:30:05'],
    ['a unit without an amount', 'PDT'],
  ])('refuses %s (%j)', (_what, text) => {
    expect(parseIsoDuration(text)).toBeUndefined();
  });

  it('copes with long hostile input quickly', () => {
    const started = Date.now();
    expect(parseIsoDuration('P' + '1'.repeat(100_000) + 'X')).toBeUndefined();
    expect(parseIsoDuration('PT' + '1.'.repeat(50_000))).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
