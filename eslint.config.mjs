import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** The one module that reads the X-Request-Id header; the rest of the code asks it for the id. */
const REQUEST_CONTEXT = 'src/common/request-context.ts';

const SQL_OUTSIDE_REPOSITORIES = [
  {
    selector: "CallExpression[callee.object.name='sql'][callee.property.name=/^(rows|one)$/]",
    message: 'SQL belongs in a repository (*.repository.ts).',
  },
  {
    selector: 'MemberExpression[property.name=/^(dataSource|copyOut)$/]',
    message: 'Reach PostgreSQL through a repository or Database, not the data source.',
  },
];

const REQUEST_ID_HEADER = [
  {
    selector: 'Literal[value=/^x-request-id$/i], TemplateElement[value.raw=/^x-request-id$/i]',
    message:
      'The request id comes from currentRequestId() (src/common/request-context.ts); only its middleware reads X-Request-Id.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.tools/**', '.stack/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits loses its error; one passed where a callback returns void loses its result.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // `const { dropped: _d, ...rest } = x` is how a field is left out.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // SQL lives in repositories (and migrations); everything else calls their methods.
    files: ['src/**/*.ts', 'activities/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/database/**', REQUEST_CONTEXT],
    rules: { 'no-restricted-syntax': ['error', ...SQL_OUTSIDE_REPOSITORIES, ...REQUEST_ID_HEADER] },
  },
  {
    files: ['src/**/*.repository.ts', 'src/database/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...REQUEST_ID_HEADER] },
  },
  {
    files: [REQUEST_CONTEXT],
    rules: { 'no-restricted-syntax': ['error', ...SQL_OUTSIDE_REPOSITORIES] },
  },
  {
    // A route is one @Endpoint (src/common/endpoint.ts): its roles, schemas and OpenAPI description together.
    files: ['src/**/*.controller.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...SQL_OUTSIDE_REPOSITORIES,
        ...REQUEST_ID_HEADER,
        {
          selector: "NewExpression[callee.name='ZodValidationPipe']",
          message:
            'A controller names its schemas in @Endpoint({ params, query, body }) (src/common/endpoint.ts), which validates them; it builds no ZodValidationPipe.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['Controller', 'Get', 'Post', 'Put', 'Patch', 'Delete', 'HttpCode', 'UsePipes'],
              message:
                'Declare the controller with @Resource and each route with @Endpoint (src/common/endpoint.ts).',
            },
          ],
          patterns: [
            {
              group: ['@nestjs/swagger'],
              importNamePattern: '^Api',
              message:
                'A controller is documented through @Endpoint and @Resource (src/common/endpoint.ts), not @Api* decorators.',
            },
            {
              group: ['**/zod-validation.pipe'],
              importNames: ['ZodValidationPipe'],
              message:
                'A controller names its schemas in @Endpoint({ params, query, body }) (src/common/endpoint.ts), which validates them.',
            },
            {
              group: ['**/auth/roles', './roles'],
              importNames: ['Roles', 'Public'],
              message: 'Roles go in @Endpoint({ roles }) or @Resource(path, { roles, public }).',
            },
          ],
        },
      ],
    },
  },
  {
    // The browser app: React's rules of hooks; only the browser's globals.
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['web/vite.config.mjs'],
    languageOptions: { globals: { URL: 'readonly' } },
  },
  {
    // Build steps that run before anything is compiled, in plain Node.
    files: ['scripts/*.mjs'],
    languageOptions: { globals: { URL: 'readonly', process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['jest.config.js', 'jest.unit.config.js', '.dependency-cruiser.cjs', 'test/support/*.js'],
    languageOptions: {
      globals: { module: 'writable', require: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Workflow code is replayed: it must stay deterministic, so no Node built-ins and no I/O libraries.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
              message: 'Workflow code cannot use Node built-ins.',
            },
            {
              group: ['pg', 'typeorm', 'nodemailer', '@nestjs/*', '../src/*', '../activities/*'],
              message: 'Workflow code does no I/O; use activities.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
