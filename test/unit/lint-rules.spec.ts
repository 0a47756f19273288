import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const RULES = ['no-restricted-syntax', 'no-restricted-imports'];

interface Sample {
  filePath: string;
  code: string;
}

/**
 * The messages the project's ESLint config (eslint.config.mjs) gives each sample, read as if it were that
 * file (a parse error is a message too). ESLint loads its ES-module config with `import()`, which Jest's module system refuses, so its Node
 * API runs in a plain Node process; type information is left out (these rules read syntax only).
 */
function lint(samples: Sample[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const samples = JSON.parse(await new Promise((done) => {
      let text = '';
      process.stdin.on('data', (c) => (text += c)).on('end', () => done(text));
    }));
    const eslint = new ESLint({
      cwd: process.cwd(),
      overrideConfig: {
        languageOptions: { parserOptions: { projectService: false } },
        rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
      },
    });
    const out = [];
    for (const s of samples) {
      const [result] = await eslint.lintText(s.code, { filePath: s.filePath });
      const ours = result.messages.filter((m) => m.fatal || ${JSON.stringify(RULES)}.includes(m.ruleId));
      out.push(ours.map((m) => m.message));
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    input: JSON.stringify(samples),
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as string[][];
}

const CONTROLLER = 'src/campaigns/sample.controller.ts';

const good: Sample[] = [
  {
    filePath: CONTROLLER,
    code: `
      import { Body, Param } from '@nestjs/common';
      import { z } from 'zod';
      import { Endpoint, Resource } from '../common/endpoint';
      const body = z.object({ title: z.string() });
      @Resource('api/v1/samples', { tag: 'samples' })
      export class SampleController {
        @Endpoint('POST', ':id', { roles: ['admin'], params: { id: z.uuid() }, body, status: 200 })
        rename(@Param('id') id: string, @Body() b: z.infer<typeof body>) {
          return { id, ...b };
        }
      }
    `,
  },
  {
    filePath: 'src/campaigns/sample.service.ts',
    code: `
      import { currentRequestId } from '../common/request-context';
      export const requestOf = () => currentRequestId();
    `,
  },
  {
    filePath: 'src/common/request-context.ts',
    code: `export const read = (h: Record<string, string>) => h['x-request-id'];`,
  },
];

const breaches: [string, Sample, RegExp][] = [
  [
    'a ZodValidationPipe built in a controller',
    {
      filePath: CONTROLLER,
      code: `
        import { Body } from '@nestjs/common';
        import { z } from 'zod';
        import { ZodValidationPipe } from '../common/zod-validation.pipe';
        export class SampleController {
          create(@Body(new ZodValidationPipe(z.object({}))) b: object) {
            return b;
          }
        }
      `,
    },
    /builds no ZodValidationPipe/,
  ],
  [
    'ZodValidationPipe imported by a controller',
    {
      filePath: CONTROLLER,
      code: `import { ZodValidationPipe } from '../common/zod-validation.pipe';\nexport const p = ZodValidationPipe;`,
    },
    /names its schemas in @Endpoint/,
  ],
  [
    'an @Api* decorator imported by a controller',
    {
      filePath: CONTROLLER,
      code: `import { ApiOperation } from '@nestjs/swagger';\nexport const d = ApiOperation({ summary: 'x' });`,
    },
    /not @Api\* decorators/,
  ],
  [
    "Nest's route decorators in a controller",
    {
      filePath: CONTROLLER,
      code: `import { Get } from '@nestjs/common';\nexport const d = Get('x');`,
    },
    /each route with @Endpoint/,
  ],
  [
    '@Roles on a route of a controller',
    {
      filePath: CONTROLLER,
      code: `import { Roles } from '../auth/roles';\nexport const d = Roles('admin');`,
    },
    /Roles go in @Endpoint/,
  ],
  [
    'X-Request-Id read in a controller',
    {
      filePath: CONTROLLER,
      code: `export const id = (req: { header(n: string): string }) => req.header('x-request-id');`,
    },
    /currentRequestId\(\)/,
  ],
  [
    'X-Request-Id read in a service',
    {
      filePath: 'src/campaigns/sample.service.ts',
      code: 'export const id = (h: Record<string, string>) => h[`X-Request-Id`];',
    },
    /only its middleware reads X-Request-Id/,
  ],
  [
    'X-Request-Id read in a repository',
    {
      filePath: 'src/campaigns/sample.repository.ts',
      code: `export const id = (h: Record<string, string>) => h['x-request-id'];`,
    },
    /only its middleware reads X-Request-Id/,
  ],
  [
    'SQL in a controller (its own rule list keeps the shared one)',
    {
      filePath: CONTROLLER,
      code: `export const q = (sql: { rows(t: string): unknown }) => sql.rows('select 1');`,
    },
    /SQL belongs in a repository/,
  ],
];

describe('the lint rules that keep controller boilerplate out (eslint.config.mjs)', () => {
  const results = lint([...good, ...breaches.map(([, sample]) => sample)]);

  it('leave the intended forms alone', () => {
    expect(results.slice(0, good.length)).toEqual(good.map(() => []));
  });

  it.each(breaches.map(([name, , message], i) => [name, message, i] as const))(
    'catch %s',
    (_name, message, i) => {
      expect(results[good.length + i]).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    },
  );
});
