import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The index on `assignment.last_certified_at` served only the on-the-fly policy sweep, which reads a large
 * share of the table anyway (never certified, or certified before the period): on a million assignments,
 * 20% of them due, the sweep took 96 ms with it and 136 ms without. It cost far more where it was kept up:
 * about 1.4 s of every million assignments imported, and every certification, which changes that column,
 * was an update of every index of the row instead of a heap-only one.
 */
export class AssignmentWithoutCertificationIndex1764000000000 implements MigrationInterface {
  name = 'AssignmentWithoutCertificationIndex1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX assignment_last_certified_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX assignment_last_certified_idx ON assignment (last_certified_at)`);
  }
}
