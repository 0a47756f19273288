import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A forward says who handed the item over and, if they gave one, why: the new reviewer reads it on the
 * item (as Okta shows a reassignment's justification), and the audit entry records it. Kept on the item,
 * where the forward itself is (its responsible reviewer, or the reassignment queue's status).
 */
export class ForwardReason1765000200000 implements MigrationInterface {
  name = 'ForwardReason1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE review_item
        ADD COLUMN forwarded_by text,
        ADD COLUMN forward_reason text CHECK (char_length(forward_reason) <= 1000)
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review_item DROP COLUMN forward_reason, DROP COLUMN forwarded_by`);
  }
}
