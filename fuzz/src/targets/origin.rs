//! `wire::origin`: the allow-list check, the origin of a URL (referrer, `ancestorOrigins`), and
//! the choice of the concrete `targetOrigin`.
//!
//! Each line of the input is a candidate (so seeds can hold several origins and URLs).
//!
//! Checks:
//! 1. `check` agrees with its documented grammar, re-implemented here independently:
//!    `http(s)://host[:port]`, no ASCII uppercase, none of `/ ? # @ space`, a non-empty host
//!    (`[v6]` keeps its colons), and a port that is non-empty ASCII digits without a leading zero,
//!    at most 65535. Failures are `INVALID_ARGUMENT` naming the field.
//! 2. An accepted origin is its own origin: `of_url(o) == Some(o)`.
//! 3. `of_url(u)` is a prefix of `u` starting with `http://` or `https://`, has no `/ ? #` after
//!    the scheme, and is a fixed point of `of_url`.
//! 4. `choose(allowed, hints)` returns the only allowed origin, or else an allowed origin that is
//!    among the hints (the first hint that is allowed), or `None`.

use ucontact_bridge::wire::origin;

use super::{ensure, fragment, Outcome, Target};
use crate::rng::Rng;
use crate::stats::{hit, hit_if};

pub struct Origin;

const DICTIONARY: &[&str] = &[
    "http://",
    "https://",
    "ftp://",
    "://",
    "localhost",
    "127.0.0.1",
    "[::1]",
    "[",
    "]",
    ":8700",
    ":0",
    ":080",
    ":65535",
    ":65536",
    ":+80",
    ":-1",
    "/",
    "?",
    "#",
    "@",
    "*",
    "acme.ucontactcloud.com",
    "HTTP://",
    "xn--caf-dma.com",
];

impl Target for Origin {
    fn dictionary(&self) -> &'static [&'static str] {
        DICTIONARY
    }

    fn run(&self, input: &str, rng: &mut Rng) -> Outcome {
        let mut candidates: Vec<String> = input.split('\n').map(str::to_owned).collect();
        candidates.push(input.to_owned());
        for c in &candidates {
            check_one(c)?;
        }
        // Allow-list and hints from the candidates, their origins and random fragments.
        let mut pool: Vec<String> = candidates.iter().filter_map(|c| origin::of_url(c).map(str::to_owned)).collect();
        pool.extend(candidates);
        let allowed: Vec<String> = (0..rng.small(4)).map(|_| pick_or_fragment(&pool, input, rng)).collect();
        let hints: Vec<String> = (0..rng.small(4))
            .map(|_| {
                if !allowed.is_empty() && rng.one_in(3) {
                    rng.pick(&allowed).clone()
                } else {
                    pick_or_fragment(&pool, input, rng)
                }
            })
            .collect();
        let chosen = origin::choose(&allowed, &hints);
        let expected = match allowed.as_slice() {
            [only] => Some(only.as_str()),
            _ => hints.iter().find(|h| allowed.contains(h)).map(String::as_str),
        };
        hit_if(chosen.is_some() && allowed.len() > 1, "chosen-by-hint");
        ensure!(chosen == expected, "choose({allowed:?}, {hints:?}) = {chosen:?}, expected {expected:?}");
        Ok(())
    }
}

fn pick_or_fragment(pool: &[String], input: &str, rng: &mut Rng) -> String {
    if !pool.is_empty() && rng.one_in(2) {
        rng.pick(pool).clone()
    } else {
        fragment(input, rng, DICTIONARY)
    }
}

fn check_one(text: &str) -> Outcome {
    let verdict = origin::check("portalOrigins", text);
    let expected = is_serialized_origin(text);
    match &verdict {
        Ok(()) => {
            hit("accepted");
            ensure!(expected, "check accepted {text:?}, which is not `http(s)://host[:port]` as documented");
            ensure!(origin::of_url(text) == Some(text), "an accepted origin is not its own origin: {text:?}");
        }
        Err(e) => {
            ensure!(!expected, "check rejected the valid origin {text:?}: {e}");
            ensure!(e.code() == "INVALID_ARGUMENT", "check failed with {}", e.code());
            ensure!(e.to_string().contains("portalOrigins"), "the error does not name the field: {e}");
        }
    }
    if let Some(o) = origin::of_url(text) {
        hit("url-origin");
        ensure!(text.starts_with(o), "of_url({text:?}) = {o:?} is not a prefix");
        let rest = o.strip_prefix("http://").or_else(|| o.strip_prefix("https://"));
        ensure!(
            rest.is_some_and(|r| !r.contains(['/', '?', '#'])),
            "of_url({text:?}) = {o:?} is not scheme://authority"
        );
        ensure!(origin::of_url(o) == Some(o), "of_url is not idempotent on {o:?}");
    }
    Ok(())
}

/// The documented grammar of `check`, written independently of it.
fn is_serialized_origin(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("http://").or_else(|| text.strip_prefix("https://")) else { return false };
    if rest.is_empty() || rest.chars().any(|c| matches!(c, '/' | '?' | '#' | '@' | ' ') || c.is_ascii_uppercase()) {
        return false;
    }
    let (host, port) = if let Some(v6) = rest.strip_prefix('[') {
        let Some(close) = v6.find(']') else { return false };
        let after = &v6[close + 1..];
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p),
            None if after.is_empty() => None,
            None => return false,
        };
        (&v6[..close], port)
    } else {
        match rest.find(':') {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        }
    };
    let port_ok = port.is_none_or(|p| {
        !p.is_empty()
            && p.bytes().all(|b| b.is_ascii_digit())
            && !p.starts_with('0')
            && p.len() <= 5
            && p.parse::<u32>().is_ok_and(|n| n <= 65535)
    });
    !host.is_empty() && port_ok
}
