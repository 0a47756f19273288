const monthsAgo = (n: number) => new Date(Date.now() - n * 30 * 86_400_000).toISOString();

/**
 * Assignments for policy scopes: employees and a contractor in two departments, a CEO without a
 * manager, critical and ordinary roles in two applications, and assignments a policy must never select
 * (frozen, strict, not ASSIGNED). Certification ages: as-alice-crm-admin recent, as-bob-crm-admin old,
 * the others never certified.
 */
export function policyLedger() {
  return {
    identities: [
      { key: 'CEO', displayName: 'Cleo CEO', email: 'ceo@example.test' },
      {
        key: 'mgr',
        displayName: 'Mona Manager',
        managerKey: 'CEO',
        department: 'Sales',
        email: 'mgr@example.test',
      },
      { key: 'alice', displayName: 'Alice Liddell', managerKey: 'mgr', department: 'Sales' },
      { key: 'bob', displayName: 'Bob Builder', managerKey: 'mgr', department: 'HR' },
      {
        key: 'carl',
        displayName: 'Carl Contractor',
        managerKey: 'mgr',
        department: 'Sales',
        type: 'contractor',
      },
      { key: 'dflt', displayName: 'Default Reviewer', email: 'iam@example.test' },
    ],
    applications: [
      { key: 'crm', name: 'CRM' },
      { key: 'erp', name: 'ERP' },
    ],
    permissions: [
      { key: 'crm-admin', applicationKey: 'crm', name: 'CRM Admin', critical: true },
      { key: 'crm-user', applicationKey: 'crm', name: 'CRM User' },
      { key: 'erp-user', applicationKey: 'erp', name: 'ERP User', kind: 'role' },
      { key: 'erp-root', applicationKey: 'erp', name: 'ERP Root', critical: true },
    ],
    accounts: [
      {
        key: 'crm-alice',
        applicationKey: 'crm',
        login: 'alice',
        ownerKey: 'alice',
        lastLoginAt: '2026-10-01T08:00:00Z',
      },
      {
        key: 'crm-bob',
        applicationKey: 'crm',
        login: 'bob',
        ownerKey: 'bob',
        lastLoginAt: '2025-01-01T08:00:00Z',
      },
    ],
    assignments: [
      {
        key: 'as-alice-crm-admin',
        identityKey: 'alice',
        permissionKey: 'crm-admin',
        accountKey: 'crm-alice',
        lastCertifiedAt: monthsAgo(1),
      },
      {
        key: 'as-bob-crm-admin',
        identityKey: 'bob',
        permissionKey: 'crm-admin',
        accountKey: 'crm-bob',
        lastCertifiedAt: monthsAgo(9),
      },
      { key: 'as-carl-crm-admin', identityKey: 'carl', permissionKey: 'crm-admin' },
      { key: 'as-ceo-erp-root', identityKey: 'CEO', permissionKey: 'erp-root' },
      { key: 'as-alice-crm-user', identityKey: 'alice', permissionKey: 'crm-user' },
      { key: 'as-bob-erp-user', identityKey: 'bob', permissionKey: 'erp-user' },
      { key: 'as-mgr-erp-user', identityKey: 'mgr', permissionKey: 'erp-user' },
      { key: 'as-mgr-erp-root-frozen', identityKey: 'mgr', permissionKey: 'erp-root', frozen: true },
      { key: 'as-bob-erp-root-strict', identityKey: 'bob', permissionKey: 'erp-root', strict: true },
      {
        key: 'as-alice-erp-root-revoked',
        identityKey: 'alice',
        permissionKey: 'erp-root',
        status: 'REVOKED',
      },
    ],
  };
}

/** A valid policy body; `overrides` replace top-level fields. */
export function policyBody(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    name: `Policy ${id}`,
    active: false,
    identityScope: { objectTypes: [] },
    roleAssignmentScope: {},
    workflowStrategy: {
      reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
      dueIn: 'P14D',
      options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null } },
    },
    ...overrides,
  };
}
