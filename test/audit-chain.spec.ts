import { Client as PgClient } from 'pg';
import { eventually, TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';

describe('hash-chained audit trail', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');

  beforeAll(async () => {
    recert = await TestRecert.start();
  });
  afterAll(() => recert.close());

  it('chains every entry, including concurrent and bulk appends, and names the first edited entry', async () => {
    await admin().post('/api/v1/ledger/imports', smallLedger()).expect(200);
    const launched = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        admin()
          .post('/api/v1/campaigns', {
            title: `Chained ${n}`,
            dueAt: inDays(5),
            reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
          })
          .expect(201),
      ),
    );
    await Promise.all(launched.map((r) => recert.waitForCampaign(r.body.id, 'active')));
    await Promise.all(launched.map((r) => admin().post(`/api/v1/campaigns/${r.body.id}/cancel`).expect(200)));

    const whole = (await recert.as('audit', 'auditor').get('/api/v1/audit/verify').expect(200)).body;
    const [{ n }] = await recert.query<{ n: string }>(`SELECT count(*) AS n FROM audit_event`);
    expect(whole).toMatchObject({ valid: true, entries: Number(n), headSeq: n });
    expect(whole.firstBroken).toBeUndefined();
    const seqs = await recert.query<{ seq: string }>(`SELECT seq FROM audit_event ORDER BY seq`);
    expect(seqs.map((r) => Number(r.seq))).toEqual(seqs.map((_, i) => i + 1));

    const page = (await admin().get('/api/v1/audit?limit=2').expect(200)).body.items;
    expect(page[0].prevHash).toBe('0'.repeat(64));
    expect(page[1].prevHash).toBe(page[0].hash);

    const [victim] = await recert.query<{ id: string; seq: string }>(
      `SELECT id, seq FROM audit_event WHERE action = 'campaign.cancelled' ORDER BY seq LIMIT 1`,
    );
    await recert.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`);
    await recert.query(`UPDATE audit_event SET actor = 'someone-else' WHERE id = $1`, [victim.id]);
    await recert.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`);

    const broken = (await admin().get('/api/v1/audit/verify').expect(200)).body;
    expect(broken.valid).toBe(false);
    expect(broken.firstBroken).toEqual({
      id: victim.id,
      seq: victim.seq,
      reason: 'content does not match its hash (edited)',
    });
    await recert.as('rb', 'reviewer').get('/api/v1/audit/verify').expect(403);
  });

  it("lists entries in the chain's order when an append took its id before an earlier-chained one", async () => {
    const holder = new PgClient({ connectionString: recert.databaseUrl });
    const late = new PgClient({ connectionString: recert.databaseUrl });
    await holder.connect();
    await late.connect();
    try {
      const append = `INSERT INTO audit_event (actor, action, object_type, object_id)
                      VALUES ($1, 'test.append', 'test', $1) RETURNING id`;
      const [{ pid }] = (await late.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM audit_chain_head FOR UPDATE');
      const lateAppend = late.query<{ id: string }>(append, ['late']);
      await eventually(
        async () => ((await recert.lockWaiters()).includes(pid) ? true : undefined),
        10_000,
        'the second append to wait for the chain head',
      );
      const [first] = (await holder.query<{ id: string }>(append, ['first'])).rows;
      await holder.query('COMMIT');
      const [second] = (await lateAppend).rows;
      expect(Number(second.id)).toBeLessThan(Number(first.id));

      const newest = (await admin().get('/api/v1/audit?order=desc&limit=1').expect(200)).body;
      expect(newest.items.map((e: { id: string }) => e.id)).toEqual([second.id]);
      const before = (
        await admin().get(`/api/v1/audit?order=desc&limit=1&cursor=${newest.nextCursor}`).expect(200)
      ).body.items;
      expect(before.map((e: { id: string }) => e.id)).toEqual([first.id]);
      expect(newest.items[0].prevHash).toBe(before[0].hash);
    } finally {
      await holder.end();
      await late.end();
    }
  });

  it('names the entry after a removed one', async () => {
    await recert.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`);
    await recert.query(`UPDATE audit_event SET actor = 'root' WHERE actor = 'someone-else'`);
    await recert.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`);
    expect((await admin().get('/api/v1/audit/verify').expect(200)).body.valid).toBe(true);

    const [removed, next] = await recert.query<{ id: string; seq: string }>(
      `SELECT id, seq FROM audit_event ORDER BY seq LIMIT 2 OFFSET 3`,
    );
    await recert.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`);
    await recert.query(`DELETE FROM audit_event WHERE id = $1`, [removed.id]);
    await recert.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`);
    const verdict = (await admin().get('/api/v1/audit/verify').expect(200)).body;
    expect(verdict).toMatchObject({
      valid: false,
      firstBroken: { id: next.id, seq: next.seq, reason: `entry seq ${removed.seq} is missing` },
    });
  });
});
