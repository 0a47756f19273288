import { AuditChainService } from '../../src/audit/audit-chain.service';
import { AuditChainRepository, AuditFilter, AuditRepository } from '../../src/audit/audit.repository';
import type { Sql } from '../../src/database/database';
import { useIntegrationDb } from '../support/integration-db';

const db = useIntegrationDb();
const audit = new AuditRepository();
const chain = () => new AuditChainService(db().db, new AuditChainRepository());

const entry = (n: number, more: object = {}) => ({
  actor: n % 2 ? 'alice' : 'bob',
  action: n % 3 ? 'item.decided' : 'campaign.active',
  objectType: 'thing',
  objectId: `obj-${n}`,
  after: { n },
  ...more,
});
const list = async (f: Partial<AuditFilter>) =>
  (await db().run((sql) => audit.list(sql, { order: 'asc', limit: 100, ...f }))).map((r) => r.object_id);

/** Runs `work` with the append-only guard lifted, as someone with the database's keys could. */
const tamper = (work: (sql: Sql) => Promise<unknown>) =>
  db().db.transaction(async (sql) => {
    await sql.rows(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`);
    await work(sql);
    await sql.rows(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`);
  });

describe('audit trail (AuditRepository, AuditChainService)', () => {
  it('verifies an empty chain', async () => {
    expect(await chain().verify()).toMatchObject({ valid: true, entries: 0, headSeq: '0' });
  });

  it('records an entry meant once only once', async () => {
    for (let i = 0; i < 2; i++) {
      await db().run((sql) => audit.record(sql, entry(0, { action: 'campaign.populated' }), true));
    }
    await db().run((sql) => audit.record(sql, entry(0, { action: 'campaign.populated' })));
    expect(await list({ action: 'campaign.populated' })).toEqual(['obj-0', 'obj-0']);
  });

  it('pages in chain order both ways: exactly a page, a page and one, after the last entry', async () => {
    await db().db.transaction(async (sql) => {
      for (let n = 1; n <= 20; n++) await audit.record(sql, entry(n, { via: n <= 4 ? 'session:s1' : null }));
    });
    const all = await db().run((sql) => audit.list(sql, { order: 'asc', limit: 100, objectType: 'thing' }));
    expect(all).toHaveLength(22);
    const page = (afterSeq: string | undefined, order: 'asc' | 'desc') =>
      list({ objectType: 'thing', afterSeq, limit: 10, order });
    expect(await page(all[12].seq, 'asc')).toEqual(all.slice(13).map((r) => r.object_id));
    expect(await page(all[21].seq, 'asc')).toEqual([]);
    expect(await page(all[10].seq, 'desc')).toEqual(
      all
        .slice(0, 10)
        .reverse()
        .map((r) => r.object_id),
    );
    expect(await page(all[0].seq, 'desc')).toEqual([]);
    expect(await list({ objectType: 'nothing' })).toEqual([]);
  });

  it('filters by actor, action, via and a time range that includes its start and excludes its end', async () => {
    const rows = await db().query<{ object_id: string; at: string }>(
      `SELECT object_id, at::text AS at FROM audit_event WHERE object_type = 'thing' ORDER BY seq`,
    );
    const at = (id: string) => rows.find((r) => r.object_id === id)!.at;
    expect(await list({ from: at('obj-5'), to: at('obj-8') })).toEqual(['obj-5', 'obj-6', 'obj-7']);
    expect(await list({ via: 'session:s1' })).toEqual(['obj-1', 'obj-2', 'obj-3', 'obj-4']);
    expect(await list({ actor: 'bob', action: 'campaign.active', objectType: 'thing' })).toEqual([
      'obj-6',
      'obj-12',
      'obj-18',
    ]);
  });

  it('chains concurrent writers in commit order, whatever order their ids were taken in', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let wrote!: () => void;
    const firstWrote = new Promise<void>((r) => (wrote = r));
    const first = db().db.transaction(async (sql) => {
      await audit.record(sql, entry(101, { objectType: 'race' }));
      wrote();
      await held;
      await audit.record(sql, entry(103, { objectType: 'race' }));
    });
    await firstWrote;
    const second = db().db.transaction((sql) => audit.record(sql, entry(102, { objectType: 'race' })));
    await new Promise((r) => setTimeout(r, 200));
    release();
    await Promise.all([first, second]);
    const rows = await db().run((sql) => audit.list(sql, { order: 'asc', limit: 10, objectType: 'race' }));
    expect(rows.map((r) => r.object_id)).toEqual(['obj-101', 'obj-103', 'obj-102']);
    expect(Number(rows[1].id)).toBeGreaterThan(Number(rows[2].id));
    expect(await chain().verify()).toMatchObject({ valid: true, entries: 25 });
  });

  it('names an edited entry, a cut-off tail and a removed entry', async () => {
    const [third] = await db().query<{ id: string; after: object }>(
      `SELECT id, after FROM audit_event WHERE seq = 3`,
    );
    await tamper((sql) => sql.rows(`UPDATE audit_event SET after = '{"n": 999}' WHERE id = $1`, [third.id]));
    expect((await chain().verify()).firstBroken).toEqual({
      id: third.id,
      seq: '3',
      reason: 'content does not match its hash (edited)',
    });
    await tamper((sql) =>
      sql.rows(`UPDATE audit_event SET after = $2 WHERE id = $1`, [third.id, JSON.stringify(third.after)]),
    );
    expect((await chain().verify()).valid).toBe(true);

    await tamper((sql) => sql.rows(`DELETE FROM audit_event WHERE seq = 25`));
    expect((await chain().verify()).firstBroken).toMatchObject({
      id: null,
      reason: 'the chain ends before its recorded head (entries removed)',
    });
    await tamper((sql) => sql.rows(`DELETE FROM audit_event WHERE seq = 10`));
    expect((await chain().verify()).firstBroken).toMatchObject({
      seq: '11',
      reason: 'entry seq 10 is missing',
    });
  });
});
