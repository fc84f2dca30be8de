import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { Router } from 'express';

/** Where `npm run ui:build` (apps/ui, Vite) writes the operator UI. */
export const UI_DIST_DIR = join(dirname(require.resolve('@orchestrator/ui/package.json')), 'dist');

/**
 * The UI's Content-Security-Policy (ENGINE.md 10.11): its own scripts and styles only, no inline script, data
 * only from this origin (the API and its event stream), never framed.
 */
export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `GET /ui/*`: the static shell of the operator UI (public: it holds no data; every page reads the
 * authenticated API). Hashed assets are cached; any other path is the single page's index.html, so that a
 * reload of /ui/processes/<id> works.
 */
export function uiRoutes(distDir: string = UI_DIST_DIR): Router {
  const router = Router();
  const index = join(distDir, 'index.html');
  router.use((_req, res, next) => {
    res.set('Content-Security-Policy', UI_CONTENT_SECURITY_POLICY);
    next();
  });
  router.use('/assets', express.static(join(distDir, 'assets'), { index: false, maxAge: '1y', immutable: true }));
  router.use(express.static(distDir, { index: false, maxAge: 0 }));
  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!existsSync(index)) {
      res.status(503).type('text').send('The operator UI is not built: run `npm run ui:build` (npm start does).\n');
      return;
    }
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
