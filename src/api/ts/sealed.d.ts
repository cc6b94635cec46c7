// ---- sealed CTI records -----------------------------------------------------------------------

/** Options of `decodeCti` and `Respool.fromCti` for sealed records. */
export interface DecodeCtiOptions {
  /** AES-256 key: 32 bytes, base64 or hex. */
  key?: string;
  /** Accept plain JSON even though a key is given. */
  acceptPlain?: boolean;
}

/** Options of `readCtiFromStorage` (and `cti` of `BridgeOptions`). */
export interface ReadCtiOptions extends DecodeCtiOptions {
  /** The `localStorage` key (default `ucontact-bridge.cti`). */
  storageKey?: string;
}
