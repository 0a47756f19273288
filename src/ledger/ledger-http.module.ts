import { DynamicModule, Module, Type } from '@nestjs/common';
import { AuditModule } from '../audit';
import { CLOSED_LOOP_VERIFIER, ClosedLoopVerifier } from './closed-loop-verifier';
import { LedgerBrowseController } from './ledger-browse.controller';
import { LedgerBrowseRepository } from './ledger-browse.repository';
import { LedgerBrowseService } from './ledger-browse.service';
import { LedgerController } from './ledger.controller';
import { LedgerModule } from './ledger.module';
import { LedgerService } from './ledger.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';

/** Ledger imports and browsing, with the closed-loop verifier the composition root chose (and the module providing it). */
@Module({})
export class LedgerHttpModule {
  static register(verification: { module: Type; verifier: Type<ClosedLoopVerifier> }): DynamicModule {
    return {
      module: LedgerHttpModule,
      imports: [LedgerModule, AuditModule, verification.module],
      controllers: [LedgerController, LedgerBrowseController, PeopleController],
      providers: [
        LedgerService,
        LedgerBrowseService,
        LedgerBrowseRepository,
        PeopleService,
        { provide: CLOSED_LOOP_VERIFIER, useExisting: verification.verifier },
      ],
      exports: [LedgerService],
    };
  }
}
