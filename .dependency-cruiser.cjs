/** The web app's feature folders (web/src/app is the shell; common and api are shared by all). */
const WEB_FEATURES = 'audit|auth|campaigns|ledger|mail|people|policies|reviews';

/**
 * The layer rules of docs/ARCHITECTURE.md, checked by `npm run lint` (dependency-cruiser).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'No runtime import cycles. Cycles made only of `import type` edges are erased by the compiler and allowed ' +
        '(workflows type their activities that way).',
      from: { pathNot: '^node_modules' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'workflows-are-deterministic',
      severity: 'error',
      comment:
        'Workflow code is replayed: it imports only @temporalio/workflow, @temporalio/common and its own files; ' +
        'anything else only as `import type`.',
      from: { path: '^workflows/' },
      to: {
        pathNot: ['^workflows/', '(^|/)node_modules/@temporalio/(workflow|common)/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'controllers-use-services',
      severity: 'error',
      comment: 'Controllers validate and delegate; they never reach a repository.',
      from: { path: '\\.controller\\.ts$' },
      to: { path: '\\.repository\\.ts$' },
    },
    {
      name: 'activities-use-domain-code',
      severity: 'error',
      comment:
        'Activities and the domain services they call never use HTTP-facing services or controllers ' +
        '(those return API views and HTTP-shaped errors).',
      from: {
        path: ['^activities/', '^src/.*-(launcher|recorder)\\.ts$', '^src/notifications/notifier\\.ts$'],
      },
      to: { path: '\\.(service|controller)\\.ts$' },
    },
    {
      name: 'src-does-not-run-workflows-in-process',
      severity: 'error',
      comment: 'The API starts workflows by name; only the worker bundles workflow code.',
      from: { path: '^src/', pathNot: '^src/temporal/worker\\.ts$' },
      to: {
        path: '^workflows/.*\\.workflow\\.ts$|^workflows/index\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'features-meet-through-their-index',
      severity: 'error',
      comment:
        'A feature folder reaches another only through its index.ts, which re-exports the Nest modules and what ' +
        'those modules export. Shared vocabulary lives in src/domain/.',
      from: { path: '^src/(audit|campaigns|ledger|notifications|policies|remediation|reviews)/' },
      to: {
        path: '^src/(audit|campaigns|ledger|notifications|policies|remediation|reviews)/',
        pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'domain-is-the-bottom',
      severity: 'error',
      comment: 'src/domain/ holds the vocabulary every feature shares; it depends on no feature.',
      from: { path: '^src/domain/' },
      to: { path: '^src/(audit|campaigns|ledger|notifications|policies|remediation|reviews|temporal)/' },
    },
    {
      name: 'web-features-meet-through-their-index',
      severity: 'error',
      comment:
        'A feature folder of the web app reaches another only through its index.ts, which exports what the ' +
        'others may use. What two or more features share without being one of them lives in web/src/common/.',
      from: { path: `^web/src/(${WEB_FEATURES})/` },
      to: {
        path: `^web/src/(${WEB_FEATURES})/`,
        pathNot: ['^web/src/$1/', '^web/src/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'web-app-reaches-pages-and-indexes',
      severity: 'error',
      comment: 'The shell (router, layout) loads each page by its module, so a page is a chunk of its own.',
      from: { path: '^web/src/app/' },
      to: { path: `^web/src/(${WEB_FEATURES})/`, pathNot: ['/index\\.ts$', 'Page\\.tsx$'] },
    },
    {
      name: 'web-shared-code-imports-no-feature',
      severity: 'error',
      comment: 'web/src/common/ and web/src/api/ are what every feature builds on; they know none of them.',
      from: { path: '^web/src/(common|api)/' },
      to: { path: `^web/src/(app|${WEB_FEATURES})/` },
    },
    {
      name: 'web-api-calls-in-queries',
      severity: 'error',
      comment:
        "Components call the API through their feature's queries.ts hooks (or its upload transport), never " +
        'the client itself.',
      from: {
        path: '^web/src/',
        pathNot: ['^web/src/api/', '/queries\\.ts$', '^web/src/(ledger/upload|reviews/offline)\\.ts$'],
      },
      to: { path: '^web/src/api/client\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules|\\.data|\\.tools)/' },
  },
};
