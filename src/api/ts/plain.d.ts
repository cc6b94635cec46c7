// ---- plain CTI records (a build without sealed envelopes) ------------------------------------

/**
 * Options of `decodeCti` and `Respool.fromCti`. This build reads plain records only: it takes
 * no key (`key` and `acceptPlain` come with the full build, `import … from 'ucontact-bridge'`).
 */
export interface DecodeCtiOptions {
  key?: never;
  acceptPlain?: never;
}
