//! The Bridge's decisions, pure: which path (portal or REST) and the portal link's state.
//!
//! The browser edge (`web::bridge`) gathers facts (is there a channel, REST settings, a portal
//! window; did a probe answer) and carries out what these functions decide.
//!
//! **The path is chosen once, before anything is sent, and never changes** ([`choose`]): a
//! request that may have reached the portal is never sent again over REST, since that could
//! dial a customer twice.
//!
//! | requested | channel & portal window | probe answers | REST settings | path               |
//! |-----------|-------------------------|---------------|---------------|--------------------|
//! | `portal`  | any                     | —             | any           | portal             |
//! | `rest`    | any                     | —             | yes           | REST               |
//! | `auto`    | yes                     | yes           | any           | portal             |
//! | `auto`    | yes                     | no            | yes           | REST               |
//! | `auto`    | no                      | —             | yes           | REST               |
//! | `auto`    | otherwise               |               | no            | `NO_PORTAL`        |
//!
//! On the portal path the link is a small state machine ([`Link::observe`]) fed by probes:
//! `connecting` → `connected` (event `connected`) or `lost` (`lost`); `connected` → `lost`
//! (`lost`); `lost` → `connected` (`restored`). While lost, calls fail fast with `PORTAL_LOST`
//! ([`route`]).

use crate::error::Error;

use crate::error::BridgeError;

/// The `mode` option.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Requested {
    /// The portal if one answers, else REST (the default).
    #[default]
    Auto,
    /// The portal only.
    Portal,
    /// REST only.
    Rest,
}

impl Requested {
    /// Reads the option (`'auto'`, `'portal'`, `'rest'`).
    pub fn parse(s: Option<&str>) -> Result<Requested, Error> {
        match s {
            None | Some("auto") => Ok(Requested::Auto),
            Some("portal") => Ok(Requested::Portal),
            Some("rest") => Ok(Requested::Rest),
            Some(_) => Err(Error::invalid("mode", "must be 'auto', 'portal' or 'rest'")),
        }
    }
}

/// The chosen path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Not decided yet.
    Choosing,
    /// Porthole, through the portal.
    Portal,
    /// The Integra REST API.
    Rest,
}

impl Mode {
    /// `'choosing'`, `'portal'`, `'rest'`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Choosing => "choosing",
            Mode::Portal => "portal",
            Mode::Rest => "rest",
        }
    }
}

/// Checks the settings at construction: each forced mode needs its settings, `auto` one of them.
pub fn check(requested: Requested, channel: bool, rest: bool) -> Result<(), Error> {
    match requested {
        Requested::Portal if !channel => Err(Error::invalid("portalOrigins", "is required for mode 'portal'")),
        Requested::Rest if !rest => Err(Error::invalid("rest", "is required for mode 'rest'")),
        Requested::Auto if !channel && !rest => {
            Err(Error::invalid("portalOrigins", "give portalOrigins, rest settings, or both"))
        }
        _ => Ok(()),
    }
}

/// What choosing needs first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum First {
    /// Probe the portal, then call [`choose`] with the answer.
    Probe,
    /// Decided without probing.
    Decided(Mode),
}

/// Whether the choice needs a probe (`auto` with a channel and a portal window).
pub fn first(requested: Requested, channel: bool, portal_window: bool) -> First {
    match requested {
        Requested::Portal => First::Decided(Mode::Portal),
        Requested::Rest => First::Decided(Mode::Rest),
        Requested::Auto if channel && portal_window => First::Probe,
        Requested::Auto => First::Decided(Mode::Rest),
    }
}

/// The path, given whether a probe answered (`false` when none was made) and whether REST
/// settings exist. See the module table.
pub fn choose(requested: Requested, probe_answered: bool, rest: bool) -> Result<Mode, Error> {
    match requested {
        Requested::Portal => Ok(Mode::Portal),
        Requested::Rest => Ok(Mode::Rest),
        Requested::Auto if probe_answered => Ok(Mode::Portal),
        Requested::Auto if rest => Ok(Mode::Rest),
        Requested::Auto => Err(Error::NoPortal {
            reason: "no portal answered and no REST settings were given (pass `rest` to work outside the portal)",
        }),
    }
}

/// Whether a probe's outcome means the portal is there: any answer does, even a malformed
/// record or a refusal; only silence (`TIMEOUT`), no portal window (`NO_PORTAL`) or a destroyed
/// channel do not.
pub fn answered(outcome: Result<(), &Error>) -> bool {
    !matches!(outcome, Err(Error::Timeout { .. } | Error::NoPortal { .. } | Error::Destroyed))
}

/// The portal link's state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Link {
    /// No probe has answered or failed yet.
    #[default]
    Connecting,
    /// The last probe answered.
    Connected,
    /// The last probe did not answer.
    Lost,
}

/// A change of link the Bridge tells its subscribers about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// The first answer: `connected`.
    Connected,
    /// No answer: `lost`.
    Lost,
    /// An answer after `lost`: `restored`.
    Restored,
}

impl Change {
    /// The event name.
    pub fn event(self) -> &'static str {
        match self {
            Change::Connected => "connected",
            Change::Lost => "lost",
            Change::Restored => "restored",
        }
    }
}

impl Link {
    /// Feeds a probe's outcome; returns the change to announce, if any.
    pub fn observe(&mut self, alive: bool) -> Option<Change> {
        let next = if alive { Link::Connected } else { Link::Lost };
        let change = match (*self, next) {
            (Link::Connecting, Link::Connected) => Some(Change::Connected),
            (Link::Connecting | Link::Connected, Link::Lost) => Some(Change::Lost),
            (Link::Lost, Link::Connected) => Some(Change::Restored),
            _ => None,
        };
        *self = next;
        change
    }

