//! `rest::BaseFile::build`: contact rows (from CRM data, so foreign) into the `;`-separated
//! file `Dialers/uploadbase` takes.
//!
//! Rows are built from fragments of the input and odd tokens (`;`, `:`, `=`, CR, LF, Unicode,
//! empty and blank values, priorities 0 and `u32::MAX`, empty agent phones).
//!
//! Checks, from the format in the module docs of `rest::base_file`:
//! 1. `build` fails exactly when a row breaks a documented rule, with `INVALID_ARGUMENT` naming
//!    the column of the **first** bad value (rows in order; within a row campaign, number, data,
//!    alternatives, agent phone) and starting its reason with `row <n>:`.
//! 2. On success: `rows()` is the row count; the text has one `\n`-terminated line per row, whose
//!    `;` columns are exactly campaign, number, the `k=v:k=v` data, the `:`-joined alternatives,
//!    then the optional priority / agent phone columns as documented; `to_base64` decodes to
//!    `text()`; an upload of the file (when it has rows) builds.
//! 3. `BaseFileWriter::push_json`, the browser's fast way in, reads the rows written as
//!    `JSON.stringify` writes them (`data` as an object or as pairs, optional members present,
//!    `null` or left out) into the same file or the same error as pushing them one by one. On any
//!    other text (the input itself, or that JSON cut short or with a byte changed) it never panics,
//!    and when it refuses a text it has written nothing of it.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ucontact_bridge::error::Error;
use ucontact_bridge::json::{Map, Value};
use ucontact_bridge::rest::{build, BaseFile, BaseFileWriter, BaseRow, Token, UploadBase};

use super::{ensure, fragment, Outcome, Target};
use crate::rng::Rng;
use crate::stats::hit;

pub struct BaseFileTarget {
    token: Token,
}

impl BaseFileTarget {
    pub fn new() -> Self {
        // base64("fuzz:7e4e7db9-f080-494e-b04b-7c8e47711558")
        let token = Token::new("ZnV6ejo3ZTRlN2RiOS1mMDgwLTQ5NGUtYjA0Yi03YzhlNDc3MTE1NTg=");
        Self { token: token.unwrap_or_else(|e| panic!("the harness token is invalid: {e}")) }
    }
}

const DICTIONARY: &[&str] =
    &[";", ":", "=", "\r", "\n", "\r\n", " ", "Ventas->", "Campaña->", "098344484", "1001", "var1", "val1", "a=b"];

impl Target for BaseFileTarget {
    fn dictionary(&self) -> &'static [&'static str] {
        DICTIONARY
    }

    fn run(&self, input: &str, rng: &mut Rng) -> Outcome {
        let count = match rng.below(20) {
            0 => 0,
            1 => rng.small(40),
            _ => 1 + rng.small(2),
        };
        // Half of the values are clean (no separator), so that whole files get built too.
        let text = |rng: &mut Rng| match rng.below(4) {
            0 => input.lines().nth(rng.below(6)).unwrap_or("").to_owned(),
            1 => fragment(input, rng, DICTIONARY),
            _ => {
                let clean: String =
                    fragment(input, rng, DICTIONARY).chars().filter(|c| !";:=\r\n".contains(*c)).collect();
                if clean.trim().is_empty() {
                    (*rng.pick(&["Ventas->", "098344484", "1001", "nombre"])).to_owned()
                } else {
                    clean
                }
            }
        };
        let rows: Vec<BaseRow> = (0..count)
            .map(|_| BaseRow {
                campaign: text(rng),
                number: text(rng),
                data: (0..rng.small(4)).map(|_| (text(rng), text(rng))).collect(),
                alternatives: (0..rng.small(4)).map(|_| text(rng)).collect(),
                priority: match rng.below(4) {
                    0 => None,
                    1 => Some(*rng.pick(&[0, 1, 9, 10, 9999, u32::MAX])),
                    _ => Some(rng.next_u64() as u32),
                },
                agentphone: match rng.below(3) {
                    0 => None,
                    1 => Some(String::new()),
                    _ => Some(text(rng)),
                },
            })
            .collect();

        let expected = first_problem(&rows);
        let built = BaseFile::build(&rows);
        // The streaming writer (the browser's path), drained at a random threshold, must agree
        // with `build`: the same error, or the same text and base64 in pieces.
        let streamed = streamed(&rows, 1 + rng.small(200));
        match (&built, &streamed) {
            (Ok(file), Ok((text, b64, n))) => {
                ensure!(text == file.text() && *n == file.rows(), "the writer's text differs from build's");
                ensure!(*b64 == file.to_base64(), "the writer's base64 differs from build's");
            }
            (Err(a), Err(b)) => ensure!(a == b, "the writer fails with {b:?}, build with {a:?}"),
            _ => {
                return Err(format!("{}:{}: build and the writer disagree: {built:?} / {streamed:?}", file!(), line!()))
            }
        }
        self.check_json(&rows, &built, input, rng)?;
        match built {
            Ok(file) => {
                hit(if rows.is_empty() { "built-empty" } else { "built" });
                ensure!(expected.is_none(), "build accepted a row that breaks the format: {expected:?}");
                self.check_file(&rows, &file)?;
            }
            Err(Error::InvalidArgument { field, reason }) => {
                hit(field);
                let Some((row, want)) = expected else {
                    return Err(format!("{}:{}: build refused valid rows: {field}: {reason}", file!(), line!()));
                };
                ensure!(field == want, "the error names `{field}`, expected `{want}` ({reason})");
                ensure!(
                    reason.starts_with(&format!("row {row}: ")),
                    "the reason does not start with `row {row}:`: {reason}"
                );
            }
            Err(e) => return Err(format!("{}:{}: build failed with {e:?}", file!(), line!())),
        }
        Ok(())
    }
}

