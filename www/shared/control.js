// The sandbox pages' end of the test's control channel (pkg-template/testing/script.mjs): a
// classic script, no library. `sandboxControl(role, commands)` opens the page's command stream
// on its own origin and runs `commands[name](command)` for each; what it returns (or resolves
// to) is acknowledged to the test. `ask(path, body)` posts to /__sandbox/<path> in order (each
// after the ones before it has been answered) and resolves with the answer, or null when the
// page was not served by a sandbox that scripts it.
(function () {
  'use strict';
  var chain = Promise.resolve();
  function post(path, body) {
    return fetch('/__sandbox/' + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(
      function (r) {
        return r.ok ? r.json() : null;
      },
      function () {
        return null;
      },
    );
  }
  function ask(path, body) {
    var p = chain.then(function () {
      return post(path, body);
    });
    chain = p;
    return p;
  }
  window.sandboxControl = function (role, commands) {
    var stream = new EventSource('/__sandbox/stream?role=' + encodeURIComponent(role));
    stream.onmessage = function (e) {
      var c = JSON.parse(e.data);
      var run = commands[c.cmd];
      Promise.resolve()
        .then(function () {
          if (!run) throw new Error('this ' + role + ' page has no command `' + c.cmd + '`');
          return run(c);
        })
        .then(
          function (result) {
            if (c.id) ask('ack', { id: c.id, result: result === undefined ? null : result });
          },
          function (err) {
            if (c.id) ask('ack', { id: c.id, error: String((err && err.message) || err) });
          },
        );
    };
    return { ask: ask, stream: stream };
  };
  window.sandboxAsk = ask;
  /** Adds the hostile frame of the test's `hostile.addSibling` (www/portal/sibling.html at
   *  `src`, on another origin): it posts its forged messages, then acknowledges the command
   *  itself, so the page does not (the promise never settles). */
  window.sandboxSibling = function (c, src) {
    var f = document.createElement('iframe');
    f.src = src + '&ack=' + c.id;
    f.title = 'hostile sibling';
    f.style.display = 'none';
    document.body.appendChild(f);
    return new Promise(function () {});
  };
})();
