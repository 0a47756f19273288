import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { AuditChainRepository } from './audit.repository';

export const GENESIS_HASH = '0'.repeat(64);
const PAGE = 5_000;

export interface ChainVerdict {
  valid: boolean;
  entries: number;
  headSeq: string;
  headHash: string;
  /** The first entry that does not hold, and why; absent when the chain is whole. */
  firstBroken?: { id: string | null; seq: string; reason: string };
}

/**
 * Recomputes every hash in this process (PostgreSQL only renders the stored fields as text), so an
 * edited, removed or re-ordered entry, or a cut-off tail, is named even if the database is not trusted.
 */
@Injectable()
export class AuditChainService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(AuditChainRepository) private readonly chain: AuditChainRepository,
  ) {}

  async verify(): Promise<ChainVerdict> {
    let expectedSeq = 1n;
    let previous = GENESIS_HASH;
    let entries = 0;
    const head = await this.db.run((sql) => this.chain.head(sql));
    if (!head) throw new Error('audit_chain_head is missing');
    const verdict = (firstBroken?: ChainVerdict['firstBroken']): ChainVerdict => ({
      valid: !firstBroken,
      entries,
      headSeq: head.seq,
      headHash: head.hash,
      ...(firstBroken ? { firstBroken } : {}),
    });
    for (;;) {
      const links = await this.db.run((sql) => this.chain.links(sql, String(expectedSeq - 1n), PAGE));
      for (const link of links) {
        if (BigInt(link.seq) > BigInt(head.seq)) return verdict();
        if (BigInt(link.seq) !== expectedSeq) {
          return verdict({ id: link.id, seq: link.seq, reason: `entry seq ${expectedSeq} is missing` });
        }
        if (link.prev_hash !== previous) {
          return verdict({
            id: link.id,
            seq: link.seq,
            reason: 'prev_hash does not match the entry before it',
          });
        }
        const recomputed = createHash('sha256').update(link.canonical, 'utf8').digest('hex');
        if (recomputed !== link.hash) {
          return verdict({ id: link.id, seq: link.seq, reason: 'content does not match its hash (edited)' });
        }
        previous = link.hash;
        expectedSeq++;
        entries++;
      }
      if (links.length < PAGE) break;
    }
    // Entries appended after the head was read are checked next time; the head must be reached.
    if (String(expectedSeq - 1n) !== head.seq || (entries > 0 && previous !== head.hash)) {
      return verdict({
        id: null,
        seq: head.seq,
        reason: 'the chain ends before its recorded head (entries removed)',
      });
    }
    return verdict();
  }
}
