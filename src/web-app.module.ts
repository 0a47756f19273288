import * as fs from 'node:fs';
import * as path from 'node:path';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';
import { projectRoot } from './config/project-root';

/** Where `npm run build` puts the browser app (web/). */
export const WEB_APP_DIR = path.join(projectRoot(), 'dist', 'web');

// Mantine writes its styles into <style> elements; nothing else runs but the app's own scripts.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The reviewer and administrator web app at `/`, from the same origin as the API (its session cookie is
 * its only credential); any other path that is not the API's gets the app, which routes in the browser.
 */
export const WebAppModule = fs.existsSync(path.join(WEB_APP_DIR, 'index.html'))
  ? serveWebApp()
  : // Not built (a bare `nest build`): the API runs without it rather than answering with file errors.
    { module: class WebAppNotBuilt {} };

function serveWebApp() {
  return ServeStaticModule.forRoot({
    rootPath: WEB_APP_DIR,
    exclude: ['/api/{*path}', '/auth/{*path}', '/dev-oidc/{*path}', '/health', '/metrics'],
    serveStaticOptions: {
      index: 'index.html',
      setHeaders: (res: Response, file: string) => {
        res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
        res.setHeader('x-content-type-options', 'nosniff');
        res.setHeader('referrer-policy', 'same-origin');
        // Built assets carry a content hash in their name; the page itself is always fetched again.
        res.setHeader(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    },
  });
}
