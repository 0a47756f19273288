import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit';
import type { Actor } from '../domain/actor';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { bidiControlFields } from '../common/bidi-controls';
import { DomainError, FieldError } from '../common/domain-error';
import { Database, Sql } from '../database/database';
import { isKeyTwice } from '../database/pg-errors';
import { CLOSED_LOOP_VERIFIER, ClosedLoopVerifier, VerificationCounts } from './closed-loop-verifier';
import { ledgerFileEntries, LedgerFileFormat } from './ledger-file.reader';
import { limitedBody } from '../common/size-limit';
import { LEDGER_COLLECTIONS, LedgerCollection, LedgerImport, Snapshot } from './ledger-import.schema';
import { LEDGER_SPECS, LedgerRepository, staging, Target, UpsertCounts } from './ledger.repository';
import { FirstLoad } from './first-load';
import { MergedParts, StagingWriter } from './staging-writer';

/** At most this many problems are reported for one refused import. */
const MAX_ERRORS = 100;
/** At most this many warnings are reported for one import. */
const MAX_WARNINGS = 100;

/** A refused import: `validation` for records that are not well formed, `ledger-reference` otherwise. */
const refused = (errors: FieldError[], code = 'ledger-reference') => {
  const first = errors[0];
  const where = first.line ? `line ${first.line}, ${first.field}` : first.field;
  return new DomainError(400, code, 'Ledger import refused', `${where}: ${first.message}`, errors);
};

/** Names a staged row in a problem: by index in a JSON document, by line in a file. */
interface Locate {
  at(collection: LedgerCollection, idx: number, field: string): Pick<FieldError, 'field' | 'line'>;
  /** The same row in a message. */
  row(idx: number): string;
}
const inDocument: Locate = {
  at: (collection, idx, field) => ({ field: `${collection}[${idx}].${field}` }),
  row: (idx) => `index ${idx}`,
};
const inFile: Locate = { at: (_, line, field) => ({ field, line }), row: (line) => `line ${line}` };

type Received = Partial<Record<LedgerCollection, number>>;

/** What staging took in, and what of it was already merged (a large file of one collection). */
interface Staged {
  received: Received;
  merged?: MergedParts;
}

export interface ImportResult {
  importId: string;
  mode: 'upsert' | 'snapshot';
  /** Rows removed: those a snapshot no longer contains (0 for an upsert). */
  counts: Record<LedgerCollection, UpsertCounts & { received: number; removed: number }>;
  /** Closed-loop verification of revocations reported done: confirmed gone, or reopened. */
  remediations: VerificationCounts;
  /** What was imported but deserves a look (the first 100): text that displays as other than it is. */
  warnings: ImportWarning[];
}

/** A field of a record the import took, and why it deserves a look. */
export interface ImportWarning extends FieldError {
  collection: LedgerCollection;
}

/** Takes note of what a staged record (by index, or file line) deserves a warning for. */
type Warn = (collection: LedgerCollection, idx: number, row: Record<string, unknown>) => void;

export interface LedgerFile {
  format: LedgerFileFormat;
  /** The collection of every record (a CSV file always has one; NDJSON lines may name their own). */
  collection?: LedgerCollection;
  body: Readable;
}

