import { TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';

/** Issue 16, item 4: a campaign's priority (seed 003), shown and sortable. */
describe('campaign priority', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');
  const quiet = { notifications: { reminders: null, closingSoon: null, escalateAfter: null } };

  const launch = async (title: string, priority: number | undefined, dueInDays: number) => {
    const res = await admin()
      .post('/api/v1/campaigns', {
        title,
        dueAt: inDays(dueInDays),
        ...(priority === undefined ? {} : { priority }),
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        options: quiet,
      })
      .expect(201);
    return recert.waitForCampaign(res.body.id, 'active');
  };

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post('/api/v1/ledger/imports', smallLedger()).expect(200);
  });
  afterAll(() => recert.close());

  it('orders administrators’ and reviewers’ lists most urgent first, then soonest due', async () => {
    const normal = await launch('Normal by default', undefined, 10);
    const urgent = await launch('Urgent', 1, 20);
    const low = await launch('Low', 5, 2);
    const urgentSooner = await launch('Urgent and sooner', 1, 5);
    expect([normal.priority, urgent.priority, low.priority]).toEqual([3, 1, 5]);
    const expected = [urgentSooner.id, urgent.id, normal.id, low.id];

    // Two pages of two: the cursor carries the priority order across pages.
    const first = await admin().get('/api/v1/campaigns?sort=priority&limit=2').expect(200);
    const second = await admin()
      .get(`/api/v1/campaigns?sort=priority&limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect([...first.body.items, ...second.body.items].map((c: { id: string }) => c.id)).toEqual(expected);
    expect(second.body.nextCursor).toBeNull();

    const newest = await admin().get('/api/v1/campaigns').expect(200);
    expect(newest.body.items.map((c: { id: string }) => c.id)).toEqual([
      urgentSooner.id,
      low.id,
      urgent.id,
      normal.id,
    ]);

    // mgr reviews in all four: the inbox of campaigns puts the urgent ones first too.
    const mine = await recert.as('mgr', 'reviewer').get('/api/v1/reviews/campaigns').expect(200);
    expect(mine.body.map((c: { id: string; priority: number }) => [c.id, c.priority])).toEqual([
      [urgentSooner.id, 1],
      [urgent.id, 1],
      [normal.id, 3],
      [low.id, 5],
    ]);
  });

  it('refuses a priority out of range and a cursor of the other order', async () => {
    const res = await admin()
      .post('/api/v1/campaigns', {
        title: 'Too urgent',
        dueAt: inDays(3),
        priority: 0,
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
      })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['priority']);

    const newest = await admin().get('/api/v1/campaigns?limit=1').expect(200);
    const crossed = await admin()
      .get(`/api/v1/campaigns?sort=priority&cursor=${newest.body.nextCursor}`)
      .expect(400);
    expect(crossed.body.errors).toEqual([{ field: 'cursor', message: 'invalid cursor' }]);
  });
});
