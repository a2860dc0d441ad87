// Builds the dashboard into dist/ (embedded into the Go binary by web.go): one ES module
// bundle split per page, the stylesheet, the page and the world map (world-atlas).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
await esbuild.build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: ['es2020'],
  outdir: 'dist',
  chunkNames: 'chunk-[hash]',
  legalComments: 'linked',
  logLevel: 'info',
});
await esbuild.build({ entryPoints: ['src/app.css'], bundle: true, minify: true, outfile: 'dist/app.css', logLevel: 'info' });
copyFileSync('src/index.html', 'dist/index.html');
copyFileSync('node_modules/world-atlas/countries-110m.json', 'dist/countries-110m.json');
