import { z } from 'zod';

const key = z.string().trim().min(1).max(200);
const ref = key.nullish();
const text = z.string().max(1000);
const timestamp = z.iso.datetime({ offset: true }).nullish();

export const identitySchema = z.strictObject({
  key,
  displayName: text.min(1),
  email: z.email().nullish(),
  managerKey: ref,
  department: text.nullish(),
  jobTitle: text.nullish(),
  type: z.string().min(1).max(50).default('employee'),
  status: z.enum(['active', 'inactive']).default('active'),
  attributes: z.record(z.string(), z.unknown()).default({}),
});

export const applicationSchema = z.strictObject({
  key,
  name: text.min(1),
  ownerKey: ref,
  /** How access to this application is removed; unset = the campaign's choice. */
  remediationConnector: z.enum(['embedded', 'itsm', 'provisioning']).nullish(),
  /** The ITSM instance (configured code) its tickets go to. */
  itsmInstance: key.nullish(),
});

export const permissionSchema = z.strictObject({
  key,
  applicationKey: key,
  name: text.min(1),
  kind: z.string().min(1).max(50).default('right'),
  ownerKey: ref,
  critical: z.boolean().default(false),
});

export const accountSchema = z.strictObject({
  key,
  applicationKey: key,
  login: text.min(1),
  ownerKey: ref,
  status: z.string().min(1).max(50).default('active'),
  lastLoginAt: timestamp,
});

export const assignmentSchema = z.strictObject({
  key,
  identityKey: key,
  permissionKey: key,
  accountKey: ref,
  origin: z.enum(['policy', 'manual']).default('manual'),
  compliance: z.enum(['compliant', 'non_compliant', 'unknown']).default('unknown'),
  status: z.string().min(1).max(50).default('ASSIGNED'),
  frozen: z.boolean().default(false),
  strict: z.boolean().default(false),
  assignedAt: timestamp,
  lastCertifiedAt: timestamp,
});

export const ledgerImportSchema = z.strictObject({
  identities: z.array(identitySchema).default([]),
  applications: z.array(applicationSchema).default([]),
  permissions: z.array(permissionSchema).default([]),
  accounts: z.array(accountSchema).default([]),
  assignments: z.array(assignmentSchema).default([]),
});

export type LedgerImport = z.infer<typeof ledgerImportSchema>;
export type LedgerCollection = keyof LedgerImport;

/** Parents before children, so every reference can be checked against rows already written. */
export const LEDGER_COLLECTIONS: LedgerCollection[] = [
  'identities',
  'applications',
  'permissions',
  'accounts',
  'assignments',
];

/** An import that is the whole of a collection (of one application's rows, if named): absent rows are removed. */
export interface Snapshot {
  collection: LedgerCollection;
  applicationKey: string | null;
}
