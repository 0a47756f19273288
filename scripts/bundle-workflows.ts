import * as fs from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_PATH, WORKFLOWS_PATH } from '../src/temporal/workflow-bundle';

// The last step of `npm run build`: the workflows' bundle, which the worker loads instead of running
// webpack at every start.
async function main(): Promise<void> {
  const noop = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop },
  });
  fs.writeFileSync(WORKFLOW_BUNDLE_PATH, code);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
