/** @module Vite builds the browser client (with its offline service worker) into dist/client; Vitest runs the tests. */
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

export default defineConfig(({ mode }) => ({
  root: 'client',
  plugins: [
    react(),
    // The app shell is cached by a service worker so that a board this device has open can be
    // reloaded while the server is down; the board itself comes from IndexedDB (y-indexeddb).
    // Nothing from /api or /ws is ever cached: board data stays out of the HTTP cache.
    // Vitest loads this file too (mode 'test'); the service worker is only for real builds.
    mode !== 'test' &&
      VitePWA({
        registerType: 'autoUpdate',
        injectRegister: 'script',
        manifest: false,
        workbox: {
          globPatterns: ['**/*.{js,css,html,svg,woff2}'],
          // The facilitator's Links panel (and its QR code library) is never fetched for a
          // participant or a projector, not even into the cache; it needs the server anyway.
          // The History panel likewise: every version it shows comes from the server.
          globIgnores: ['**/LinksPanel-*', '**/HistoryPanel-*'],
          navigateFallback: '/index.html',
          navigateFallbackDenylist: [/^\/api\//, /^\/ws\//, /^\/healthz/, /^\/metrics/],
          runtimeCaching: [],
        },
      }),
  ],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // The board chunk (Konva, Yjs, the editor; ~160 kB gzipped) loads only on board pages, while
    // the link is checked; splitting it further would only add requests to a cold load.
    chunkSizeWarningLimit: 700,
  },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
}));
