import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { CURRENT_IMPORTS, examplesDir, POLICY_FILE, PREVIOUS_IMPORTS } from '../../src/demo/demo-files';
import { demoLedger } from './demo-ledger';
import { demoPolicyXml } from './demo-policy';

const COLUMNS: Record<string, string[]> = {
  identities: [
    'key',
    'displayName',
    'email',
    'managerKey',
    'department',
    'jobTitle',
    'type',
    'status',
    'attributes',
  ],
  applications: ['key', 'name', 'ownerKey'],
  permissions: ['key', 'applicationKey', 'name', 'kind', 'critical'],
  accounts: ['key', 'applicationKey', 'login', 'ownerKey', 'status', 'lastLoginAt'],
  assignments: [
    'key',
    'identityKey',
    'permissionKey',
    'accountKey',
    'origin',
    'compliance',
    'assignedAt',
    'lastCertifiedAt',
  ],
};

const csv = (collection: string, rows: Record<string, unknown>[]) =>
  stringify(rows, {
    header: true,
    columns: COLUMNS[collection],
    cast: { boolean: (v) => String(v) },
  });

/** The example files, by path under examples/: what `npm run demo:examples` writes. */
export function exampleFiles(): Record<string, string> {
  const ledger = demoLedger();
  const files: Record<string, string> = {};
  for (const { file, collection } of PREVIOUS_IMPORTS) {
    const rows = file.startsWith('previous/')
      ? ledger.previous[collection as keyof DemoLedgerPrevious]
      : ledger.current[collection];
    files[file] = csv(collection, rows);
  }
  for (const { file, collection } of CURRENT_IMPORTS)
    files[file] = csv(collection, ledger.current[collection]);
  files[POLICY_FILE] = demoPolicyXml();
  return files;
}

type DemoLedgerPrevious = ReturnType<typeof demoLedger>['previous'];

function main(): void {
  const dir = examplesDir();
  for (const [file, text] of Object.entries(exampleFiles())) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
    const records = file.endsWith('.csv') ? `: ${text.split('\n').length - 2} records` : '';
    console.log(`${path.join('examples', file)}${records}`);
  }
}

if (require.main === module) main();
