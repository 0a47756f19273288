import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/config/project-root';
import { startProdStack } from './stack/prod-stack';

/**
 * `npm run stack:prod`: the production topology on this machine, without Docker, until Ctrl-C. Its data
 * stays in .stack/ (or --dir), so a second start resumes the same campaigns.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: path.join(projectRoot(), '.stack') },
      port: { type: 'string', default: '3100' },
      'temporal-port': { type: 'string', default: '7333' },
      apis: { type: 'string', default: '2' },
      workers: { type: 'string', default: '2' },
    },
  });
  const stack = await startProdStack({
    dir: values.dir,
    port: Number(values.port),
    temporalPort: Number(values['temporal-port']),
    apis: Number(values.apis),
    workers: Number(values.workers),
  });
  console.log(
    [
      '',
      'Recert on the production topology:',
      `  API (round-robin over ${stack.apiUrls.join(', ')}): ${stack.url}`,
      `  Temporal server (PostgreSQL persistence): ${stack.temporalAddress}`,
      `  Recert's PostgreSQL: ${stack.databaseUrl}`,
      `  OpenID Provider: ${stack.issuer}`,
      `  Workers: ${stack.workers.map((w) => `${w.name} (pid ${w.pid})`).join(', ')}`,
      `  Logs: ${path.join(values.dir, 'logs')}`,
      'Ctrl-C stops everything.',
    ].join('\n'),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping…');
    void stack.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
