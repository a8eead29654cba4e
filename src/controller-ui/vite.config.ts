// Builds the touch controller into static files (dist/) that the daemon serves: no CDN, so it works at a
// venue with no internet. The app imports src/show for the renderer, so the repo root must be servable.
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const daemonUrl = process.env['SMLIVE_URL'] ?? 'http://localhost:8080';

/**
 * Lists every built file in precache.json, which the service worker caches on install, so the whole
 * controller opens from cache even if the daemon is restarting.
 */
function precacheList(): Plugin {
  return {
    name: 'smlive-precache-list',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).sort();
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify(files, null, 1) });
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [preact(), precacheList()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One small app: a size warning would only be noise in `npm install`.
    chunkSizeWarningLimit: 1024,
    reportCompressedSize: false,
  },
  // `npx vite --config src/controller-ui/vite.config.ts` serves the UI with hot reload against a running
  // daemon (SMLIVE_URL, default http://localhost:8080) for its API and socket.
  server: {
    fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] },
    proxy: {
      '/api': daemonUrl,
      '/socket.io': { target: daemonUrl, ws: true },
    },
  },
  logLevel: 'warn',
});
