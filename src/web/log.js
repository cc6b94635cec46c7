// Writes one entry of the `log` option (src/web/log.rs decides what is logged and hands over
// names, reasons, codes and statuses only): `sink` is the integrator's function, or `true` for
// the console (`debug: true`), one line of JSON per entry so every engine prints the same text.
// scripts/glue-parts.mjs puts this function into each glue, where the import finds it by name.
function ucbLog(sink, kind, source, key, value, key2, value2) {
  const entry = { kind, source, [key]: value };
  if (key2) entry[key2] = value2;
  if (sink === true) {
    console.debug(`ucontact-bridge ${JSON.stringify(entry)}`);
    return;
  }
  try {
    sink(entry);
  } catch (e) {
    console.error('ucontact-bridge: the log function threw', e);
  }
}
