// A CRM page inside the portal that needs no REST: imports the package's `channel` entry
// (`ucontact-bridge/channel`, its own smaller .wasm) and drives the portal through one
// PortalChannel.
import init, { PortalChannel, Respool, version } from 'ucontact-bridge/channel';
import * as entry from 'ucontact-bridge/channel';

await init();
const channel = new PortalChannel({ portalOrigins: window.SANDBOX.portalOrigins });

window.app = {
  version,
  // What the entry exports: the channel's names only.
  exports: Object.keys(entry).sort(),
  // A call, a CTI read and a respool of the edited dialer row.
  async callCtiRespool() {
    const guid = await channel.call({ campaign: 'Ventas->', callerid: '1001', destination: '098000111' });
    const cti = await channel.cti();
    const row = Respool.fromCti(cti);
    row.setData('outcome', 'callback');
    await channel.respool(row);
    return { mode: 'portal', guid, campaign: cti.campaign, respool: row.toJSON() };
  },
};
document.getElementById('result').textContent = `ucontact-bridge ${version()} (channel) ready`;
document.body.dataset.ready = 'app';
