import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Vite's dev server injects inline scripts (React refresh), <style> tags and an HMR websocket,
 * which the strict CSP in index.html forbids. Only `vite serve` gets this looser policy; the
 * built window (Electron, `--preview`) keeps the strict one.
 */
const devServerCsp: Plugin = {
  name: 'roletray-dev-server-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws: http://127.0.0.1:*"),
};

// base './' so the same build loads from file:// in Electron and from the dev bridge at '/'.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), devServerCsp],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    // No inline <script>/<style> in the output: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
