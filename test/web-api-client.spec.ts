import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..');
const run = (script: string, args: string[], input?: string) =>
  execFileSync(process.execPath, [path.join(root, script), ...args], { cwd: root, input, encoding: 'utf8' });

/**
 * The web app's API client is typed by web/src/api/schema.ts, generated from the API's OpenAPI document:
 * a route, field or type changed without `npm run api:types` fails here (and then the web app's build).
 */
describe('web app API client', () => {
  it('is generated from the current OpenAPI document', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-openapi-'));
    const document = path.join(dir, 'openapi.json');
    const generated = path.join(dir, 'schema.ts');
    run('dist/scripts/openapi.js', [document]);
    run('node_modules/openapi-typescript/bin/cli.js', [document, '-o', generated]);
    const formatted = run(
      'node_modules/prettier/bin/prettier.cjs',
      ['--stdin-filepath', 'web/src/api/schema.ts'],
      fs.readFileSync(generated, 'utf8'),
    );
    const committed = fs.readFileSync(path.join(root, 'web/src/api/schema.ts'), 'utf8');
    expect(formatted === committed).toBe(true);
    const paths = Object.keys((JSON.parse(fs.readFileSync(document, 'utf8')) as { paths: object }).paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/reviews/campaigns/{id}', '/api/v1/people', '/api/v1/me']),
    );
  });
});
