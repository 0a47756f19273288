// Shared by the benchmarks and the browser tests at scale.

/** A ledger of `items` assignments, five per user, users spread evenly over `reviewers` managers. */
export function syntheticLedger(items: number, reviewers: number) {
  const perIdentity = 5;
  const users = Math.ceil(items / perIdentity);
  return {
    identities: [
      { key: 'default-reviewer', displayName: 'Default reviewer' },
      ...Array.from({ length: reviewers }, (_, r) => ({ key: `mgr-${r}`, displayName: `Manager ${r}` })),
      ...Array.from({ length: users }, (_, u) => ({
        key: `user-${u}`,
        displayName: `User ${u}`,
        managerKey: `mgr-${u % reviewers}`,
        department: `dept-${u % 40}`,
      })),
    ],
    applications: Array.from({ length: 20 }, (_, a) => ({ key: `app-${a}`, name: `Application ${a}` })),
    permissions: Array.from({ length: 200 }, (_, p) => ({
      key: `perm-${p}`,
      applicationKey: `app-${p % 20}`,
      name: `Permission ${p}`,
    })),
    assignments: Array.from({ length: items }, (_, i) => ({
      key: `as-${i}`,
      identityKey: `user-${Math.floor(i / perIdentity)}`,
      permissionKey: `perm-${(i * 7) % 200}`,
      origin: i % 3 === 0 ? 'policy' : 'manual',
      compliance: i % 10 === 0 ? 'non_compliant' : 'compliant',
    })),
  };
}