    /// `'connecting'`, `'connected'`, `'lost'`.
    pub fn as_str(self) -> &'static str {
        match self {
            Link::Connecting => "connecting",
            Link::Connected => "connected",
            Link::Lost => "lost",
        }
    }
}

/// Where a call goes once the path is chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// Through the portal.
    Portal,
    /// Over REST.
    Rest,
}

/// Routes a call: by the chosen mode, failing fast while the portal is lost.
pub fn route(mode: Mode, link: Link) -> Result<Route, Error> {
    match (mode, link) {
        (Mode::Portal, Link::Lost) => Err(Error::Bridge(BridgeError::PortalLost)),
        (Mode::Portal, _) => Ok(Route::Portal),
        (Mode::Rest, _) => Ok(Route::Rest),
        (Mode::Choosing, _) => Err(Error::NoPortal { reason: "no path was chosen" }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_table() {
        use Requested::*;
        // (requested, channel, window, probe answers, rest) -> path
        type Row = (Requested, bool, bool, bool, bool, Result<Mode, &'static str>);
        let rows: &[Row] = &[
            (Portal, true, true, false, false, Ok(Mode::Portal)),
            (Portal, true, false, false, true, Ok(Mode::Portal)),
            (Rest, false, false, false, true, Ok(Mode::Rest)),
            (Rest, true, true, true, true, Ok(Mode::Rest)),
            (Auto, true, true, true, false, Ok(Mode::Portal)),
            (Auto, true, true, true, true, Ok(Mode::Portal)),
            (Auto, true, true, false, true, Ok(Mode::Rest)),
            (Auto, true, true, false, false, Err("NO_PORTAL")),
            (Auto, true, false, false, true, Ok(Mode::Rest)),
            (Auto, true, false, false, false, Err("NO_PORTAL")),
            (Auto, false, false, false, true, Ok(Mode::Rest)),
        ];
        for &(req, channel, window, probe, rest, ref want) in rows {
            let probed = match first(req, channel, window) {
                First::Probe => probe,
                First::Decided(_) => false,
            };
            let got = choose(req, probed, rest).map_err(|e| e.code());
            assert_eq!(got, *want, "{req:?} channel={channel} window={window} probe={probe} rest={rest}");
        }
    }

    #[test]
    fn only_auto_with_a_channel_and_a_window_probes() {
        assert_eq!(first(Requested::Auto, true, true), First::Probe);
        assert_eq!(first(Requested::Auto, true, false), First::Decided(Mode::Rest));
        assert_eq!(first(Requested::Auto, false, true), First::Decided(Mode::Rest));
        assert_eq!(first(Requested::Portal, true, false), First::Decided(Mode::Portal));
        assert_eq!(first(Requested::Rest, true, true), First::Decided(Mode::Rest));
    }

    #[test]
    fn settings_each_mode_needs() {
        assert_eq!(check(Requested::Portal, false, true).unwrap_err().code(), "INVALID_ARGUMENT");
        assert_eq!(check(Requested::Rest, true, false).unwrap_err().code(), "INVALID_ARGUMENT");
        assert_eq!(check(Requested::Auto, false, false).unwrap_err().code(), "INVALID_ARGUMENT");
        for (req, c, r) in [
            (Requested::Portal, true, false),
            (Requested::Rest, false, true),
            (Requested::Auto, true, false),
            (Requested::Auto, false, true),
        ] {
            assert!(check(req, c, r).is_ok());
        }
        assert_eq!(Requested::parse(None), Ok(Requested::Auto));
        assert_eq!(Requested::parse(Some("rest")), Ok(Requested::Rest));
        assert!(Requested::parse(Some("REST")).is_err());
    }

    #[test]
    fn what_counts_as_an_answer() {
        assert!(answered(Ok(())));
        assert!(answered(Err(&Error::BadJson { reason: "x".into() })));
        assert!(answered(Err(&Error::Refused { endpoint: "CTI" })));
        assert!(!answered(Err(&Error::Timeout { action: "CTI" })));
        assert!(!answered(Err(&Error::NoPortal { reason: "gone" })));
        assert!(!answered(Err(&Error::Destroyed)));
    }

    #[test]
    fn every_link_transition() {
        let cases = [
            (Link::Connecting, true, Link::Connected, Some(Change::Connected)),
            (Link::Connecting, false, Link::Lost, Some(Change::Lost)),
            (Link::Connected, true, Link::Connected, None),
            (Link::Connected, false, Link::Lost, Some(Change::Lost)),
            (Link::Lost, true, Link::Connected, Some(Change::Restored)),
            (Link::Lost, false, Link::Lost, None),
        ];
        for (from, alive, to, change) in cases {
            let mut l = from;
            assert_eq!(l.observe(alive), change, "{from:?} alive={alive}");
            assert_eq!(l, to);
        }
        assert_eq!(Change::Restored.event(), "restored");
    }

    #[test]
    fn routes() {
        assert_eq!(route(Mode::Portal, Link::Connected), Ok(Route::Portal));
        assert_eq!(route(Mode::Portal, Link::Connecting), Ok(Route::Portal));
        assert_eq!(route(Mode::Portal, Link::Lost), Err(Error::Bridge(BridgeError::PortalLost)));
        assert_eq!(route(Mode::Rest, Link::Lost), Ok(Route::Rest));
        assert_eq!(route(Mode::Choosing, Link::Connecting).unwrap_err().code(), "NO_PORTAL");
    }
}
