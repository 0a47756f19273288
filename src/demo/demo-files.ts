import * as path from 'node:path';
import { projectRoot } from '../config/project-root';
import type { LedgerCollection } from '../ledger/ledger-import.schema';

/**
 * The day the example files were written for: their timestamps (last logins, assignment dates) are as
 * seen on that day, and the demo shifts them by the days since, so that what was recent stays recent.
 */
export const DEMO_REFERENCE_DATE = '2026-12-01T08:00:00Z';

/** The identity attribute that marks the demo's people, and what it says of them. */
export const DEMO_ROLE_ATTRIBUTE = 'demoRole';
export const DEMO_ROLES = ['reviewer', 'administrator', 'auditor'] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

export const examplesDir = () => path.join(projectRoot(), 'examples');

/** One import of the load, in order: a CSV file of one collection, whole (a snapshot) or merged. */
export interface DemoImport {
  file: string;
  collection: LedgerCollection;
  snapshot: boolean;
}

/** The state of six months ago, then today's: people moved, joined and left in between. */
export const PREVIOUS_IMPORTS: DemoImport[] = [
  { file: 'previous/identities.csv', collection: 'identities', snapshot: true },
  { file: 'applications.csv', collection: 'applications', snapshot: false },
  { file: 'permissions.csv', collection: 'permissions', snapshot: false },
  { file: 'previous/accounts.csv', collection: 'accounts', snapshot: true },
  { file: 'previous/assignments.csv', collection: 'assignments', snapshot: true },
];
export const CURRENT_IMPORTS: DemoImport[] = [
  { file: 'identities.csv', collection: 'identities', snapshot: true },
  { file: 'accounts.csv', collection: 'accounts', snapshot: true },
  { file: 'assignments.csv', collection: 'assignments', snapshot: true },
];

export const POLICY_FILE = 'policy.xml';

/** The route that loads the demo (the sign-in page's button posts to it). */
export const DEMO_PATH = '/api/v1/demo';
