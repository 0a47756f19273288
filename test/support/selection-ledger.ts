const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/**
 * A ledger where each selection rule has a row to find: a self-managed CEO, a report of a manager who
 * left, owners of applications, permissions and groups, a revoked assignment, an orphan, a disabled and an
 * unused account, and an application (`old`) a snapshot can remove.
 */
export function selectionLedger() {
  return {
    identities: [
      { key: 'owner', displayName: 'Campaign Owner' },
      { key: 'dflt', displayName: 'Default Reviewer' },
      { key: 'ceo', displayName: 'Cleo CEO', managerKey: 'ceo' },
      { key: 'mgr', displayName: 'Mona Manager', managerKey: 'ceo', department: 'Sales' },
      { key: 'alice', displayName: 'Alice', managerKey: 'mgr', department: 'Sales', jobTitle: 'Rep' },
      { key: 'bob', displayName: 'Bob', managerKey: 'mgr', department: 'Sales' },
      { key: 'gone', displayName: 'Gus Gone', status: 'inactive' },
      { key: 'dave', displayName: 'Dave', managerKey: 'gone' },
      { key: 'appowner', displayName: 'Ada App-Owner', managerKey: 'ceo' },
      { key: 'permowner', displayName: 'Pat Perm-Owner', managerKey: 'ceo' },
      { key: 'groupowner', displayName: 'Gus Group-Owner', managerKey: 'ceo' },
    ],
    applications: [
      { key: 'crm', name: 'CRM', ownerKey: 'appowner' },
      { key: 'erp', name: 'ERP', ownerKey: 'ceo' },
      { key: 'old', name: 'Old' },
    ],
    permissions: [
      { key: 'crm-admin', applicationKey: 'crm', name: 'CRM Admin', ownerKey: 'permowner', critical: true },
      { key: 'crm-group', applicationKey: 'crm', name: 'Sales group', kind: 'group', ownerKey: 'groupowner' },
      { key: 'erp-user', applicationKey: 'erp', name: 'ERP User' },
      { key: 'old-perm', applicationKey: 'old', name: 'Old Perm' },
    ],
    accounts: [
      {
        key: 'acc-alice',
        applicationKey: 'crm',
        login: 'alice',
        ownerKey: 'alice',
        lastLoginAt: daysAgo(200),
      },
      { key: 'acc-bob', applicationKey: 'crm', login: 'bob', ownerKey: 'bob', lastLoginAt: daysAgo(1) },
      { key: 'acc-orphan', applicationKey: 'crm', login: 'svc-batch' },
      { key: 'acc-off', applicationKey: 'crm', login: 'bob2', ownerKey: 'bob', status: 'Disabled' },
    ],
    assignments: [
      {
        key: 'a-alice-admin',
        identityKey: 'alice',
        permissionKey: 'crm-admin',
        accountKey: 'acc-alice',
        origin: 'policy',
        compliance: 'compliant',
      },
      { key: 'a-alice-erp', identityKey: 'alice', permissionKey: 'erp-user', compliance: 'non_compliant' },
      { key: 'a-bob-group', identityKey: 'bob', permissionKey: 'crm-group', accountKey: 'acc-bob' },
      { key: 'a-ceo-erp', identityKey: 'ceo', permissionKey: 'erp-user' },
      { key: 'a-dave-erp', identityKey: 'dave', permissionKey: 'erp-user' },
      { key: 'a-mgr-admin', identityKey: 'mgr', permissionKey: 'crm-admin' },
      { key: 'a-bob-revoked', identityKey: 'bob', permissionKey: 'erp-user', status: 'REVOKED' },
      { key: 'a-bob-old', identityKey: 'bob', permissionKey: 'old-perm' },
    ],
  };
}
