import { parseArgs } from 'node:util';
import { SmtpSink } from '../test/support/smtp-sink';
import { launchAndWait, startBenchOn } from './support';

// npm run bench:remind -- --reviewers 10000 [--topology prod]
// A local SMTP sink, the service sending through its pooled transport: launches a campaign with one item
// per reviewer (launch notices go out), then sends reminders now to every reviewer and prints messages per
// second delivered to the sink for both.
const { values } = parseArgs({
  options: {
    reviewers: { type: 'string', default: '10000' },
    topology: { type: 'string', default: 'embedded' },
  },
});
const REVIEWERS = Number(values.reviewers);

function ledger() {
  const reviewers = Array.from({ length: REVIEWERS }, (_, n) => ({
    key: `rev-${n}`,
    displayName: `Reviewer ${n}`,
    email: `rev-${n}@example.test`,
  }));
  const users = reviewers.map((r, n) => ({ key: `user-${n}`, displayName: `User ${n}`, managerKey: r.key }));
  return {
    identities: [{ key: 'default-reviewer', displayName: 'Default' }, ...reviewers, ...users],
    applications: [{ key: 'app', name: 'App' }],
    permissions: [{ key: 'perm', applicationKey: 'app', name: 'Permission' }],
    assignments: users.map((u) => ({ key: `${u.key}-perm`, identityKey: u.key, permissionKey: 'perm' })),
  };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 50));
}

async function main(): Promise<void> {
  const sink = new SmtpSink(0, false);
  const port = await sink.listen();
  const recert = await startBenchOn(values.topology, 'recert-bench-remind', {
    SMTP_URL: `smtp://127.0.0.1:${port}`,
  });
  try {
    const admin = await recert.token('bench-admin', 'admin');
    await recert.api(admin, 'POST', '/api/v1/ledger/imports', ledger());
    const t0 = performance.now();
    const { campaign } = await launchAndWait(recert, admin, `Remind bench ${REVIEWERS} reviewers`, {
      notifications: { reminders: null, closingSoon: null, escalateAfter: null },
    });
    await until(() => sink.count >= REVIEWERS);
    const launchSeconds = (performance.now() - t0) / 1000;
    console.log(
      `launch notices: ${REVIEWERS} in ${launchSeconds.toFixed(2)} s from the POST (${(REVIEWERS / launchSeconds).toFixed(0)} messages/s, sent by the fan-out a page at a time, between reviewer task starts)`,
    );

    const t1 = performance.now();
    const { sent } = await recert.api<{ sent: number }>(
      admin,
      'POST',
      `/api/v1/campaigns/${campaign.id}/reminders`,
    );
    await until(() => sink.count >= 2 * REVIEWERS);
    const remindSeconds = (performance.now() - t1) / 1000;
    console.log(`reminders now: ${sent} sent, delivered in ${remindSeconds.toFixed(2)} s`);
    console.log(`messages per second (reminders now, pooled SMTP): ${(sent / remindSeconds).toFixed(0)}`);
  } finally {
    await recert.stop();
    await sink.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
