import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../src/config/project-root';

/**
 * Seed 002's example policy, as the seed writes it, named for the demo: the critical assignments of
 * employees other than the CEO, certified every six months on the fly and in a campaign once a year.
 */
export function demoPolicyXml(): string {
  const seed = fs.readFileSync(path.join(projectRoot(), 'test', 'fixtures', 'policy-seed-002.xml'), 'utf8');
  return seed
    .replace('<name>My Recertification Policy </name>', '<name>Critical access recertification</name>')
    .replace(
      '<description>Recertification Policy</description>',
      '<description>Critical access of employees (not the CEO): every six months, and a campaign once a year</description>',
    );
}
