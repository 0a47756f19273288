import * as fs from 'node:fs';
import * as path from 'node:path';
import express, { type RequestHandler, type Response } from 'express';
import { projectRoot } from './config/project-root';

/** Where `npm run build` puts the browser app (web/). */
export const WEB_APP_DIR = path.join(projectRoot(), 'dist', 'web');

/** Paths that are the server's own; everything else a browser asks for is the app, which routes itself. */
const SERVER_PATHS = /^\/(api|auth|dev-oidc|health|metrics)(\/|$)/;

// Mantine writes its styles into <style> elements; nothing else runs but the app's own scripts.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

function setHeaders(res: Response, file: string): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'same-origin');
  // Built assets carry a content hash in their name; the page itself is always fetched again.
  res.setHeader(
    'cache-control',
    file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

/**
 * The reviewer and administrator web app at `/`, from the same origin as the API (its session cookie is
 * its only credential): its files, and its page for any other path a browser opens. Undefined when the app
 * is not built (a bare `nest build`): the API then runs without it. Errors go on to the problem filter.
 */
export function webApp(dir = WEB_APP_DIR): RequestHandler | undefined {
  const page = path.join(dir, 'index.html');
  if (!fs.existsSync(page)) return undefined;
  const files = express.static(dir, { index: false, setHeaders });
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    files(req, res, () => {
      // A missing asset is a 404, not the page.
      if (req.path.startsWith('/assets/')) return next();
      setHeaders(res, page);
      res.sendFile(page, (err) => err && next(err));
    });
  };
}
