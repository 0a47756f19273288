import { Module } from '@nestjs/common';
import { LedgerLookupRepository, LedgerRepository } from './ledger.repository';

/** The identity ledger's tables: who exists, what they have; read by campaigns, policies and reviews. */
@Module({
  providers: [LedgerRepository, LedgerLookupRepository],
  exports: [LedgerRepository, LedgerLookupRepository],
})
export class LedgerModule {}
