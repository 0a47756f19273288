import * as fs from 'node:fs';
import * as path from 'node:path';
import { HISTORY_SHARDS } from '../../scripts/stack/temporal-config';
import { TEMPORAL_SERVER_VERSION } from '../../scripts/stack/temporal-server';

const compose = fs.readFileSync(path.join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8');

/** `npm run stack:prod` is the compose file's topology run without Docker; they must not drift apart. */
describe('docker-compose.yml and the stack', () => {
  it('run the same Temporal server and admin-tools version', () => {
    const version = TEMPORAL_SERVER_VERSION.replace(/^v/, '');
    expect(compose).toContain(`temporalio/server:\${TEMPORAL_VERSION:-${version}}`);
    expect(compose).toContain(`temporalio/admin-tools:\${TEMPORAL_ADMINTOOLS_VERSION:-${version}}`);
  });

  it('create the history with the same number of shards and read the same dynamic config', () => {
    expect(compose).toContain(`NUM_HISTORY_SHARDS: '${HISTORY_SHARDS}'`);
    expect(compose).toContain('./deploy/temporal/dynamicconfig:/etc/temporal/config/dynamicconfig:ro');
    expect(compose).toContain('DYNAMIC_CONFIG_FILE_PATH: config/dynamicconfig/recert.yaml');
  });

  it('keep Temporal and Recert on separate PostgreSQL clusters, with two API and two worker processes', () => {
    expect(compose).toMatch(/POSTGRES_SEEDS: temporal-postgres/);
    expect(compose).toMatch(/DATABASE_URL: postgres:\/\/recert:recert@postgres:5432\/recert/);
    expect(compose).toMatch(/ {2}api-2:\n {4}build: \.\n {4}command: \['api'\]/);
    expect(compose).toMatch(/command: \['worker'\][\s\S]*?replicas: 2/);
  });
});
