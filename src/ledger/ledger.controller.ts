import { Inject, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { actorOf, Principal } from '../auth/roles';
import { z } from 'zod';
import { DomainError, invalidFields } from '../common/domain-error';
import { Endpoint, Resource } from '../common/endpoint';
import { validated } from '../common/zod-validation.pipe';
import type { LedgerFileFormat } from './ledger-file.reader';
import {
  LEDGER_COLLECTIONS,
  LedgerCollection,
  LedgerImport,
  ledgerImportSchema,
  Snapshot,
} from './ledger-import.schema';
import { ImportResult, LedgerService } from './ledger.service';

const importQuery = z.strictObject({
  collection: z
    .enum(LEDGER_COLLECTIONS)
    .optional()
    .describe('The collection of a CSV file (required), of every line of an NDJSON file, or of a snapshot'),
  mode: z
    .enum(['upsert', 'snapshot'])
    .default('upsert')
    .describe('snapshot: the import is the whole collection; rows it lacks are marked removed'),
  application: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('A snapshot of permissions, accounts or assignments limited to this application'),
});
type ImportQuery = z.infer<typeof importQuery>;

const WITH_APPLICATION: LedgerCollection[] = ['permissions', 'accounts', 'assignments'];

/** The snapshot a query asks for, or the field that makes it wrong. */
function snapshotOf(query: ImportQuery): Snapshot | null {
  const wrong = (field: string, message: string) => invalidFields([{ field, message }]);
  if (query.mode === 'upsert') {
    if (query.application) throw wrong('application', 'applies to a snapshot (mode=snapshot) only');
    return null;
  }
  if (!query.collection) throw wrong('collection', 'a snapshot is of one collection: name it');
  if (query.application && !WITH_APPLICATION.includes(query.collection)) {
    throw wrong('application', `a snapshot of ${query.collection} cannot be limited to an application`);
  }
  return { collection: query.collection, applicationKey: query.application ?? null };
}

const CSV = 'text/csv';
const NDJSON = ['application/x-ndjson', 'application/ndjson'];

/** JSON (parsed whole, within RECERT_IMPORT_BODY_LIMIT), or a file streamed as it arrives. */
function formatOf(req: Request): 'json' | LedgerFileFormat {
  if (!req.is('*/*') || req.is('application/json')) return 'json';
  if (req.is(CSV)) return 'csv';
  if (req.is(NDJSON)) return 'ndjson';
  throw new DomainError(
    415,
    'unsupported-media-type',
    'Unsupported media type',
    `A ledger import is application/json, ${CSV} or ${NDJSON[0]}.`,
  );
}

const collectionCounts = z.object({
  received: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
});

const importResultView = z.object({
  importId: z.string(),
  mode: z.enum(['upsert', 'snapshot']),
  counts: z.object(
    Object.fromEntries(Object.keys(ledgerImportSchema.shape).map((c) => [c, collectionCounts])) as Record<
      keyof LedgerImport,
      typeof collectionCounts
    >,
  ),
  remediations: z.object({ verified: z.number().int(), reopened: z.number().int() }),
  warnings: z
    .array(
      z.object({
        collection: z.enum(LEDGER_COLLECTIONS),
        field: z.string(),
        line: z.number().int().optional(),
        message: z.string(),
      }),
    )
    .describe('What was imported but deserves a look (the first 100), e.g. text with bidirectional controls'),
});

/** The one route whose bodies may be large (see app.factory.ts). */
export const LEDGER_IMPORTS_PATH = '/api/v1/ledger/imports';

@Resource('api/v1/ledger', { tag: 'ledger' })
export class LedgerController {
  constructor(@Inject(LedgerService) private readonly ledger: LedgerService) {}

  @Endpoint('POST', 'imports', {
    roles: ['admin'],
    summary: 'Upsert identities, applications, permissions, accounts and assignments, all or nothing',
    description:
      'A JSON document of collections, or a file streamed into the ledger: CSV (one collection, named by ' +
      '`collection`, with a header row of field names) or NDJSON (one record per line, each naming its ' +
      '`collection` unless the query does). A refused file lists its first 100 problems by line.',
    query: importQuery,
    body: {
      schema: ledgerImportSchema,
      consumes: ['application/json', CSV, NDJSON[0]],
      description:
        'The collections as JSON, or a file: CSV with a header row of these field names, or NDJSON lines of these records',
      // A file is streamed into the ledger as it arrives; only JSON is parsed whole, once its query is checked.
      readBy: 'handler',
    },
    status: 200,
    response: importResultView,
  })
  import(
    @Query() query: ImportQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ): Promise<ImportResult> {
    const by = actorOf(principal);
    const format = formatOf(req);
    const snapshot = snapshotOf(query);
    if (format === 'json') {
      if (query.collection && !snapshot) {
        throw invalidFields([
          { field: 'collection', message: 'applies to CSV and NDJSON files, and to snapshots' },
        ]);
      }
      return this.ledger.import(validated(ledgerImportSchema, req.body), by, snapshot);
    }
    if (format === 'csv' && !query.collection) {
      throw invalidFields([
        {
          field: 'collection',
          message: 'a CSV file holds one collection: name it, as in ?collection=assignments',
        },
      ]);
    }
    return this.ledger.importFile({ format, collection: query.collection, body: req }, by, snapshot);
  }
}