impl BaseFileTarget {
    /// Check 3.
    fn check_json(&self, rows: &[BaseRow], built: &Result<BaseFile, Error>, input: &str, rng: &mut Rng) -> Outcome {
        let json = stringify(rows, rng);
        let mut w = BaseFileWriter::new();
        match (w.push_json(&json), built) {
            (None, _) => {
                return Err(format!("{}:{}: push_json refused rows written as JSON: {json}", file!(), line!()))
            }
            (Some(Ok(())), Ok(file)) => {
                let got = w.into_file();
                ensure!(got.text() == file.text() && got.rows() == file.rows(), "push_json wrote another file");
                hit("json-built");
            }
            (Some(Err(a)), Err(b)) => ensure!(a == *b, "push_json fails with {a:?}, build with {b:?}"),
            (Some(got), _) => {
                return Err(format!("{}:{}: push_json and build disagree: {got:?} / {built:?}", file!(), line!()))
            }
        }
        // Other text: the input, or the JSON damaged.
        let mut damaged = json.into_bytes();
        match rng.below(3) {
            0 => damaged.truncate(rng.below(damaged.len() + 1)),
            1 if !damaged.is_empty() => {
                let at = rng.below(damaged.len());
                damaged[at] = *rng.pick(b"[]{},:\"0123456789-.eEnul \x01");
            }
            _ => damaged = input.as_bytes().to_vec(),
        }
        let Ok(other) = String::from_utf8(damaged) else { return Ok(()) };
        let mut w = BaseFileWriter::new();
        ensure!(w.push(&BaseRow::new("c", "1")).is_ok(), "a plain row was refused");
        if w.push_json(&other).is_none() {
            hit("json-refused");
            ensure!(w.buffered() == "c;1;;\n".len(), "a refused text left {} bytes", w.buffered());
            ensure!(w.finish(|_, _| {}) == 1, "a refused text left rows");
        }
        Ok(())
    }

    fn check_file(&self, rows: &[BaseRow], file: &BaseFile) -> Outcome {
        ensure!(file.rows() == rows.len(), "rows() = {} for {} rows", file.rows(), rows.len());
        let text = file.text();
        ensure!(rows.is_empty() || text.ends_with('\n'), "the last line has no newline");
        let lines: Vec<&str> = text.split_terminator('\n').collect();
        ensure!(lines.len() == rows.len(), "{} lines for {} rows", lines.len(), rows.len());
        for (i, (row, line)) in rows.iter().zip(&lines).enumerate() {
            let columns: Vec<&str> = line.split(';').collect();
            let expected = columns_of(row);
            ensure!(columns == expected, "row {}: columns {columns:?}, expected {expected:?}", i + 1);
        }
        let decoded = STANDARD.decode(file.to_base64());
        ensure!(decoded.as_deref() == Ok(text.as_bytes()), "to_base64 does not decode to text()");
        if !rows.is_empty() {
            let upload = UploadBase::new("base.txt", "Ventas->", "fuzz", file);
            ensure!(build(&upload, Some(&self.token)).is_ok(), "an upload of a built file does not build");
        }
        Ok(())
    }
}

