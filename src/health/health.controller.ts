import { Inject, Res } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { Response } from 'express';
import { Endpoint, Resource } from '../common/endpoint';
import { Database } from '../database/database';
import { TEMPORAL_CLIENT } from '../temporal/temporal.tokens';

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000)),
    ]);
    return 'up';
  } catch {
    return 'down';
  }
}

@Resource('', { tag: 'health', public: true })
export class HealthController {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /** Readiness: 200 only when both PostgreSQL and Temporal answer. */
  @Endpoint('GET', 'health')
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, temporal] = await Promise.all([
      probe(() => this.db.ping()),
      probe(() => this.temporal.workflowService.getSystemInfo({})),
    ]);
    const ok = database === 'up' && temporal === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { database, temporal } };
  }
}
