/** Reviewers with e-mail addresses: ra reviews u1 and u2, rb reviews u3; boss manages both reviewers. */
export function mailLedger() {
  return {
    identities: [
      { key: 'boss', displayName: 'Bea Boss', email: 'boss@example.test' },
      { key: 'ra', displayName: 'Rita Reviewer', email: 'ra@example.test', managerKey: 'boss' },
      { key: 'rb', displayName: 'Rob Reviewer', email: 'rb@example.test', managerKey: 'boss' },
      { key: 'u1', displayName: 'User One', managerKey: 'ra' },
      { key: 'u2', displayName: 'User Two', managerKey: 'ra' },
      { key: 'u3', displayName: 'User Three', managerKey: 'rb' },
      { key: 'dflt', displayName: 'Default', email: 'iam@example.test' },
    ],
    applications: [{ key: 'app', name: 'App' }],
    permissions: [{ key: 'p', applicationKey: 'app', name: 'P' }],
    assignments: ['u1', 'u2', 'u3'].map((u) => ({ key: `${u}-p`, identityKey: u, permissionKey: 'p' })),
  };
}

/** `n` reviewers with e-mail addresses, each the line manager of one user with one assignment. */
export function reviewersLedger(n: number) {
  const reviewers = Array.from({ length: n }, (_, i) => ({
    key: `r${i}`,
    displayName: `Reviewer ${i}`,
    email: `r${i}@example.test`,
  }));
  const users = reviewers.map((r, i) => ({ key: `u${i}`, displayName: `User ${i}`, managerKey: r.key }));
  return {
    identities: [{ key: 'dflt', displayName: 'Default' }, ...reviewers, ...users],
    applications: [{ key: 'app', name: 'App' }],
    permissions: [{ key: 'p', applicationKey: 'app', name: 'P' }],
    assignments: users.map((u) => ({ key: `${u.key}-p`, identityKey: u.key, permissionKey: 'p' })),
  };
}
