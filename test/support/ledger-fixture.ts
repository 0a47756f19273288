/**
 * A small organisation: a manager (mgr) with three reports, an inactive manager (gone) with one report,
 * a self-managed CEO, a default reviewer, two applications and their permissions.
 */
export function smallLedger() {
  return {
    identities: [
      { key: 'ceo', displayName: 'Cleo CEO', managerKey: 'ceo', email: 'ceo@example.test' },
      { key: 'mgr', displayName: 'Mona Manager', managerKey: 'ceo', department: 'Sales' },
      { key: 'gone', displayName: 'Gus Gone', status: 'inactive' },
      { key: 'alice', displayName: 'Alice', managerKey: 'mgr', department: 'Sales', jobTitle: 'Rep' },
      { key: 'bob', displayName: 'Bob', managerKey: 'mgr', department: 'Sales' },
      { key: 'carol', displayName: 'Carol', managerKey: 'mgr', type: 'contractor' },
      { key: 'dave', displayName: 'Dave', managerKey: 'gone' },
      { key: 'dflt', displayName: 'Default Reviewer', email: 'iam@example.test' },
    ],
    applications: [
      { key: 'crm', name: 'CRM', ownerKey: 'mgr' },
      { key: 'erp', name: 'ERP', ownerKey: 'ceo' },
    ],
    permissions: [
      { key: 'crm-admin', applicationKey: 'crm', name: 'CRM Admin', critical: true },
      { key: 'crm-user', applicationKey: 'crm', name: 'CRM User' },
      { key: 'erp-user', applicationKey: 'erp', name: 'ERP User', kind: 'role' },
    ],
    accounts: [
      {
        key: 'crm-alice',
        applicationKey: 'crm',
        login: 'alice',
        ownerKey: 'alice',
        lastLoginAt: '2026-10-01T08:00:00Z',
      },
    ],
    assignments: [
      {
        key: 'as-alice-crm-admin',
        identityKey: 'alice',
        permissionKey: 'crm-admin',
        accountKey: 'crm-alice',
        origin: 'policy',
        compliance: 'compliant',
      },
      { key: 'as-alice-erp', identityKey: 'alice', permissionKey: 'erp-user', compliance: 'non_compliant' },
      { key: 'as-bob-crm-user', identityKey: 'bob', permissionKey: 'crm-user' },
      { key: 'as-carol-crm-user', identityKey: 'carol', permissionKey: 'crm-user' },
      { key: 'as-dave-crm-user', identityKey: 'dave', permissionKey: 'crm-user' },
      { key: 'as-ceo-erp', identityKey: 'ceo', permissionKey: 'erp-user' },
      { key: 'as-mgr-crm-admin', identityKey: 'mgr', permissionKey: 'crm-admin' },
      { key: 'as-bob-revoked', identityKey: 'bob', permissionKey: 'erp-user', status: 'REVOKED' },
    ],
  };
}

export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

/**
 * A campaign over the whole ledger, each item reviewed by the person's line manager ('dflt' for those with
 * none), due in five days; `more` adds to it or overrides.
 */
export function managersCampaign(title: string, more: Record<string, unknown> = {}) {
  return {
    title,
    dueAt: inDays(5),
    reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
    ...more,
  };
}
