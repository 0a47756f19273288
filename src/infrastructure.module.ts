import { DynamicModule, Global, Module } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { Database } from './database/database';
import { TEMPORAL_CLIENT } from './temporal/temporal.tokens';

export interface InfrastructureDeps {
  db: Database;
  temporal: Client;
}

/**
 * The two process-wide connections (PostgreSQL, Temporal), opened once by the process's entry point and
 * handed to its module graph. Everything else is provided by the feature module that owns it.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(deps: InfrastructureDeps): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: Database, useValue: deps.db },
        { provide: TEMPORAL_CLIENT, useValue: deps.temporal },
      ],
      exports: [Database, TEMPORAL_CLIENT],
    };
  }
}
