import { Inject, Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit';
import type { Actor } from '../domain/actor';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { DomainError, FieldError } from '../common/domain-error';
import { Database } from '../database/database';
import { CLOSED_LOOP_VERIFIER, ClosedLoopVerifier, VerificationCounts } from './closed-loop-verifier';
import { LedgerCollection, LedgerImport } from './ledger-import.schema';
import { LEDGER_SPECS, LedgerRepository, MANAGER_FIELD, staging, UpsertCounts } from './ledger.repository';

// Parents before children, so every reference can be checked against rows already written.
const ORDER: LedgerCollection[] = ['identities', 'applications', 'permissions', 'accounts', 'assignments'];

const badReference = (errors: FieldError[]) =>
  new DomainError(
    400,
    'ledger-reference',
    'Ledger import refused',
    `${errors[0].field}: ${errors[0].message}`,
    errors,
  );

export interface ImportResult {
  importId: string;
  counts: Record<LedgerCollection, UpsertCounts & { received: number }>;
  /** Closed-loop verification of revocations reported done: confirmed gone, or reopened. */
  remediations: VerificationCounts;
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

  async import(doc: LedgerImport, by: Actor): Promise<ImportResult> {
    const duplicates = this.duplicateKeys(doc);
    if (duplicates.length > 0) throw badReference(duplicates);
    const unknownInstances = this.unknownItsmInstances(doc);
    if (unknownInstances.length > 0) throw badReference(unknownInstances);
    const result = await this.db.transaction(async (sql) => {
      const importId = await this.ledger.createImport(sql, by.actor);
      const counts = {} as ImportResult['counts'];
      for (const collection of ORDER) {
        const rows = doc[collection];
        if (rows.length === 0) {
          counts[collection] = { received: 0, inserted: 0, updated: 0 };
          continue;
        }
        const extra = collection === 'identities' ? [MANAGER_FIELD] : [];
        await this.ledger.stage(sql, collection, rows, extra);
        const references = LEDGER_SPECS[collection].columns.filter((c) => c.ref);
        if (collection !== 'identities') await this.checkReferences(sql, collection, references);
        const written = await this.ledger.upsert(sql, collection, importId);
        if (collection === 'identities') {
          await this.checkReferences(sql, collection, [{ field: 'managerKey', ref: 'identity' }]);
          const relinked = await this.ledger.linkManagers(sql, importId);
          written.updated += relinked;
        }
        counts[collection] = { received: rows.length, ...written };
      }
      const remediations =
        doc.assignments.length > 0
          ? await this.verifier.verify(sql, importId, staging('assignments'))
          : { verified: 0, reopened: 0 };
      await this.ledger.finishImport(sql, importId, counts);
      await this.audit.record(sql, {
        ...by,
        action: 'ledger.imported',
        objectType: 'ledger_import',
        objectId: importId,
        after: { ...counts, remediations },
      });
      return { importId, counts, remediations };
    });
    await this.verifier.afterCommit(result.importId, result.remediations);
    return result;
  }

  private unknownItsmInstances(doc: LedgerImport): FieldError[] {
    const known = new Set(this.config.remediation.itsm.map((i) => i.code));
    return doc.applications.flatMap((a, idx) =>
      a.itsmInstance && !known.has(a.itsmInstance)
        ? [
            {
              field: `applications[${idx}].itsmInstance`,
              message: `no ITSM instance "${a.itsmInstance}" is configured`,
            },
          ]
        : [],
    );
  }

  private async checkReferences(
    sql: Parameters<LedgerRepository['stage']>[0],
    collection: LedgerCollection,
    references: { field: string; ref?: 'identity' | 'application' | 'permission' | 'account' }[],
  ): Promise<void> {
    for (const { field, ref } of references) {
      const unknown = await this.ledger.firstUnknownReference(sql, collection, field, ref!);
      if (unknown) {
        throw badReference([
          {
            field: `${collection}[${unknown.idx}].${field}`,
            message: `unknown ${ref} "${unknown.value}" (neither in this import nor in the ledger)`,
          },
        ]);
      }
    }
  }

  private duplicateKeys(doc: LedgerImport): FieldError[] {
    const errors: FieldError[] = [];
    for (const collection of ORDER) {
      const seen = new Map<string, number>();
      doc[collection].forEach((row, idx) => {
        const first = seen.get(row.key);
        if (first !== undefined) {
          errors.push({
            field: `${collection}[${idx}].key`,
            message: `duplicate key "${row.key}" (also at index ${first})`,
          });
        } else seen.set(row.key, idx);
      });
    }
    return errors.slice(0, 50);
  }
}
