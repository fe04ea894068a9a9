import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const fromRoot = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

// Loopback only, and by the names a person types: a page at another port or name is another site.
const HOST = '127.0.0.1';
const OWN_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Any other local page (another port of 127.0.0.1, a rebinding name) is refused, so it cannot read
 * the sources, the dev bridge or the HMR client, which carries Vite's WebSocket token. The page's
 * own requests are same-origin (Sec-Fetch-Site) and carry its own Origin, if any.
 */
function ownPageOnly(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const host = req.headers.host?.toLowerCase();
  const own = host !== undefined && OWN_NAMES.some((name) => host === `${name}:${req.socket.localPort}`);
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (!own || (origin !== undefined && origin !== `http://${host}`) || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Only the RoleTray page itself may use this server.\n');
    return;
  }
  next();
}

// Middleware added here runs before Vite's own, so nothing answers a foreign request first.
const localOnly: Plugin = {
  name: 'roletray-local-only',
  configureServer: (server) => void server.middlewares.use(ownPageOnly),
  configurePreviewServer: (server) => void server.middlewares.use(ownPageOnly),
};

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
  plugins: [react(), devServerCsp, localOnly],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    // No inline <script>/<style> in the output: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  // No CORS (Vite's default lets every localhost page read every file it serves) and, outside the
  // renderer, only what the renderer imports: the shared layer, the IPC contract, the packages.
  server: {
    host: HOST,
    cors: false,
    allowedHosts: [],
    fs: { strict: true, allow: [here, fromRoot('common'), fromRoot('preload/api.ts'), fromRoot('node_modules')] },
  },
  preview: { host: HOST, cors: false, allowedHosts: [] },
});
