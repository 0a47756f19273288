import { Module } from '@nestjs/common';
import { LedgerController } from './ledger.controller';
import { LedgerService } from './ledger.service';

/** The identity ledger: imports, and the closed-loop verification of remediations they trigger. */
@Module({ controllers: [LedgerController], providers: [LedgerService] })
export class LedgerModule {}