@Injectable()
export class LedgerService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(LedgerRepository) private readonly ledger: LedgerRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(CLOSED_LOOP_VERIFIER) private readonly verifier: ClosedLoopVerifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A whole JSON document, already parsed and validated. */
  import(doc: LedgerImport, by: Actor, snapshot: Snapshot | null = null): Promise<ImportResult> {
    return this.merge(by, snapshot, inDocument, async (sql, _importId, _firstLoad, warn) => {
      const received: Received = {};
      for (const collection of LEDGER_COLLECTIONS) {
        if (doc[collection].length === 0) continue;
        doc[collection].forEach((row, idx) => warn(collection, idx, row));
        await this.ledger.stage(sql, collection, doc[collection]);
        received[collection] = doc[collection].length;
      }
      return { received };
    });
  }

  /**
   * A CSV or NDJSON file, streamed: each record is validated as it arrives and copied into staging, so
   * the file is never held whole; a refused file reports its first problems by line and writes nothing.
   */
  importFile(file: LedgerFile, by: Actor, snapshot: Snapshot | null = null): Promise<ImportResult> {
    return this.merge(by, snapshot, inFile, async (sql, importId, firstLoad, warn) => {
      // A file of one collection is merged in parts as it streams; one that mixes collections may name,
      // further down, what an earlier record refers to.
      const writer = new StagingWriter(
        sql,
        this.ledger,
        file.collection
          ? {
              rows: this.config.limits.importMergeRows,
              merge: async (collection, after, upTo) => {
                await this.ledger.analyzeStaging(sql, collection);
                await firstLoad.beforeWrite(collection);
                // A key twice in the part may fail it: undone, it leaves the line to the checks to name.
                return sql.undoable(
                  () =>
                    this.ledger.upsert(sql, collection, importId, {
                      after,
                      upTo,
                      allNew: firstLoad.has(collection),
                    }),
                  isKeyTwice,
                );
              },
            }
          : undefined,
      );
      const errors: FieldError[] = [];
      const body = limitedBody(file.body, this.config.limits.importFile, fileTooLarge);
      try {
        for await (const entry of ledgerFileEntries(body, file.format, file.collection)) {
          if ('error' in entry) {
            errors.push(entry.error);
            if (errors.length >= MAX_ERRORS) break;
          } else if (errors.length === 0) {
            warn(entry.collection, entry.line, entry.row);
            const sending = writer.add(entry.collection, entry.line, entry.row);
            if (sending) await sending;
          }
        }
        // The parser reports a malformed line as it reads it, which may be ahead of the records read.
        if (errors.length > 0)
          throw refused(
            errors.sort((a, b) => a.line! - b.line!),
            'validation',
          );
        await writer.finish();
      } catch (err) {
        await writer.abort();
        // What is left of a refused upload is read and dropped, so that the client gets the answer.
        file.body.unpipe(body);
        file.body.resume();
        throw err;
      }
      return { received: writer.received, merged: writer.merged };
    });
  }

  /**
   * Checks the staged collections against each other and the ledger, upserts them and, for a snapshot,
   * marks removed what it no longer contains: all or nothing.
   */
  private async merge(
    by: Actor,
    snapshot: Snapshot | null,
    locate: Locate,
    stage: (sql: Sql, importId: string, firstLoad: FirstLoad, warn: Warn) => Promise<Staged>,
  ): Promise<ImportResult> {
    // Warnings never refuse an import: a right-to-left name may rightly hold a mark.
    const warnings: ImportWarning[] = [];
    const warn: Warn = (collection, idx, row) => {
      if (warnings.length >= MAX_WARNINGS) return;
      for (const { field, message } of bidiControlFields(row) ?? []) {
        warnings.push({ collection, ...locate.at(collection, idx, field), message });
      }
      warnings.splice(MAX_WARNINGS);
    };
    const result = await this.db.transaction(async (sql) => {
      await this.ledger.lockImports(sql);
      const importId = await this.ledger.createImport(sql, by.actor, snapshot);
      // Once the checks have passed (for a first load, building the unique key again is the check of keys),
      // no key is twice in the import: every row for an empty table is new.
      const firstLoad = new FirstLoad(sql, this.ledger, await this.ledger.emptyTables(sql));
      const { received, merged = {} } = await stage(sql, importId, firstLoad, warn);
      // An empty snapshot would remove everything: it has a staging table of no rows to compare with.
      if (snapshot && !received[snapshot.collection]) {
        await this.ledger.createStaging(sql, snapshot.collection);
        received[snapshot.collection] = 0;
      }
      for (const collection of LEDGER_COLLECTIONS) {
        if (received[collection] !== undefined) await firstLoad.beforeWrite(collection);
      }
      const keysChecked = (c: LedgerCollection) => received[c] !== undefined && firstLoad.checksKeys(c);
      let errors = await this.problems(sql, received, locate, keysChecked);
      // The first problems are reported whole: with duplicates, when their search was left to the unique key.
      if (errors.length > 0 && LEDGER_COLLECTIONS.some(keysChecked)) {
        errors = await this.problems(sql, received, locate);
      }
      if (snapshot?.applicationKey && !(await this.ledger.applicationExists(sql, snapshot.applicationKey))) {
        errors.push({ field: 'application', message: `unknown application "${snapshot.applicationKey}"` });
      }
      if (errors.length > 0) throw refused(errors);
      const counts = {} as ImportResult['counts'];
      for (const collection of LEDGER_COLLECTIONS) {
        const part = merged[collection];
        let written = { inserted: 0, updated: 0 };
        if (received[collection] !== undefined) {
          written = await this.ledger.upsert(sql, collection, importId, {
            after: part?.upTo ?? -1,
            allNew: firstLoad.has(collection),
          });
          if (!(await firstLoad.afterWrite(collection)))
            throw refused(await this.problems(sql, received, locate));
        }
        written.inserted += part?.inserted ?? 0;
        written.updated += part?.updated ?? 0;
        if (collection === 'identities' && received.identities) {
          written.updated += await this.ledger.linkManagers(sql, importId);
        }
        counts[collection] = { received: received[collection] ?? 0, ...written, removed: 0 };
      }
      if (snapshot) {
        await this.checkSnapshotScope(sql, snapshot, locate);
        counts[snapshot.collection].removed = await this.ledger.removeAbsent(sql, snapshot, importId);
      }
      const remediations = { verified: 0, reopened: 0 };
      for (const [collection, kind] of VERIFIED_COLLECTIONS) {
        if (received[collection] === undefined) continue;
        const counted = await this.verifier.verify(
          sql,
          importId,
          kind,
          staging(collection),
          snapshot?.collection === collection ? snapshot : null,
        );
        remediations.verified += counted.verified;
        remediations.reopened += counted.reopened;
      }
      await this.ledger.finishImport(sql, importId, counts);
      await this.audit.record(sql, {
        ...by,
        action: 'ledger.imported',
        objectType: 'ledger_import',
        objectId: importId,
        after: { mode: snapshot ? 'snapshot' : 'upsert', snapshot, ...counts, remediations },
      });
      return {
        importId,
        mode: snapshot ? ('snapshot' as const) : ('upsert' as const),
        counts,
        remediations,
        warnings,
      };
    });
    await this.verifier.afterCommit(result.importId, result.remediations);
    return result;
  }

  /** A snapshot of one application's rows holds no row of another. */
  private async checkSnapshotScope(sql: Sql, snapshot: Snapshot, locate: Locate): Promise<void> {
    if (!snapshot.applicationKey) return;
    const outside = await this.ledger.outsideApplication(
      sql,
      snapshot.collection,
      snapshot.applicationKey,
      MAX_ERRORS,
    );
    if (outside.length === 0) return;
    throw refused(
      outside.map((o) => ({
        ...locate.at(snapshot.collection, o.idx, 'key'),
        message: `is of application "${o.value}", not of the snapshot's "${snapshot.applicationKey}"`,
      })),
    );
  }

  /**
   * Duplicate keys (unless `keysChecked` later, by building the collection's unique key), unknown ITSM
   * instances and references to keys neither staged nor in the ledger.
   */
  private async problems(
    sql: Sql,
    received: Received,
    locate: Locate,
    keysChecked: (collection: LedgerCollection) => boolean = () => false,
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const room = () => MAX_ERRORS - errors.length;
    for (const collection of LEDGER_COLLECTIONS) {
      if (!received[collection] || room() === 0) continue;
      const duplicates = keysChecked(collection)
        ? []
        : await this.ledger.duplicateKeys(sql, collection, room());
      for (const d of duplicates) {
        errors.push({
          ...locate.at(collection, d.idx, 'key'),
          message: `duplicate key "${d.key}" (also at ${locate.row(d.first)})`,
        });
      }
      if (collection === 'applications' && room() > 0) {
        const codes = this.config.remediation.itsm.map((i) => i.code);
        for (const u of await this.ledger.unknownItsmInstances(sql, codes, room())) {
          errors.push({
            ...locate.at(collection, u.idx, 'itsmInstance'),
            message: `no ITSM instance "${u.value}" is configured`,
          });
        }
      }
      for (const { field, ref } of referencesOf(collection)) {
        if (room() === 0) break;
        const parent = collectionOf(ref);
        const alsoStaged = received[parent] ? parent : null;
        for (const u of await this.ledger.unknownReferences(
          sql,
          collection,
          field,
          ref,
          alsoStaged,
          room(),
        )) {
          errors.push({
            ...locate.at(collection, u.idx, field),
            message: `unknown ${ref} "${u.value}" (neither in this import nor in the ledger)`,
          });
        }
      }
    }
    return errors;
  }
}

/** The collection whose rows a reference to `target` names. */
const collectionOf = (target: Target): LedgerCollection =>
  LEDGER_COLLECTIONS.find((c) => LEDGER_SPECS[c].table === target)!;

function referencesOf(collection: LedgerCollection): { field: string; ref: Target }[] {
  const mapped = LEDGER_SPECS[collection].columns.flatMap((c) =>
    c.ref ? [{ field: c.field, ref: c.ref }] : [],
  );
  return collection === 'identities' ? [...mapped, { field: 'managerKey', ref: 'identity' }] : mapped;
}

/** What an import shows of what remediations removed: assignments for rights, accounts for accounts. */
const VERIFIED_COLLECTIONS = [
  ['assignments', 'right'],
  ['accounts', 'account'],
] as const;

const fileTooLarge = () =>
  new DomainError(
    413,
    'import-too-large',
    'Ledger file too large',
    'The file is larger than this server accepts (RECERT_IMPORT_FILE_LIMIT).',
  );