/// `rows` through [`BaseFileWriter`], drained whenever `every` bytes are buffered: the joined
/// text, the joined base64 and the row count.
fn streamed(rows: &[BaseRow], every: usize) -> Result<(String, String, usize), Error> {
    let (mut text, mut b64) = (String::new(), String::new());
    let mut w = BaseFileWriter::new();
    let mut hand = |t: &str, b: &str| {
        text.push_str(t);
        b64.push_str(b);
    };
    for row in rows {
        w.push(row)?;
        if w.buffered() >= every {
            w.drain(&mut hand);
        }
    }
    let n = w.finish(&mut hand);
    Ok((text, b64, n))
}

/// `rows` as `JSON.stringify` writes them (the crate's writer prints exactly that): `data` as
/// an object when its keys are distinct (a JavaScript object cannot repeat one), else as pairs;
/// empty optional members left out, `null` or written.
fn stringify(rows: &[BaseRow], rng: &mut Rng) -> String {
    let items: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut m = Map::new();
            let optional = |m: &mut Map, key: &str, v: Option<Value>, rng: &mut Rng| match v {
                Some(v) => {
                    m.insert(key, v);
                }
                None if rng.one_in(2) => {
                    m.insert(key, Value::Null);
                }
                None => {}
            };
            let keys: std::collections::HashSet<&str> = r.data.iter().map(|(k, _)| k.as_str()).collect();
            let data: Value = if keys.len() == r.data.len() && rng.one_in(2) {
                r.data.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Map>().into()
            } else {
                r.data.iter().map(|(k, v)| Value::from(vec![k.as_str(), v.as_str()])).collect::<Vec<_>>().into()
            };
            // Members in the documented order or reversed: a JavaScript object keeps its own.
            let reversed = rng.one_in(3);
            if !reversed {
                m.insert("campaign", r.campaign.as_str());
                m.insert("number", r.number.as_str());
            }
            optional(&mut m, "data", (!r.data.is_empty() || rng.one_in(2)).then_some(data), rng);
            let alternatives: Value = r.alternatives.iter().map(String::as_str).collect::<Vec<_>>().into();
            optional(
                &mut m,
                "alternatives",
                (!r.alternatives.is_empty() || rng.one_in(2)).then_some(alternatives),
                rng,
            );
            optional(&mut m, "priority", r.priority.map(Value::from), rng);
            optional(&mut m, "agentphone", r.agentphone.as_deref().map(Value::from), rng);
            if reversed {
                m.insert("number", r.number.as_str());
                m.insert("campaign", r.campaign.as_str());
            }
            Value::Object(m)
        })
        .collect();
    Value::from(items).to_json()
}

/// The columns the docs promise for a valid row.
fn columns_of(row: &BaseRow) -> Vec<String> {
    let data: Vec<String> = row.data.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut cols = vec![row.campaign.clone(), row.number.clone(), data.join(":"), row.alternatives.join(":")];
    match (row.priority, row.agentphone.as_deref().filter(|a| !a.is_empty())) {
        (p, Some(agent)) => {
            cols.push(p.map(|p| p.to_string()).unwrap_or_default());
            cols.push(agent.to_owned());
        }
        (Some(p), None) => cols.push(p.to_string()),
        (None, None) => {}
    }
    cols
}

/// The first documented rule a row breaks: its 1-based number and the column named.
fn first_problem(rows: &[BaseRow]) -> Option<(usize, &'static str)> {
    let breaks = |v: &str| v.contains([';', '\r', '\n']);
    let breaks_item = |v: &str| breaks(v) || v.contains(':');
    rows.iter().enumerate().find_map(|(i, row)| {
        let field = if row.campaign.trim().is_empty() || breaks(&row.campaign) {
            "campaign"
        } else if row.number.trim().is_empty() || breaks_item(&row.number) {
            "number"
        } else if row.data.iter().any(|(k, v)| k.is_empty() || breaks_item(k) || k.contains('=') || breaks_item(v)) {
            "data"
        } else if row.alternatives.iter().any(|a| a.trim().is_empty() || breaks_item(a)) {
            "alternatives"
        } else if row.agentphone.as_deref().is_some_and(breaks) {
            "agentphone"
        } else {
            return None;
        };
        Some((i + 1, field))
    })
}
