import { resolveTemporalCli } from '../src/embedded/temporal-cli';

// Prints the path of the Temporal CLI, building it first when needed (used by .ci/run and developers).
const cli = resolveTemporalCli(process.env.TEMPORAL_CLI_PATH, (m) => console.error(m));
if (!cli) {
  console.error('No Temporal CLI: set TEMPORAL_CLI_PATH, put `temporal` on PATH, or install Go.');
  process.exit(1);
}
console.log(cli);
