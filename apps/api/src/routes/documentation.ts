import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';
import { buildOpenApiDocument } from '../openapi/document';
import { reply } from '../openapi/operation';
import { openApiDocument } from './documentation-operations';

// Swagger UI from the installed swagger-ui-dist package (no network: it works offline). The page loads its
// scripts from /api/docs/ and starts from swagger-initializer.js, with no inline script, so that a
// Content-Security-Policy without 'unsafe-inline' allows it.
const SWAGGER_UI = dirname(createRequire(__filename).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>orchestrator API</title>
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
    <link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/swagger-ui-standalone-preset.js"></script>
    <script src="/api/docs/swagger-initializer.js"></script>
  </body>
</html>
`;

const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    persistAuthorization: true,
  });
};
`;

/** `GET /api/openapi.json` and `GET /api/docs` (ENGINE.md 11.1): public, like health. */
export function documentationRoutes(version: string): Router {
  const router = Router();
  const document = buildOpenApiDocument(undefined, version);
  // Built once: the same for every request.
  router.get('/openapi.json', (_req, res) => {
    reply(res, openApiDocument, 200, document as unknown as Record<string, unknown>);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/docs/swagger-initializer.js', (_req, res) => {
    res.type('js').send(INITIALIZER);
  });
  router.use('/docs', express.static(SWAGGER_UI, { index: false, maxAge: '1h' }));
  return router;
}
