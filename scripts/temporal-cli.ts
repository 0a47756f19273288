import { resolveTemporalCli } from '../src/embedded/temporal-cli';
import { describeError } from '../src/embedded/describe-error';

// Prints the path of the Temporal CLI, downloading or building it first when needed (.ci/run, developers).
resolveTemporalCli({ explicit: process.env.TEMPORAL_CLI_PATH, log: (m) => console.error(m) }).then(
  (cli) => console.log(cli),
  (err: unknown) => {
    console.error(describeError(err));
    process.exit(1);
  },
);
