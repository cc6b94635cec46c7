// The sandbox's control channel (pkg-template/testing/script.mjs) at the HTTP level: what the
// handle's scripting calls accept, what the pages' /__sandbox/ routes answer, and that a page
// of another origin cannot script the sandbox. The browser side: tests/e2e/script.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../pkg-template/testing/index.mjs';

const post = (base, path, body, headers = {}) =>
  fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

test('control: the portal page is told what the test scripted, and the action is recorded', async () => {
  const sb = await startSandbox({ exitAfter: 30 });
  try {
    const ask = async (action) =>
      (
        await post(sb.urls.portal, '/__sandbox/portal/action', { action, data: { action }, origin: 'o', envelope: 'e' })
      ).json();
    assert.deepEqual(await ask('call'), { kind: 'default' });
    sb.portal.answer('call', 'g');
    sb.portal.answer('CTI', { Guid: 'x' });
    assert.deepEqual(await ask('call'), { kind: 'value', value: 'g' });
    assert.deepEqual(await ask('CTI'), { kind: 'value', value: { Guid: 'x' } });
    sb.portal.answer('call', { silent: true });
    assert.deepEqual(await ask('call'), { kind: 'silent' });
    sb.portal.answer('call', { error: 'REFUSED' });
    assert.deepEqual(await ask('call'), { kind: 'value', value: '0' });
    assert.deepEqual(
      sb.portal.received().map((r) => r.action),
      ['call', 'call', 'CTI', 'call', 'call'],
    );
    assert.deepEqual(sb.portal.received()[0], { action: 'call', data: { action: 'call' }, origin: 'o', envelope: 'e' });
    sb.reset();
    assert.deepEqual(sb.portal.received(), []);
    assert.deepEqual(await ask('call'), { kind: 'default' });
  } finally {
    await sb.close();
  }
});

test('control: bad scripts throw TypeError, naming what is accepted', async () => {
  const sb = await startSandbox({ exitAfter: 30 });
  try {
    // Each a script the types refuse too: what a test written in plain JavaScript could pass.
    // @ts-expect-error not an action with a reply
    assert.throws(() => sb.portal.answer('hangup', 'g'), TypeError);
    assert.throws(() => sb.portal.answer('call', { Guid: 'x' }), TypeError);
    // @ts-expect-error not a reply
    assert.throws(() => sb.portal.answer('CTI', 42), TypeError);
    assert.throws(() => sb.portal.answer('CTI', { error: 'REFUSED' }), TypeError);
    assert.throws(() => sb.portal.answer('call', { error: 'NOPE' }), TypeError);
    // @ts-expect-error not a channel
    assert.throws(() => sb.inbox.interaction('fax'), TypeError);
    // @ts-expect-error not an interaction
    assert.throws(() => sb.inbox.interaction(7), TypeError);
    // @ts-expect-error not a kind of forgery
    await assert.rejects(sb.hostile.addSibling({ forge: 'both' }), TypeError);
  } finally {
    await sb.close();
  }
});

test('control: the Inbox page is told the scripted interaction; requests are counted', async () => {
  const sb = await startSandbox({ exitAfter: 30 });
  try {
    const ask = async () => (await post(sb.urls.instance, '/__sandbox/inbox/ask', {})).json();
    assert.deepEqual(await ask(), { kind: 'default' });
    sb.inbox.interaction('webchat');
    assert.deepEqual(await ask(), { kind: 'channel', channel: 'webchat' });
    sb.inbox.interaction({ guid: 'g', channel: 'sms' });
    assert.deepEqual(await ask(), { kind: 'value', value: { guid: 'g', channel: 'sms' } });
    sb.inbox.interaction({ silent: true });
    assert.deepEqual(await ask(), { kind: 'silent' });
    assert.equal(sb.inbox.requests(), 4);
  } finally {
    await sb.close();
  }
});

test("control: requests from an origin that is not the sandbox's are refused (403), with nothing recorded", async () => {
  const sb = await startSandbox({ exitAfter: 30 });
  try {
    const r = await post(
      sb.urls.portal,
      '/__sandbox/portal/action',
      { action: 'call' },
      { origin: 'http://127.0.0.1:1' },
    );
    assert.equal(r.status, 403);
    assert.deepEqual(sb.portal.received(), []);
    const own = await post(sb.urls.crm, '/__sandbox/uphone/command', { action: 'x' }, { origin: sb.origins.crm[1] });
    assert.equal(own.status, 200);
    assert.equal((await fetch(new URL('/__sandbox/nothing', sb.urls.portal))).status, 404);
  } finally {
    await sb.close();
  }
});

test('control: a command no page is open for fails after its timeout, saying so; waits time out too', async () => {
  const sb = await startSandbox({ exitAfter: 30 });
  try {
    await assert.rejects(sb.hostile.addSibling({ forge: 'reply', timeout: 100 }), /no portal page did `addSibling`/);
    await assert.rejects(sb.portal.waitForReceived(1, { timeout: 100 }), /fewer than 1/);
    await assert.rejects(sb.portal.reload(), /no portal page is open/);
  } finally {
    await sb.close();
  }
});
