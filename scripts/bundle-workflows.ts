import { WORKFLOW_BUNDLE_PATH, writeWorkflowBundle } from '../src/temporal/workflow-bundle';

// The last step of `npm run build`: the workflows' bundle, which the worker loads instead of running
// webpack at every start.
writeWorkflowBundle(WORKFLOW_BUNDLE_PATH).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
