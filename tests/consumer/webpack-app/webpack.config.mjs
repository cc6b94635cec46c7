// The same CRM page as the Vite app (run.mjs copies its main.js here), bundled by webpack 5:
// the package's `new URL('…_bg.wasm', import.meta.url)` becomes an emitted asset, found next
// to the bundle at run time (publicPath 'auto'); the page's top-level await stays as it is.
import { resolve } from 'node:path';

export default {
  mode: 'production',
  target: 'web',
  entry: './main.js',
  output: { path: resolve(process.env.UCB_OUT_DIR || 'dist'), filename: 'main.js', publicPath: 'auto', clean: true },
  experiments: { topLevelAwait: true },
  performance: { hints: false },
  stats: 'errors-warnings',
};
