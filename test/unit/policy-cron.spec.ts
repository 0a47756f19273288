import { cronProblem } from '../../src/policies/policy-cron';
import { executionPlanSchema } from '../../src/policies/policy.schema';

const cronIssues = (cron: string) => {
  const parsed = executionPlanSchema.safeParse({ scheduleType: 'CRON', cron });
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('five-field cron expressions, by the rules of Temporal’s scheduler', () => {
  it.each([
    '0 6 1 */3 *',
    '*/15 * * * *',
    '0 0 * * 7',
    '0 9 * * MON-FRI',
    '0 9 * * sun,sat',
    '0 0 1 JAN/3 *',
    '0-30/10 8-18 1,15 * 1-5',
    '5/20 * * * *',
    '0 0 29 2 *',
    '0\t6   1 * *',
    '00 06 01 01 *',
  ])('accepts %j', (cron) => {
    expect(cronProblem(cron)).toBeUndefined();
    expect(cronIssues(cron)).toEqual([]);
  });

  it.each([
    ['*/0 * * * *', 'minute step "0" must be a whole number from 1 to 59'],
    ['99 99 99 99 99', 'minute 99 is out of range 0–59'],
    ['60 * * * *', 'minute 60 is out of range 0–59'],
    ['0 24 * * *', 'hour 24 is out of range 0–23'],
    ['0 0 0 * *', 'day of month 0 is out of range 1–31'],
    ['0 0 1 13 *', 'month 13 is out of range 1–12'],
    ['0 0 * * 8', 'day of week 8 is out of range 0–7'],
    ['0 0 * * FRI-MON', 'day of week range "FRI-MON" ends before it starts'],
    ['0 0 * * funday', 'day of week "funday" is not a number or a name SUN–SAT'],
    ['0 0 * JANUARY *', 'month "JANUARY" is not a number or a name JAN–DEC'],
    ['*/-1 * * * *', 'minute step "-1" must be a whole number from 1 to 59'],
    ['1/2/3 * * * *', 'minute "1/2/3" is malformed'],
    ['1-2-3 * * * *', 'minute "1-2-3" is malformed'],
    ['5- * * * *', 'minute "5-" is malformed'],
    ['1,,2 * * * *', 'minute "1,,2" has an empty list item'],
    ['9999999999 * * * *', 'minute 9999999999 is out of range 0–59'],
    ['0 0 1 * */99999999999', 'day of week step "99999999999" must be a whole number from 1 to 7'],
    ['0 0 30 2 *', 'never runs: no month chosen has the day of month chosen'],
    ['0 0 31 4,6,9,11 *', 'never runs: no month chosen has the day of month chosen'],
  ])('refuses %j: %s', (cron, problem) => {
    expect(cronProblem(cron)).toBe(problem);
    expect(cronIssues(cron)).toEqual([{ path: 'cron', message: problem }]);
  });

  it.each([
    ['* * *', 3],
    ['* * * * * * * *', 8],
    ['* * * * * *', 6],
    ['@every 1h', 2],
    ['@daily', 1],
    ['', 0],
    ['   ', 0],
  ])('refuses %j, which has %i fields', (cron, n) => {
    expect(cronProblem(cron)).toBe(
      `must have five fields (minute hour day-of-month month day-of-week), e.g. "0 6 1 */3 *"; found ${n}`,
    );
    expect(cronIssues(cron)).toHaveLength(1);
  });

  it('refuses a huge expression by its length, without parsing it', () => {
    expect(cronIssues('0-59,'.repeat(200_000) + ' * * * *')).toEqual([
      { path: 'cron', message: 'Too big: expected string to have <=100 characters' },
    ]);
  });
});
