// Builds the touch controller into static files (dist/) that the daemon serves: no CDN, so it works at a
// venue with no internet. The app imports src/show for the renderer, so the repo root must be servable.
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One small app: a size warning would only be noise in `npm install`.
    chunkSizeWarningLimit: 1024,
    reportCompressedSize: false,
  },
  server: { fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] } },
  logLevel: 'warn',
});
