import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { Router } from 'express';
import { signInConnectSources, type UiSignInSettings } from './ui-sign-in';

/** Where `npm run ui:build` (apps/ui, Vite) writes the operator UI. */
export const UI_DIST_DIR = join(dirname(require.resolve('@orchestrator/ui/package.json')), 'dist');

/**
 * The UI's Content-Security-Policy (ENGINE.md 10.11): its own scripts and styles only, no inline script, data
 * only from this origin (the API and its event stream) and, with OIDC sign-in, the issuer's token endpoint;
 * never framed.
 */
export function uiContentSecurityPolicy(connectSources: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connectSources].join(' '),
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const NO_OIDC = (): Promise<UiSignInSettings> => Promise.resolve({ oidc: null });

/**
 * `GET /ui/*`: the static shell of the operator UI (public: it holds no data; every page reads the
 * authenticated API), and `GET /ui/sign-in.json`, how its login page may sign in. Hashed assets are cached;
 * any other path is the single page's index.html, so that a reload of /ui/processes/<id> works.
 */
export function uiRoutes(options: { distDir?: string; signIn?: () => Promise<UiSignInSettings> } = {}): Router {
  const { distDir = UI_DIST_DIR, signIn = NO_OIDC } = options;
  const router = Router();
  const index = join(distDir, 'index.html');
  router.use((_req, res, next) => {
    signIn().then(
      (settings) => {
        res.locals.uiSignIn = settings;
        res.set('Content-Security-Policy', uiContentSecurityPolicy(signInConnectSources(settings)));
        next();
      },
      (error: unknown) => next(error),
    );
  });
  router.get('/sign-in.json', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(res.locals.uiSignIn as UiSignInSettings);
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
