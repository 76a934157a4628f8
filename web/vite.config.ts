// Builds the dashboard into dist/, static files that `guarantor serve --web dist` serves at /.
// Everything the page needs is in the bundle: no request leaves the server.
import { defineConfig } from 'vitest/config';
import { basemapPlugin } from './build/basemap_plugin';

export default defineConfig({
  base: './',
  plugins: [basemapPlugin()],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/v1': process.env.GUARANTOR_URL ?? 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
