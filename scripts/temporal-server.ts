import { resolveTemporalServer } from './stack/temporal-server';

// Builds the production Temporal server and temporal-sql-tool when missing and prints their paths
// (used by .ci/run before the stack's tests, and by developers).
const tools = resolveTemporalServer((m) => console.error(m));
console.log(`${tools.server}\n${tools.sqlTool}`);
