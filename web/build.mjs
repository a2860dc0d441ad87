// Builds the dashboard into dist/ (embedded into the Go binary by web.go): one ES module
// bundle split per page, the stylesheet, the page and the world map (world-atlas).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
const app = await esbuild.build({
  entryPoints: { app: 'src/main.js' },
  metafile: true,
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
// The chunks app.js imports statically are preloaded with it (no request waterfall).
const chunks = app.metafile.outputs['dist/app.js'].imports
  .filter((i) => i.kind === 'import-statement')
  .map((i) => `<link rel="modulepreload" href="${basename(i.path)}">`);
writeFileSync('dist/index.html', readFileSync('src/index.html', 'utf8').replace('<!--preload-->', chunks.join('\n')));
copyFileSync('node_modules/world-atlas/countries-110m.json', 'dist/countries-110m.json');
