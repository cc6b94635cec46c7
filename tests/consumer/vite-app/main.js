// A modern CRM front end: imports the npm package, lets Vite bundle it (the .wasm becomes an
// asset), and drives the portal through one Bridge.
import init, { Bridge, Respool, version } from 'ucontact-bridge';

await init();
const bridge = new Bridge({ portalOrigins: window.SANDBOX.portalOrigins, heartbeatMs: 0 });

window.app = {
  version,
  // A call, a CTI read and a respool of the edited dialer row.
  async callCtiRespool() {
    const mode = await bridge.ready;
    const guid = await bridge.call({ campaign: 'Ventas->', callerid: '1001', destination: '098000111' });
    const cti = await bridge.cti();
    const row = Respool.fromCti(cti);
    row.setData('outcome', 'callback');
    await bridge.respool(row);
    return { mode, guid, campaign: cti.campaign, respool: row.toJSON() };
  },
};
document.getElementById('result').textContent = `ucontact-bridge ${version()} ready`;
document.body.dataset.ready = 'app';
