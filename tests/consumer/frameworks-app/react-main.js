// Mounts the README's React example (readme-react.tsx, written by frameworks.mjs from the
// package README) under StrictMode, on demand, so a test can count listeners around it.
// `Probe` counts its effect runs: two per mount when StrictMode rehearses (development React),
// which shows the test ran the double mount it means to test.
import { StrictMode, createElement, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { CallButton } from './readme-react.tsx';

window.effects = 0;
function Probe() {
  useEffect(() => {
    window.effects++;
  }, []);
  return null;
}
let root = null;
window.app = {
  mount() {
    root = createRoot(document.getElementById('root'));
    root.render(
      createElement(StrictMode, null, createElement(Probe), createElement(CallButton, { destination: '098000111' })),
    );
  },
  unmount() {
    root.unmount();
    root = null;
  },
};
document.body.dataset.ready = 'app';
