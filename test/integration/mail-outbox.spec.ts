import { MailRepository } from '../../src/notifications/mail.repository';
import { RecipientRepository } from '../../src/notifications/recipient.repository';
import type { CampaignRow } from '../../src/domain/campaign.types';
import { decide, launchCampaign } from '../support/integration-campaigns';
import { useIntegrationDb } from '../support/integration-db';
import { selectionLedger } from '../support/selection-ledger';

const db = useIntegrationDb();
const mail = new MailRepository();
const recipients = new RecipientRepository();
let campaign: CampaignRow;

const claim = (keys: string[], occurrence = 'launch', event = 'notify') =>
  db().db.transaction((sql) => mail.claimMany(sql, campaign.id, event, occurrence, keys));

beforeAll(async () => {
  await db().import(selectionLedger());
  // Pending: mgr 4 items, dflt 2, ceo 1.
  campaign = await launchCampaign(db());
});

describe('mail outbox (MailRepository)', () => {
  it('claims one message per recipient; a second claim counts an attempt and keeps what was decided', async () => {
    const first = await claim(['alice', 'bob', 'alice']);
    expect([...first.keys()].sort()).toEqual(['alice', 'bob']);
    expect(first.get('alice')).toMatchObject({ status: 'sending', attempts: 1 });
    await db().run((sql) =>
      mail.finish(sql, first.get('bob')!.id, { status: 'sent', email: 'bob@example.test' }),
    );
    await db().run((sql) => mail.markCommitting(sql, first.get('alice')!.id));
    const again = await claim(['alice', 'bob']);
    expect(again.get('bob')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(again.get('alice')).toMatchObject({ status: 'unconfirmed', attempts: 2 });
    expect(again.get('alice')!.detail).toContain('may have arrived');
  });

  it('serialises two concurrent claims of the same messages: one row each, two attempts', async () => {
    const [a, b] = await Promise.all([claim(['carol', 'dave'], 'race'), claim(['carol', 'dave'], 'race')]);
    expect([a.get('carol')!.id, a.get('dave')!.id]).toEqual([b.get('carol')!.id, b.get('dave')!.id]);
    expect([a.get('dave')!.attempts, b.get('dave')!.attempts].sort()).toEqual([1, 2]);
  });

  it('lets only one attempt past the commit point, and a reopened one past it again', async () => {
    const id = (await claim(['ceo'], 'commit')).get('ceo')!.id;
    const commit = () => db().run((sql) => mail.markCommitting(sql, id));
    expect(await Promise.all([commit(), commit()])).toEqual(expect.arrayContaining([true, false]));
    await db().run((sql) => mail.reopen(sql, id));
    expect(await commit()).toBe(true);
  });

  it('counts sent messages of the capped events in the last 24 hours only', async () => {
    const sent = await claim(['mgr'], 'cap-1', 'reminder');
    const sent2 = await claim(['mgr'], 'cap-2', 'reminder');
    const skipped = await claim(['mgr'], 'cap-3', 'reminder');
    for (const m of [sent, sent2])
      await db().run((sql) => mail.finish(sql, m.get('mgr')!.id, { status: 'sent' }));
    await db().run((sql) => mail.finish(sql, skipped.get('mgr')!.id, { status: 'skipped' }));
    const atCap = (cap: number, events = ['reminder']) =>
      db().run((sql) => mail.recipientsAtCap(sql, ['mgr', 'dflt'], events, cap));
    expect(await atCap(2)).toEqual(['mgr']);
    expect(await atCap(3)).toEqual([]);
    expect(await atCap(1, ['escalation'])).toEqual([]);
    await db().query(`UPDATE mail_message SET sent_at = now() - interval '25 hours' WHERE id = $1`, [
      sent.get('mgr')!.id,
    ]);
    expect(await atCap(2)).toEqual([]);
  });

  it('lists the log newest first, paged before an id, with names where the ledger has them', async () => {
    const all = await db().run((sql) => mail.list(sql, { campaignId: campaign.id, limit: 100 }));
    const ids = all.map((m) => Number(m.id));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    const page = await db().run((sql) => mail.list(sql, { beforeId: all[2].id, limit: 2 }));
    expect(page.map((m) => m.id)).toEqual([all[3].id, all[4].id]);
    expect(await db().run((sql) => mail.list(sql, { beforeId: all.at(-1)!.id, limit: 2 }))).toEqual([]);
    const carol = all.find((m) => m.recipient_key === 'carol')!;
    expect([carol.recipient_name, carol.campaign_number, carol.has_raw]).toEqual([
      null,
      campaign.number,
      false,
    ]);
    expect(all.find((m) => m.recipient_key === 'mgr')!.recipient_name).toBe('Mona Manager');
  });

  it("ranks reviewers' workload, ties by key, and pages the reviewers with pending items", async () => {
    const workload = await db().run((sql) => mail.reviewerWorkload(sql, campaign.id, 2));
    expect(workload).toMatchObject({
      top: [
        { key: 'mgr', name: 'Mona Manager', pending: 4 },
        { key: 'dflt', name: 'Default Reviewer', pending: 2 },
      ],
      reviewers: 3,
      items: 7,
    });
    await decide(db(), campaign.id, { 'a-alice-admin': 'ok', 'a-bob-old': 'revoke' });
    const tied = await db().run((sql) => mail.reviewerWorkload(sql, campaign.id, 5));
    expect(tied.top.map((t) => [t.key, t.pending])).toEqual([
      ['dflt', 2],
      ['mgr', 2],
      ['ceo', 1],
    ]);
    const empty = await launchCampaign(db(), { scope: { applicationKeys: ['none'] } });
    expect(await db().run((sql) => mail.reviewerWorkload(sql, empty.id, 5))).toMatchObject({
      top: [],
      reviewers: 0,
      items: 0,
    });
    const page = (after: string | null) =>
      db().run((sql) => mail.reviewersWithPending(sql, campaign.id, after, 2));
    expect(await page(null)).toEqual(['ceo', 'dflt']);
    expect(await page('dflt')).toEqual(['mgr']);
    expect(await page('mgr')).toEqual([]);
  });
});

describe('mail recipients (RecipientRepository)', () => {
  it("escalates to the reviewer's active manager, else the default reviewer, else the owner — never to themself", async () => {
    const context = (await db().run((sql) => recipients.campaign(sql, campaign.id)))!;
    expect(context.default_reviewer_key).toBe('dflt');
    const escalations = async () =>
      (await db().run((sql) => recipients.escalations(sql, campaign.id, context))).map((e) => [
        e.reviewer_key,
        e.recipient_key,
        e.reason,
      ]);
    expect(await escalations()).toEqual([
      ['mgr', 'ceo', 'manager'],
      // The CEO manages herself: her escalation goes to the default reviewer.
      ['ceo', 'dflt', 'default-reviewer'],
      ['dflt', 'owner', 'owner'],
    ]);
    const escalated = await claim(['mgr'], 'mgr-escalation', 'escalation');
    expect((await escalations()).map(([reviewer]) => reviewer)).toEqual(['ceo', 'dflt']);
    await db().run((sql) => mail.finish(sql, escalated.get('mgr')!.id, { status: 'skipped' }));
    expect(await escalations()).toHaveLength(3);
    expect(await db().run((sql) => mail.roundClaimed(sql, campaign.id, 'mgr-escalation'))).toBe(true);
  });

  it('answers targets in the order asked, unknown people included', async () => {
    const targets = await db().run((sql) => recipients.targets(sql, campaign.id, ['mgr', 'ghost', 'ceo']));
    expect(targets.map((t) => [t.reviewer_key, t.recipient_name, t.pending])).toEqual([
      ['mgr', 'Mona Manager', '2'],
      ['ghost', null, '0'],
      ['ceo', 'Cleo CEO', '1'],
    ]);
  });
});
