// The README's React and Vue examples, built from the packed tarball (tests/consumer/
// frameworks.mjs). Relative asset URLs: the app is served from a sub-path of the sandbox's CRM
// origin. JSX by esbuild's automatic runtime (what @vitejs/plugin-react configures; the
// examples need nothing else of it). frameworks.mjs builds with NODE_ENV=development, so React
// is its development build, the one whose StrictMode mounts every component twice.
export default {
  base: './',
  logLevel: 'error',
  esbuild: { jsx: 'automatic' },
  build: { target: 'es2022', minify: false, rollupOptions: { input: { react: 'react.html', vue: 'vue.html' } } },
};
