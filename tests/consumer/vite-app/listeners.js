// Subscriptions that end, through the package as a Vite app bundles it (tests/consumer/
// listeners.mjs drives it): a Bridge on the portal and a PortalChannel, each subscribed every
// way; the portal then posts messages that answer nothing, which both hear as 'message'.
import init, { Bridge, PortalChannel } from 'ucontact-bridge';

await init();
const bridge = new Bridge({ mode: 'portal', portalOrigins: window.SANDBOX.portalOrigins, heartbeatMs: 0 });
await new Promise((ok) => bridge.on('connected', ok, { once: true }));
// Made once the bridge's probes (CTI reads) are answered, or it would hear those answers as
// messages: two objects in one page share every reply (README, "Several objects in one page").
const channel = new PortalChannel({ portalOrigins: window.SANDBOX.portalOrigins });

const heard = [];
const controller = new AbortController();
const handles = [];
for (const [name, o] of [
  ['bridge', bridge],
  ['channel', channel],
]) {
  const push = (what) => (data) => heard.push(`${name}:${what}:${data.n}`);
  o.on('message', push('control'));
  handles.push(o.on('message', push('on')));
  o.on('message', push('once'), { once: true });
  o.on('message', push('signal'), { signal: controller.signal });
  o.on('message', push('aborted'), { signal: AbortSignal.abort() });
}

window.app = {
  heard,
  /** Ends what is left but the controls: the unsubscribe functions (twice) and the signal. */
  end() {
    for (const stop of handles) {
      stop();
      stop();
    }
    controller.abort();
  },
  destroy() {
    bridge.destroy();
    channel.destroy();
  },
};
document.body.dataset.ready = 'app';
