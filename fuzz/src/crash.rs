//! Crash reports: what a failing case was, written as text to
//! `target/fuzz-crashes/<target>/<n>.txt`, and read back by `ucb-fuzz --replay FILE`.
//!
//! The input is written escaped on one line (`\n`, `\r`, `\t`, `\\`, `\"`, and `\u{…}` for
//! control, format and non-space whitespace characters), so a reproducer survives copy and
//! paste. Inputs longer than [`MAX_SHOWN`] bytes are cut; replay then regenerates the input
//! from the case seed instead, which gives the same bytes with the same corpus.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Longest input stored verbatim (escaped) in a report.
pub const MAX_SHOWN: usize = 64 * 1024;

/// Longest panic message stored.
const MAX_MESSAGE: usize = 4096;

/// What went wrong with one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The code under test panicked (a bug in the library, or in the harness).
    Panic,
    /// A harness check failed: the library answered, but broke a documented promise.
    Invariant,
}

impl Kind {
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Panic => "panic",
            Kind::Invariant => "invariant",
        }
    }
}

/// One failing case.
#[derive(Clone, Debug)]
pub struct Crash {
    pub target: String,
    pub kind: Kind,
    /// `file:line:col` of the panic, or `file:line` of the failed check.
    pub location: String,
    pub message: String,
    /// The seed of the case (`--replay` regenerates the input from it when it was cut).
    pub case_seed: u64,
    pub input: String,
    /// A backtrace, when one was captured.
    pub backtrace: Option<String>,
}

impl Crash {
    /// Kind and location: two cases with the same signature are most likely the same bug.
    /// (Messages are left out: they usually quote the input, which differs every time.)
    pub fn signature(&self) -> String {
        format!("{} {}", self.kind.as_str(), self.location)
    }

    /// Writes the report as `<dir>/<n>.txt` with the first free `n`; returns the path.
    pub fn save(&self, dir: &Path) -> io::Result<PathBuf> {
        fs::create_dir_all(dir)?;
        let mut n = 1;
        let path = loop {
            let p = dir.join(format!("{n}.txt"));
            if !p.exists() {
                break p;
            }
            n += 1;
        };
        fs::write(&path, self.render(&path))?;
        Ok(path)
    }

    fn render(&self, path: &Path) -> String {
        let mut out = String::new();
        let input = cut(&self.input, MAX_SHOWN);
        let message = cut(&self.message, MAX_MESSAGE);
        let _ = writeln!(out, "# ucb-fuzz crash report");
        let _ = writeln!(out, "target: {}", self.target);
        let _ = writeln!(out, "kind: {}", self.kind.as_str());
        let _ = writeln!(out, "location: {}", self.location);
        let _ = writeln!(out, "message: {}", escape(message));
        let _ = writeln!(out, "case: {:#018x}", self.case_seed);
        let _ = writeln!(out, "input-bytes: {}", self.input.len());
        let _ = writeln!(out, "input-truncated: {}", if input.len() < self.input.len() { "yes" } else { "no" });
        let _ = writeln!(out, "input: \"{}\"", escape(input));
        let _ = writeln!(out, "replay: scripts/fuzz.sh --replay {} [--minimize]", shown(path));
        if let Some(bt) = &self.backtrace {
            let _ = writeln!(out, "backtrace:\n{bt}");
        }
        out
    }
}

/// Removes the reports a previous run left in `dir` (only files that are crash reports).
pub fn clear(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let is_report = path.extension().is_some_and(|x| x == "txt")
            && fs::read_to_string(&path).is_ok_and(|t| t.starts_with("# ucb-fuzz crash report"));
        if is_report {
            let _ = fs::remove_file(&path);
        }
    }
}

/// `path` relative to the current directory when it is below it (shorter log lines).
pub fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().ok().and_then(|d| d.canonicalize().ok());
    let full = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    match cwd.as_deref().and_then(|c| full.strip_prefix(c).ok()) {
        Some(rel) => rel.display().to_string(),
        None => full.display().to_string(),
    }
}

/// What `--replay` needs from a report.
#[derive(Debug, PartialEq, Eq)]
pub struct Replay {
    pub target: String,
    pub case_seed: u64,
    /// The input, unless the report had to cut it.
    pub input: Option<String>,
}

/// Reads a report written by [`Crash::save`].
pub fn read_replay(text: &str) -> Result<Replay, String> {
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(": ")))
            .ok_or_else(|| format!("the report has no `{name}` line"))
    };
    let target = field("target")?.to_owned();
    let case = field("case")?;
    let case_seed = u64::from_str_radix(case.trim_start_matches("0x"), 16).map_err(|_| format!("bad case `{case}`"))?;
    let input = if field("input-truncated")? == "yes" {
        None
    } else {
        let quoted = field("input")?;
        let inner = quoted
            .strip_prefix('"')
            .and_then(|q| q.strip_suffix('"'))
            .ok_or_else(|| "the input is not quoted".to_owned())?;
        Some(unescape(inner)?)
    };
    Ok(Replay { target, case_seed, input })
}

/// The longest prefix of `text` of at most `max` bytes, on a character boundary.
pub fn cut(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Characters written as `\u{…}`: controls, and invisible or non-space whitespace.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// Escapes `text` onto one line (see the module docs).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// Reverses [`escape`].
pub fn unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('"') => out.push('"'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                if chars.next() != Some('{') {
                    return Err("`\\u` without `{`".into());
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let code = u32::from_str_radix(&hex, 16).map_err(|_| format!("bad escape `\\u{{{hex}}}`"))?;
                out.push(char::from_u32(code).ok_or_else(|| format!("`\\u{{{hex}}}` is not a character"))?);
            }
            other => return Err(format!("unknown escape `\\{}`", other.map(String::from).unwrap_or_default())),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_round_trips() {
        for text in
            ["", "plain", "a\"b\\c\nd\re\tf", "\u{0}\u{1b}\u{7f}\u{85}\u{a0}\u{2028}\u{feff}", "é😀İ", "\\u{41}"]
        {
            let escaped = escape(text);
            assert!(!escaped.contains('\n') && !escaped.contains('\r'), "{escaped}");
            assert_eq!(unescape(&escaped).unwrap(), text);
        }
        assert!(unescape("\\q").is_err() && unescape("\\u{d800}").is_err() && unescape("\\u41").is_err());
    }

    #[test]
    fn report_round_trips() {
        let dir = std::env::temp_dir().join(format!("ucb-fuzz-test-{}", std::process::id()));
        let crash = Crash {
            target: "data".into(),
            kind: Kind::Invariant,
            location: "fuzz/src/targets/data.rs:1".into(),
            message: "two\nlines".into(),
            case_seed: 0xdead_beef,
            input: "k=v\n:\u{0}é".into(),
            backtrace: None,
        };
        let path = crash.save(&dir).unwrap();
        let back = read_replay(&fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(back, Replay { target: "data".into(), case_seed: 0xdead_beef, input: Some(crash.input.clone()) });
        assert_eq!(crash.save(&dir).unwrap().file_name().unwrap(), "2.txt");
        let _ = fs::remove_dir_all(&dir);
        assert_eq!(cut("añb", 2), "a");
    }
}
