import { FINANCIAL_SYSTEMS } from '../../src/demo/demo-campaigns';
import { DEMO_REFERENCE_DATE, DemoRole } from '../../src/demo/demo-files';
import { APPLICATIONS, ODD_EXTRAS, PERMISSIONS, PLAUSIBLE_EXTRAS, roleModel } from './access-model';
import { orgChart, Person } from './org-chart';
import { Random } from './prng';

export const DEMO_SEED = 20261201;

type Row = Record<string, string | boolean | null>;

/** Today's ledger, and the identities, accounts and assignments of six months before. */
export interface DemoLedger {
  previous: { identities: Row[]; accounts: Row[]; assignments: Row[] };
  current: {
    identities: Row[];
    applications: Row[];
    permissions: Row[];
    accounts: Row[];
    assignments: Row[];
  };
}

const DAY = 86_400_000;
const daysBefore = (days: number) => new Date(Date.parse(DEMO_REFERENCE_DATE) - days * DAY).toISOString();

/** Why someone holds an assignment: the role model, a request, or nobody knows. */
type Origin = 'model' | 'requested' | 'odd' | 'kept';

interface Job {
  jobTitle: string;
  department: string;
  managerKey: string | null;
  manager: boolean;
}

/** One person as a snapshot shows them: their job then, their access then. */
interface Holding {
  person: Person;
  job: Job;
  active: boolean;
  access: Map<string, Origin>;
}

const LOGIN_STYLE: Record<string, (p: Person) => string> = {
  ad: (p) => `${p.first[0]}${p.last}`.toLowerCase().replace(/\s+/g, ''),
  github: (p) => `${p.first}-${p.last}`.toLowerCase().replace(/\s+/g, '-'),
  aws: (p) => `${p.first}.${p.last}`.toLowerCase().replace(/\s+/g, ''),
  erp: (p) => `${p.first[0]}${p.last}`.toUpperCase().replace(/\s+/g, '').slice(0, 12),
  payroll: (p) => p.key,
  bank: (p) => p.key,
};
const loginOf = (app: string, p: Person) => (LOGIN_STYLE[app] ?? ((x: Person) => x.email))(p);

/** Accounts nobody owns: service accounts, a test user, leftovers of people long gone. */
const ORPHANS: [app: string, login: string, daysSinceLogin: number][] = [
  ['ad', 'svc-backup', 1],
  ['ad', 'svc-scanner', 3],
  ['ad', 'temp.contractor07', 411],
  ['ad', 'old.admin', 733],
  ['aws', 'ci-deployer', 0],
  ['aws', 'legacy-root-ops', 502],
  ['aws', 'test-user', 264],
  ['github', 'build-bot', 0],
  ['github', 'intern-2023', 540],
  ['erp', 'RFC_BATCH', 1],
  ['erp', 'FIREFIGHTER01', 188],
  ['erp', 'JSMITH_OLD', 620],
  ['dwh', 'etl_service', 0],
  ['dwh', 'tableau_legacy', 377],
  ['crm', 'integration@northwind.example', 2],
  ['crm', 'old.partner@agency.example', 455],
  ['m365', 'shared.reception@northwind.example', 5],
  ['bank', 'TREASURY-TEMP', 300],
];

/**
 * A company of ~500 people and its access, drawn from a fixed seed: the role model gives each job its
 * access (recommended), some hold what they requested (no recommendation) or what nobody in their job
 * should (not recommended), some accounts are unused, some have no owner, and between the two snapshots
 * a dozen people moved to other jobs (some keeping old access), ten joined and six left.
 */
