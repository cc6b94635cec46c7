// The same CRM pages as the Vite app (run.mjs copies its main.js, channel.js and v6.js here),
// bundled by webpack 5: main.js imports `ucontact-bridge`, channel.js `ucontact-bridge/channel`,
// v6.js `ucontact-bridge/v6` (resolved through the package's `exports`). Each entry's `new URL('…_bg.wasm', import.meta.url)` becomes
// an emitted asset, found next to the bundle at run time (publicPath 'auto'); the pages'
// top-level await stays as it is.
import { resolve } from 'node:path';

export default {
  mode: 'production',
  target: 'web',
  entry: { main: './main.js', channel: './channel.js', v6: './v6.js' },
  output: { path: resolve(process.env.UCB_OUT_DIR || 'dist'), filename: '[name].js', publicPath: 'auto', clean: true },
  experiments: { topLevelAwait: true },
  performance: { hints: false },
  stats: 'errors-warnings',
};
