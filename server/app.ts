/** @module The Hono app: API, WebSocket route, built client and the headers every answer gets. */
import { existsSync } from 'node:fs';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { errorResponder, httpError } from './http-error';
import type { Logger } from './log';
import type { Metrics } from './metrics';
import { boardRoutes } from './routes/boards';
import type { BoardStore } from './store/types';
import type { Rooms } from './sync/rooms';

/** JSON bodies of the API are small (a title, a label); anything larger is refused with 413. */
export const MAX_API_BODY_BYTES = 64 * 1024;

export interface AppDeps {
  store: BoardStore;
  rooms: Rooms;
  log: Logger;
  metrics: Metrics;
  publicUrl: string | undefined;
  createKey: string | undefined;
  /** The built client; not served when absent (API-only tests). */
  staticDir?: string;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError(errorResponder(deps.log));

  app.use(
    secureHeaders({
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
      // The board needs none of these; a compromised script should not get them either.
      permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    }),
  );

  app.use('/api/*', async (c, next) => {
    await next();
    // Answers about a board are for the token holder only: keep them out of every cache.
    c.header('cache-control', 'no-store');
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_API_BODY_BYTES,
      onError: () => {
        throw httpError(413, 'The request body is too large.');
      },
    }),
  );

  app.route('/api/boards', boardRoutes(deps));
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/metrics', async (c) =>
    c.body(await deps.metrics.registry.metrics(), 200, {
      'content-type': deps.metrics.registry.contentType,
    }),
  );

  app.all('/api/*', () => {
    throw httpError(404, 'There is no such API endpoint.');
  });

  const staticDir = deps.staticDir;
  if (staticDir && existsSync(staticDir)) {
    app.use('/*', async (c, next) => {
      await next();
      // Hashed bundles never change; everything else (the page, the service worker) must be
      // revalidated so that a new release reaches every device.
      const path = c.req.path;
      c.header(
        'cache-control',
        path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    });
    app.use('/*', serveStatic({ root: staticDir }));
    // The board page is one client-side route; its token stays in the fragment, never sent here.
    app.get('/b/*', serveStatic({ root: staticDir, path: 'index.html' }));
  }
  app.notFound((c) => c.json({ error: 'Not found.' }, 404));
  return app;
}
