import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { demoLedger } from '../../scripts/demo/demo-ledger';
import { exampleFiles } from '../../scripts/demo/generate-examples';
import { examplesDir } from '../../src/demo/demo-files';

type Row = Record<string, string>;
const read = (file: string): Row[] =>
  parse(fs.readFileSync(path.join(examplesDir(), file), 'utf8'), { columns: true }) as Row[];

describe('the demo organisation’s example files (examples/)', () => {
  const files = exampleFiles();

  it('are exactly what `npm run demo:examples` writes from its fixed seed', () => {
    const stale = Object.entries(files)
      .filter(([file, text]) => fs.readFileSync(path.join(examplesDir(), file), 'utf8') !== text)
      .map(([file]) => `examples/${file} differs: run npm run demo:examples`);
    expect(stale).toEqual([]);
    // The same seed, the same organisation.
    expect(demoLedger()).toEqual(demoLedger());
  });

  const identities = read('identities.csv');
  const byKey = new Map(identities.map((i) => [i.key, i]));
  const assignments = read('assignments.csv');
  const permissions = read('permissions.csv');

  it('hold ~500 people under one CEO, four or five levels deep, in departments and jobs', () => {
    expect(identities.length).toBeGreaterThanOrEqual(450);
    expect(identities.length).toBeLessThanOrEqual(550);
    const roots = identities.filter((i) => !i.managerKey);
    expect(roots.map((r) => r.jobTitle)).toEqual(['Chief Executive Officer']);
    const depth = (key: string): number =>
      byKey.get(key)!.managerKey ? 1 + depth(byKey.get(key)!.managerKey) : 1;
    const deepest = Math.max(...identities.map((i) => depth(i.key)));
    expect(deepest).toBeGreaterThanOrEqual(4);
    expect(deepest).toBeLessThanOrEqual(5);
    expect(new Set(identities.map((i) => i.department)).size).toBeGreaterThanOrEqual(8);
    const titles = new Set(identities.map((i) => i.jobTitle));
    for (const title of ['Finance controller', 'Accountant', 'Sales rep', 'Engineer', 'HR partner']) {
      expect(titles).toContain(title);
    }
  });

  it('mark the demo reviewer (a Finance controller), the administrator and the auditor', () => {
    const marked = identities
      .filter((i) => i.attributes)
      .map((i) => [JSON.parse(i.attributes).demoRole, i.jobTitle]);
    expect(marked.sort()).toEqual([
      ['administrator', 'IAM administrator'],
      ['auditor', 'Internal auditor'],
      ['reviewer', 'Finance controller'],
    ]);
  });

  it('hold 12 applications with owners, privileged permissions among them, ~6,000 assignments', () => {
    const applications = read('applications.csv');
    expect(applications).toHaveLength(12);
    for (const a of applications) expect(byKey.has(a.ownerKey)).toBe(true);
    expect(permissions.filter((p) => p.critical === 'true').length).toBeGreaterThanOrEqual(15);
    expect(assignments.length).toBeGreaterThanOrEqual(5500);
    expect(assignments.length).toBeLessThanOrEqual(6500);
  });

  it('give recommendations meaning: the job’s access compliant, odd or unused access not', () => {
    const accounts = new Map(read('accounts.csv').map((a) => [a.key, a]));
    const holders = new Map<string, number>();
    const jobSize = new Map<string, number>();
    for (const i of identities) jobSize.set(i.jobTitle, (jobSize.get(i.jobTitle) ?? 0) + 1);
    for (const a of assignments) {
      const job = `${byKey.get(a.identityKey)!.jobTitle}|${a.permissionKey}`;
      holders.set(job, (holders.get(job) ?? 0) + 1);
    }
    const peersHolding = (a: Row) =>
      holders.get(`${byKey.get(a.identityKey)!.jobTitle}|${a.permissionKey}`)! /
      jobSize.get(byKey.get(a.identityKey)!.jobTitle)!;
    const cutoff = new Date(Date.parse('2026-12-01T08:00:00Z') - 90 * 86_400_000).toISOString();
    for (const a of assignments) {
      if (a.compliance === 'compliant') {
        expect(a.origin).toBe('policy');
        expect(peersHolding(a)).toBeGreaterThan(0.5);
        expect(accounts.get(a.accountKey)!.lastLoginAt >= cutoff).toBe(true);
      }
      if (
        a.origin === 'manual' &&
        a.compliance === 'non_compliant' &&
        jobSize.get(byKey.get(a.identityKey)!.jobTitle)! > 3
      )
        expect(peersHolding(a)).toBeLessThan(0.5);
    }
    const counts = (c: string) => assignments.filter((a) => a.compliance === c).length;
    expect(counts('non_compliant')).toBeGreaterThan(100);
    expect(counts('unknown')).toBeGreaterThan(10);
  });

  it('hold orphan and unused accounts, and a previous snapshot with movers, joiners and leavers', () => {
    const accounts = read('accounts.csv');
    expect(accounts.filter((a) => !a.ownerKey).length).toBeGreaterThanOrEqual(10);
    const previous = new Map(read('previous/identities.csv').map((i) => [i.key, i]));
    const movers = identities.filter(
      (i) => previous.has(i.key) && previous.get(i.key)!.jobTitle !== i.jobTitle,
    );
    expect(movers.length).toBeGreaterThanOrEqual(10);
    expect(identities.filter((i) => !previous.has(i.key)).length).toBe(10);
    expect(identities.filter((i) => i.status === 'inactive').length).toBe(6);
  });

  it('hold seed 002’s policy XML', () => {
    expect(files['policy.xml']).toContain('<search:Prop op="EQUALS" name="role.critical">');
    expect(files['policy.xml']).toContain('<recertificationPeriod>P6M</recertificationPeriod>');
  });
});
