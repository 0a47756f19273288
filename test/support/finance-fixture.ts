import { inDays } from './ledger-fixture';

/**
 * A finance department for item-level questions: Fiona (CFO) manages Gina, Hugo, Ivan; Carl (controller)
 * manages Jane and Kim. Gina, Hugo and Jane hold the general-ledger posting right; applications include
 * SAP and NetSuite (whose names share nothing but their letters' order: the scope picker's trap).
 */
export function financeLedger() {
  return {
    identities: [
      { key: 'ceo', displayName: 'Cleo CEO', managerKey: 'ceo' },
      { key: 'cfo', displayName: 'Fiona Finance', managerKey: 'ceo', email: 'fiona@example.test' },
      { key: 'ctl', displayName: 'Carl Controller', managerKey: 'ceo', email: 'carl@example.test' },
      { key: 'iam', displayName: 'IAM team', email: 'iam@example.test' },
      { key: 'gina', displayName: 'Gina Green', managerKey: 'cfo', department: 'Accounting' },
      { key: 'hugo', displayName: 'Hugo Hill', managerKey: 'cfo', department: 'Accounting' },
      { key: 'ivan', displayName: 'Ivan Ivanov', managerKey: 'cfo', department: 'Treasury' },
      { key: 'jane', displayName: 'Jane Doe', managerKey: 'ctl', department: 'Controlling' },
      { key: 'kim', displayName: 'Kim Kahn', managerKey: 'ctl', department: 'Controlling' },
    ],
    applications: [
      { key: 'gl', name: 'General Ledger', ownerKey: 'cfo' },
      { key: 'sap', name: 'SAP ERP', ownerKey: 'ctl' },
      { key: 'netsuite', name: 'NetSuite', ownerKey: 'ctl' },
      { key: 'crm', name: 'CRM', ownerKey: 'ceo' },
    ],
    permissions: [
      { key: 'gl-post', applicationKey: 'gl', name: 'GL posting', critical: true },
      { key: 'gl-read', applicationKey: 'gl', name: 'GL read' },
      { key: 'sap-user', applicationKey: 'sap', name: 'SAP user' },
      { key: 'ns-user', applicationKey: 'netsuite', name: 'NetSuite user' },
      { key: 'crm-user', applicationKey: 'crm', name: 'CRM user' },
    ],
    assignments: [
      { key: 'gina-gl-post', identityKey: 'gina', permissionKey: 'gl-post' },
      { key: 'gina-gl-read', identityKey: 'gina', permissionKey: 'gl-read' },
      { key: 'gina-sap', identityKey: 'gina', permissionKey: 'sap-user' },
      { key: 'hugo-gl-post', identityKey: 'hugo', permissionKey: 'gl-post' },
      { key: 'hugo-crm', identityKey: 'hugo', permissionKey: 'crm-user' },
      { key: 'ivan-gl-read', identityKey: 'ivan', permissionKey: 'gl-read' },
      { key: 'ivan-ns', identityKey: 'ivan', permissionKey: 'ns-user' },
      { key: 'jane-gl-post', identityKey: 'jane', permissionKey: 'gl-post' },
      { key: 'jane-sap', identityKey: 'jane', permissionKey: 'sap-user' },
      { key: 'kim-crm', identityKey: 'kim', permissionKey: 'crm-user' },
    ],
  };
}

/** The campaign of the finance department: line managers review, the IAM team last; nothing chases anyone. */
export const financeCampaign = (title = 'Finance access review') => ({
  title,
  dueAt: inDays(7),
  reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'iam' },
  options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null } },
});

/** An API caller as `sub` (the tests' TestRecert.as). */
interface Caller {
  get: (url: string) => PromiseLike<{ status: number; body: unknown }>;
  post: (url: string, body?: object) => PromiseLike<{ status: number; body: unknown; text: string }>;
}

/**
 * What the reviewers did before the due date: Fiona revoked Gina's GL posting alone (with a comment), then
 * approved her remaining general-ledger items in bulk; Carl forwarded Jane's SAP access to Fiona, with a
 * reason. Everything else waits, for the due date to close it.
 */
export async function reviewFinance(
  as: (sub: string) => Caller,
  campaignId: string,
  /** How Fiona sends her single revocation (a browser session, say); through the API unless told. */
  sendRevocation?: (body: object) => Promise<void>,
) {
  const itemsOf = async (sub: string) =>
    (
      (await as(sub).get(`/api/v1/reviews?campaignId=${campaignId}&limit=500`)).body as {
        items: { id: string; assignmentKey: string }[];
      }
    ).items;
  const must = async (res: PromiseLike<{ status: number; text: string }>) => {
    const r = await res;
    if (r.status !== 200) throw new Error(`${r.status} ${r.text.slice(0, 300)}`);
  };
  const fiona = await itemsOf('cfo');
  const carl = await itemsOf('ctl');
  const id = (items: { id: string; assignmentKey: string }[], key: string) =>
    items.find((i) => i.assignmentKey === key)!.id;
  const revocation = {
    decisions: [
      { itemId: id(fiona, 'gina-gl-post'), decision: 'revoke', comment: 'Left the GL team in May' },
    ],
  };
  if (sendRevocation) await sendRevocation(revocation);
  else await must(as('cfo').post(`/api/v1/campaigns/${campaignId}/decisions`, revocation));
  await must(
    as('cfo').post(`/api/v1/campaigns/${campaignId}/decisions/bulk`, {
      filter: { applicationKey: 'gl' },
      decision: 'approve',
    }),
  );
  await must(
    as('ctl').post(`/api/v1/campaigns/${campaignId}/decisions`, {
      decisions: [
        {
          itemId: id(carl, 'jane-sap'),
          decision: 'forward',
          forwardTo: 'cfo',
          forwardReason: 'Jane works for Fiona on SAP',
        },
      ],
    }),
  );
  return {
    ginaGlPost: id(fiona, 'gina-gl-post'),
    hugoGlPost: id(fiona, 'hugo-gl-post'),
    kimCrm: id(carl, 'kim-crm'),
  };
}
