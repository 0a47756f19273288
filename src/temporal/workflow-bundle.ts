import * as fs from 'node:fs';
import * as path from 'node:path';

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
