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

/** Options of `CtiKey`'s `decode`, `open` and `respool`. */
export interface CtiKeyOptions {
  /** Accept plain JSON even though the key is there. */
  acceptPlain?: boolean;
}

/** What `CtiKey.open` returns: the typed record and its `Respool` (`null` without a dialer row). */
export interface CtiOpened {
  record: CtiRecord;
  respool: Respool | null;
}
