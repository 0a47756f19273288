const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/**
 * An organisation where every reviewer rule has something to find: owners of applications, permissions,
 * groups and accounts, a manager who left, a self-owned account.
 */
export function reviewLedger() {
  return {
    identities: [
      { key: 'ceo', displayName: 'Cleo CEO', managerKey: 'ceo' },
      { key: 'mgr', displayName: 'Mona Manager', managerKey: 'ceo', department: 'Sales' },
      { key: 'alice', displayName: 'Alice', managerKey: 'mgr', department: 'Sales', jobTitle: 'Rep' },
      { key: 'bob', displayName: 'Bob', managerKey: 'mgr', department: 'Sales' },
      { key: 'left', displayName: 'Lee Left', status: 'inactive' },
      { key: 'carl', displayName: 'Carl', managerKey: 'left' },
      { key: 'dave', displayName: 'Dave' },
      { key: 'appowner', displayName: 'Ada App-Owner', managerKey: 'ceo' },
      { key: 'permowner', displayName: 'Pat Perm-Owner', managerKey: 'ceo' },
      { key: 'groupowner', displayName: 'Gus Group-Owner', managerKey: 'ceo' },
      { key: 'acctowner', displayName: 'Acc Account-Owner', managerKey: 'ceo' },
      { key: 'dflt', displayName: 'Default Reviewer' },
    ],
    applications: [
      { key: 'crm', name: 'CRM', ownerKey: 'appowner' },
      { key: 'hr', name: 'HR' },
    ],
    permissions: [
      { key: 'crm-admin', applicationKey: 'crm', name: 'CRM Admin', ownerKey: 'permowner', critical: true },
      {
        key: 'crm-group',
        applicationKey: 'crm',
        name: 'CRM Sales group',
        kind: 'group',
        ownerKey: 'groupowner',
      },
      { key: 'hr-user', applicationKey: 'hr', name: 'HR User' },
    ],
    accounts: [
      {
        key: 'acc-alice',
        applicationKey: 'crm',
        login: 'alice',
        ownerKey: 'acctowner',
        lastLoginAt: daysAgo(200),
      },
      { key: 'acc-bob', applicationKey: 'crm', login: 'bob', ownerKey: 'bob', lastLoginAt: daysAgo(1) },
    ],
    assignments: [
      {
        key: 'a1',
        identityKey: 'alice',
        permissionKey: 'crm-admin',
        accountKey: 'acc-alice',
        origin: 'policy',
        compliance: 'compliant',
      },
      { key: 'a2', identityKey: 'bob', permissionKey: 'crm-group', accountKey: 'acc-bob' },
      { key: 'a3', identityKey: 'carl', permissionKey: 'hr-user', compliance: 'non_compliant' },
      { key: 'a4', identityKey: 'dave', permissionKey: 'hr-user' },
      { key: 'a5', identityKey: 'appowner', permissionKey: 'crm-admin' },
    ],
  };
}
