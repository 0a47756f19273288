/**
 * Access to remove in four applications, one per connector: `app` (the campaign's choice), `prov`
 * (provisioning), `snow` and `jsm` (ITSM instances `sn` and `jira`). ra reviews everything (line manager);
 * po owns the permissions of `app`; ao owns the application `prov` but not its permission.
 */
export function remediationLedger(withItsm = false) {
  const apps = withItsm ? ['app', 'prov', 'snow', 'jsm'] : ['app', 'prov'];
  return {
    identities: [
      { key: 'ra', displayName: 'Rita Reviewer', email: 'ra@example.test' },
      { key: 'po', displayName: 'Paul Perm-Owner', email: 'po@example.test' },
      { key: 'ao', displayName: 'Ann App-Owner', email: 'ao@example.test' },
      { key: 'u1', displayName: 'User One', managerKey: 'ra' },
      { key: 'u2', displayName: 'User Two', managerKey: 'ra' },
      { key: 'dflt', displayName: 'Default', email: 'iam@example.test' },
    ],
    applications: [
      { key: 'app', name: 'App' },
      { key: 'prov', name: 'Provisioned', ownerKey: 'ao', remediationConnector: 'provisioning' },
      ...(withItsm
        ? [
            { key: 'snow', name: 'Snow app', remediationConnector: 'itsm', itsmInstance: 'sn' },
            { key: 'jsm', name: 'Jira app', remediationConnector: 'itsm', itsmInstance: 'jira' },
          ]
        : []),
    ],
    permissions: apps.map((a) => ({
      key: `${a}-p`,
      applicationKey: a,
      name: `${a} permission`,
      ownerKey: a === 'app' ? 'po' : null,
    })),
    assignments: apps.flatMap((a) =>
      ['u1', 'u2'].map((u) => ({ key: `${u}-${a}`, identityKey: u, permissionKey: `${a}-p` })),
    ),
  };
}

/** The same assignments as a later ledger import shows them. */
export function assignmentsNow(statuses: Record<string, string>) {
  return {
    assignments: Object.entries(statuses).map(([key, status]) => {
      const [u, a] = key.split('-');
      return { key, identityKey: u, permissionKey: `${a}-p`, status };
    }),
  };
}
