// Mounts the README's Vue example (readme-vue.ts, written by frameworks.mjs from the package
// README) on demand, so a test can count listeners around it.
import { createApp } from 'vue';
import { CampaignButton } from './readme-vue.ts';

let app = null;
window.app = {
  mount() {
    app = createApp(CampaignButton);
    app.mount('#root');
  },
  unmount() {
    app.unmount();
    app = null;
  },
};
document.body.dataset.ready = 'app';
