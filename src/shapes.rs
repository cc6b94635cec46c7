//! The shape of every object the JavaScript API reads: its keys, declared once.
//!
//! The browser edge reads arguments and options by hand (`web::convert::Obj`), refusing keys it
//! does not know; it takes the key lists from here. Each shape names the TypeScript interface
//! that declares it, and a native test (`tests/shapes.rs`) checks that the interface's members
//! are exactly these keys, as `tests/error_codes.rs` does for the error codes. So an argument
//! shape is spelled in Rust once, in TypeScript once, and the two cannot drift.

/// An object the JavaScript API reads.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// The TypeScript interface that declares it.
    pub ts: &'static str,
    /// Its keys, in the documented order.
    pub keys: &'static [&'static str],
}

macro_rules! shapes {
    ($( $(#[$doc:meta])* $name:ident = $ts:literal [$($key:literal),* $(,)?] ;)*) => {
        $( $(#[$doc])* pub const $name: Shape = Shape { ts: $ts, keys: &[$($key),*] }; )*
        /// Every shape.
        pub const ALL: &[Shape] = &[$($name),*];
    };
}

shapes! {
    /// The last argument of every async method.
    CALL_OPTIONS = "CallOptions" ["signal", "timeoutMs"];
    /// `new PortalChannel(options)`.
    PORTAL_CHANNEL_OPTIONS = "PortalChannelSettings"
        ["portalOrigins", "target", "allowAnyOrigin", "timeoutMs", "quarantineMs", "debug"];
    /// `call(args)`.
    CALL_ARGS = "CallArgs" ["campaign", "callerid", "destination"];
    /// `callWithPhone(args)`.
    CALL_WITH_PHONE_ARGS = "CallWithPhoneArgs" ["destination", "campaign"];
    /// `tag(args)`.
    TAG_ARGS = "TagArgs" ["guid", "message"];
    /// `decodeCti(input, options)`, `Respool.fromCti(input, options)`.
    DECODE_CTI_OPTIONS = "DecodeCtiOptions" ["key", "acceptPlain"];
    /// `readCtiFromStorage(options)`, `cti` of `BridgeOptions`.
    READ_CTI_OPTIONS = "ReadCtiOptions" ["key", "acceptPlain", "storageKey"];
    /// `new PortalHost(options)`.
    PORTAL_HOST_OPTIONS = "PortalHostOptions" ["crmOrigins", "debug"];
}
