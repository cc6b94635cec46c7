// A CRM page embedding uContact v6's softphone: imports the package's `v6` entry
// (`ucontact-bridge/v6`, its own .wasm) and drives uPhone through one UPhone.
import init, { UPhone, version } from 'ucontact-bridge/v6';
import * as entry from 'ucontact-bridge/v6';

await init();
const phone = new UPhone({
  container: document.getElementById('phone'),
  instanceOrigin: `http://127.0.0.1:${window.SANDBOX.instancePort}`,
});
const events = [];
phone.on('event', (e) => events.push(e));

window.app = {
  version,
  // What the entry exports: the v6 names only.
  exports: Object.keys(entry).sort(),
  events,
  state: () => phone.state,
  dial: (number, campaign) => phone.makeCall({ number, campaign }),
};
document.getElementById('result').textContent = `ucontact-bridge ${version()} (v6) ready`;
document.body.dataset.ready = 'app';