export function demoLedger(): DemoLedger {
  const random = new Random(DEMO_SEED);
  const people = orgChart(random);
  const first = (title: string) => people.find((p) => p.jobTitle === title)!;
  const personas: Record<DemoRole, Person> = {
    reviewer: first('Finance controller'),
    administrator: first('IAM administrator'),
    auditor: first('Internal auditor'),
  };
  const personaKeys = new Set(Object.values(personas).map((p) => p.key));
  const team = people.filter((p) => p.managerKey === personas.reviewer.key);
  const staff = people.filter(
    (p) => !p.manager && !personaKeys.has(p.key) && p.managerKey !== personas.reviewer.key,
  );
  const jobOf = (p: Person): Job => ({
    jobTitle: p.jobTitle,
    department: p.department,
    managerKey: p.managerKey,
    manager: p.manager,
  });

  // Movers: one of the reviewer's accountants came from treasury and kept the right to prepare payments.
  const previousJob = new Map<string, Job>();
  const kept = new Map<string, string[]>();
  const treasury = first('Treasury analyst');
  previousJob.set(team[0].key, jobOf(treasury));
  kept.set(team[0].key, ['bank-payments']);
  // The others moved between jobs that share some financial-systems access, which the campaigns review.
  const reviewed = (p: Person) =>
    roleModel(p).filter((k) =>
      FINANCIAL_SYSTEMS.includes(PERMISSIONS.find((x) => x.key === k)!.applicationKey),
    );
  const movers = random.sample(
    staff.filter((p) => reviewed(p).length > 0),
    11,
  );
  for (const mover of movers) {
    const from = random.pick(
      staff.filter(
        (s) =>
          s.jobTitle !== mover.jobTitle &&
          s.managerKey !== mover.managerKey &&
          reviewed(s).some((k) => reviewed(mover).includes(k)),
      ),
    );
    previousJob.set(mover.key, jobOf(from));
    const leftover = roleModel(from).filter((k) => !roleModel(mover).includes(k));
    if (leftover.length > 0 && random.chance(0.7))
      kept.set(mover.key, random.sample(leftover, random.int(1, 2)));
  }
  const settled = staff.filter((p) => !previousJob.has(p.key));
  const leavers = new Set(random.sample(settled, 6).map((p) => p.key));
  const joiners = new Set(
    random
      .sample(
        settled.filter((p) => !leavers.has(p.key)),
        10,
      )
      .map((p) => p.key),
  );

  // Extras held in both snapshots: on the reviewer's team one requested and one odd, elsewhere at random.
  const extras = new Map<string, [string, Origin]>();
  const addExtra = (p: Person, list: string[], origin: Origin) => {
    const choices = list.filter((k) => !roleModel(p).includes(k));
    if (choices.length > 0 && !extras.has(p.key)) extras.set(p.key, [random.pick(choices), origin]);
  };
  extras.set(team[1].key, ['erp-admin', 'odd']);
  extras.set(team[2].key, ['dwh-analyst', 'requested']);
  for (const p of random.sample(people, 30)) addExtra(p, PLAUSIBLE_EXTRAS, 'requested');
  for (const p of random.sample(people, 24)) addExtra(p, ODD_EXTRAS, 'odd');

  const holding = (p: Person, job: Job, active: boolean, keptAccess: string[]): Holding => {
    const access = new Map<string, Origin>(roleModel(job).map((k) => [k, 'model']));
    for (const k of keptAccess) if (!access.has(k)) access.set(k, 'kept');
    const extra = extras.get(p.key);
    if (extra && !access.has(extra[0])) access.set(extra[0], extra[1]);
    return { person: p, job, active, access };
  };
  const previous = people
    .filter((p) => !joiners.has(p.key))
    .map((p) => holding(p, previousJob.get(p.key) ?? jobOf(p), true, []));
  const current = people.map((p) => holding(p, jobOf(p), !leavers.has(p.key), kept.get(p.key) ?? []));

  // Each account's last login, drawn once: a few accounts lie unused (one on the reviewer's team).
  const lastLogin = new Map<string, number>();
  const loginDays = (accountKey: string, leaver: boolean) => {
    if (!lastLogin.has(accountKey)) {
      lastLogin.set(
        accountKey,
        leaver ? random.int(40, 80) : random.chance(0.05) ? random.int(120, 700) : random.int(0, 20),
      );
    }
    return lastLogin.get(accountKey)!;
  };
  lastLogin.set(`dwh-${team[3].key.toLowerCase()}`, 212);
  const accountKey = (app: string, p: Person) => `${app}-${p.key.toLowerCase()}`;
  const permission = new Map(PERMISSIONS.map((x) => [x.key, x]));
  const appOf = (permissionKey: string) => permission.get(permissionKey)!.applicationKey;

  const accountsOf = (snapshot: Holding[], before: Holding[] | null): Row[] => {
    const rows: Row[] = [];
    const seen = new Set<string>();
    for (const h of snapshot) {
      for (const app of new Set([...h.access.keys()].map(appOf))) {
        const key = accountKey(app, h.person);
        seen.add(key);
        rows.push({
          key,
          applicationKey: app,
          login: loginOf(app, h.person),
          ownerKey: h.person.key,
          status: 'active',
          lastLoginAt: daysBefore(loginDays(key, !h.active)),
        });
      }
    }
    // Accounts whose access went with a move are disabled, not deleted.
    for (const h of before ?? []) {
      for (const app of new Set([...h.access.keys()].map(appOf))) {
        const key = accountKey(app, h.person);
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push({
          key,
          applicationKey: app,
          login: loginOf(app, h.person),
          ownerKey: h.person.key,
          status: 'disabled',
          lastLoginAt: daysBefore(loginDays(key, false) + 150),
        });
      }
    }
    for (const [app, login, days] of ORPHANS) {
      rows.push({
        key: `${app}-orphan-${login.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        applicationKey: app,
        login,
        ownerKey: null,
        status: 'active',
        lastLoginAt: daysBefore(days),
      });
    }
    return rows;
  };

  const assigned = new Map<string, number>();
  const certified = new Map<string, number>();
  const assignmentsOf = (snapshot: Holding[], inactiveAccount: (key: string) => boolean): Row[] =>
    snapshot.flatMap((h) =>
      [...h.access].map(([permissionKey, origin]) => {
        const key = `${h.person.key}-${permissionKey}`;
        const account = accountKey(appOf(permissionKey), h.person);
        if (!assigned.has(key)) assigned.set(key, random.int(30, 1500));
        if (!certified.has(key)) certified.set(key, random.int(20, Math.min(400, assigned.get(key)!)));
        const compliant = origin === 'model' && h.active && !inactiveAccount(account);
        return {
          key,
          identityKey: h.person.key,
          permissionKey,
          accountKey: account,
          origin: origin === 'model' ? 'policy' : 'manual',
          compliance: compliant ? 'compliant' : origin === 'requested' ? 'unknown' : 'non_compliant',
          assignedAt: daysBefore(assigned.get(key)!),
          lastCertifiedAt: origin === 'model' ? daysBefore(certified.get(key)!) : null,
        };
      }),
    );

  const identitiesOf = (snapshot: Holding[]): Row[] =>
    snapshot.map(({ person: p, job, active }) => {
      const role = (Object.keys(personas) as DemoRole[]).find((r) => personas[r].key === p.key);
      return {
        key: p.key,
        displayName: p.displayName,
        email: p.email,
        managerKey: job.managerKey,
        department: job.department,
        jobTitle: job.jobTitle,
        type: p.type,
        status: active ? 'active' : 'inactive',
        attributes: role ? JSON.stringify({ demoRole: role }) : null,
      };
    });

  const previousAccounts = accountsOf(previous, null);
  const currentAccounts = accountsOf(current, previous);
  const unused = (rows: Row[]) => {
    const cutoff = daysBefore(90);
    const keys = new Set(
      rows.filter((r) => r.ownerKey && (r.lastLoginAt as string) < cutoff).map((r) => r.key),
    );
    return (key: string) => keys.has(key);
  };
  const ownerOf = (title: string) => first(title).key;
  return {
    previous: {
      identities: identitiesOf(previous),
      accounts: previousAccounts,
      assignments: assignmentsOf(previous, unused(previousAccounts)),
    },
    current: {
      identities: identitiesOf(current),
      applications: APPLICATIONS.map((a) => ({ key: a.key, name: a.name, ownerKey: ownerOf(a.ownerTitle) })),
      permissions: PERMISSIONS.map((x) => ({
        key: x.key,
        applicationKey: x.applicationKey,
        name: x.name,
        kind: x.kind,
        critical: x.critical,
      })),
      accounts: currentAccounts,
      assignments: assignmentsOf(current, unused(currentAccounts)),
    },
  };
}
