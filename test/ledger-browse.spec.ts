import { TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Assignment {
  key: string;
  identityName: string;
  permissionName: string;
  lastCertification: null | {
    itemId: string;
    campaignId: string;
    campaignTitle: string;
    status: string;
    decidedBy: string | null;
    decidedAt: string | null;
  };
}

/** The ledger as the console browses it (issue 14, item 6). */
describe('ledger browsing', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');
  const auditor = () => recert.as('ceo', 'auditor');

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post('/api/v1/ledger/imports', smallLedger()).expect(200);
  });
  afterAll(() => recert?.close());

  it('lists identities by key, searched by name, key or e-mail, filtered by status, page by page', async () => {
    const all = (await auditor().get('/api/v1/ledger/identities').expect(200)).body as Page<{ key: string }>;
    expect(all.items.map((i) => i.key)).toEqual([
      'alice',
      'bob',
      'carol',
      'ceo',
      'dave',
      'dflt',
      'gone',
      'mgr',
    ]);
    expect(all.nextCursor).toBeNull();

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await admin().get(`/api/v1/ledger/identities?limit=3${query}`).expect(200)).body as Page<{
        key: string;
      }>;
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => i.key));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.key));

    const byName = (await admin().get('/api/v1/ledger/identities?q=mona').expect(200)).body;
    expect(byName.items).toEqual([
      expect.objectContaining({
        key: 'mgr',
        displayName: 'Mona Manager',
        managerKey: 'ceo',
        managerName: 'Cleo CEO',
        department: 'Sales',
        assignmentCount: 1,
      }),
    ]);
    const byMail = (await admin().get('/api/v1/ledger/identities?q=EXAMPLE.test').expect(200)).body;
    expect(byMail.items.map((i: { key: string }) => i.key)).toEqual(['ceo', 'dflt']);
    const inactive = (await admin().get('/api/v1/ledger/identities?status=inactive').expect(200)).body;
    expect(inactive.items.map((i: { key: string }) => i.key)).toEqual(['gone']);
    // Wildcards are text, not patterns.
    expect((await admin().get('/api/v1/ledger/identities?q=%25').expect(200)).body.items).toEqual([]);
  });

  it('shows one identity, and says so when there is none', async () => {
    const alice = (await auditor().get('/api/v1/ledger/identities/alice').expect(200)).body;
    expect(alice).toMatchObject({
      key: 'alice',
      displayName: 'Alice',
      jobTitle: 'Rep',
      status: 'active',
      managerName: 'Mona Manager',
      assignmentCount: 2,
    });
    const missing = await admin().get('/api/v1/ledger/identities/nobody').expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body.detail).toBe('No identity has the key nobody.');
  });

  it('lists applications and permissions with their counts', async () => {
    const apps = (await admin().get('/api/v1/ledger/applications?q=r').expect(200)).body;
    expect(apps.items).toEqual([
      {
        key: 'crm',
        name: 'CRM',
        ownerKey: 'mgr',
        ownerName: 'Mona Manager',
        permissionCount: 2,
        assignmentCount: 5,
      },
      {
        key: 'erp',
        name: 'ERP',
        ownerKey: 'ceo',
        ownerName: 'Cleo CEO',
        permissionCount: 1,
        assignmentCount: 3,
      },
    ]);
    const crm = (await auditor().get('/api/v1/ledger/permissions?applicationKey=crm').expect(200)).body;
    expect(
      crm.items.map((p: { key: string; assignmentCount: number }) => [p.key, p.assignmentCount]),
    ).toEqual([
      ['crm-admin', 2],
      ['crm-user', 3],
    ]);
    const byName = (await admin().get('/api/v1/ledger/permissions?q=erp%20user').expect(200)).body;
    expect(byName.items).toEqual([
      expect.objectContaining({ key: 'erp-user', applicationName: 'ERP', kind: 'role', critical: false }),
    ]);
  });

  it('shows each assignment’s last certification once a campaign has reviewed it', async () => {
    const before = (await admin().get('/api/v1/ledger/assignments?identityKey=alice').expect(200))
      .body as Page<Assignment>;
    expect(before.items.map((a) => [a.key, a.lastCertification])).toEqual([
      ['as-alice-crm-admin', null],
      ['as-alice-erp', null],
    ]);

    const { id } = (
      await admin()
        .post('/api/v1/campaigns', {
          title: 'Alice’s access',
          dueAt: inDays(7),
          scope: { identityKeys: ['alice'] },
          reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        })
        .expect(201)
    ).body;
    await recert.waitForCampaign(id, 'active');
    const mgr = recert.as('mgr', 'reviewer');
    const items = (await mgr.get(`/api/v1/reviews?campaignId=${id}`).expect(200)).body.items as {
      id: string;
      assignmentKey: string;
    }[];
    const erp = items.find((i) => i.assignmentKey === 'as-alice-erp')!;
    await mgr
      .post(`/api/v1/campaigns/${id}/decisions`, {
        decisions: [{ itemId: erp.id, decision: 'revoke', comment: 'left the ERP team' }],
      })
      .expect(200);

    const after = (await auditor().get('/api/v1/ledger/assignments?identityKey=alice').expect(200))
      .body as Page<Assignment>;
    const [admin_, erpAfter] = after.items;
    expect(admin_.lastCertification).toMatchObject({
      campaignId: id,
      status: 'to_be_reviewed',
      decidedAt: null,
    });
    expect(erpAfter.lastCertification).toMatchObject({
      itemId: erp.id,
      campaignId: id,
      campaignTitle: 'Alice’s access',
      status: 'revoke',
      decidedBy: 'mgr',
    });
    expect(erpAfter.lastCertification!.decidedAt).toEqual(expect.any(String));

    const searched = (
      await admin().get('/api/v1/ledger/assignments?q=crm%20admin&applicationKey=crm').expect(200)
    ).body as Page<Assignment>;
    expect(searched.items.map((a) => a.key)).toEqual(['as-alice-crm-admin', 'as-mgr-crm-admin']);
  });

  it('is for administrators and auditors only, and refuses what it did not hand out', async () => {
    for (const path of ['identities', 'identities/alice', 'applications', 'permissions', 'assignments'])
      await recert.as('bob', 'reviewer').get(`/api/v1/ledger/${path}`).expect(403);
    const badCursor = await admin().get('/api/v1/ledger/identities?cursor=not-a-cursor').expect(400);
    expect(badCursor.body.errors).toEqual([{ field: 'cursor', message: 'invalid cursor' }]);
    await admin().get('/api/v1/ledger/assignments?identityKey=a%00b').expect(400);
    await admin().get('/api/v1/ledger/identities/a%00b').expect(400);
    await admin().get('/api/v1/ledger/identities?unknown=1').expect(400);
  });
});
