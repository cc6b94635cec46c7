// The CRM page the package README's "Testing your page" example tests: framed by a test page
// that plays the portal with PortalHost (`ucontact-bridge/testing`), it places a call, reads
// the CTI record and tags the call with the record's campaign, through the channel entry, as a
// real page does. The portal's origin is the test page's (`?portal=`).
import init, { PortalChannel } from 'ucontact-bridge/channel';

await init();
const portal = new URLSearchParams(location.search).get('portal') || location.origin;
const channel = new PortalChannel({ portalOrigins: [portal], timeoutMs: 5000 });
const guid = await channel.call({ campaign: 'Ventas->', callerid: '1001', destination: '098000111' });
const cti = await channel.cti();
await channel.tag({ guid, message: `sold in ${cti.campaign}` });
document.getElementById('result').textContent = `tagged ${guid}`;
