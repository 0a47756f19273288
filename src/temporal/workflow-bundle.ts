import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

/** The workflows' entry point, which `npm run build` (and the tests) bundle for the worker's sandbox. */
export const WORKFLOWS_PATH = require.resolve(path.join(__dirname, '..', '..', 'workflows'));

/** Where `npm run build` writes the bundle: `dist/workflow-bundle.js`. */
export const WORKFLOW_BUNDLE_PATH = path.join(__dirname, '..', '..', 'workflow-bundle.js');

/**
 * The bundle `npm run build` made. Bundled at start instead, webpack ran in the worker's process: the
 * process took 2 s longer to start and held ~40 MB more for good (241 MB idle instead of 203 MB).
 */
export function prebuiltWorkflowBundle(): { codePath: string } {
  if (!fs.existsSync(WORKFLOW_BUNDLE_PATH)) {
    throw new Error(`No workflow bundle at ${WORKFLOW_BUNDLE_PATH}: run \`npm run build\` first.`);
  }
  return { codePath: WORKFLOW_BUNDLE_PATH };
}

/** Bundles the workflows' sources into `file` (webpack), saying nothing but its warnings and errors. */
export async function writeWorkflowBundle(file: string): Promise<void> {
  const noop = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop },
  });
  // Beside it, then renamed over it: a worker starting during a build reads the old bundle or the new one.
  const next = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(next, code);
  fs.renameSync(next, file);
}
