//! The contact-list ("base") file that `Dialers/uploadbase` takes, built from typed rows.
//!
//! One contact per line, `;`-separated, every line ending in `\n`:
//!
//! ```text
//! campaign;number;k=v:k=v;alt1:alt2;priority;agentphone
//! ```
//!
//! * `data` pairs are written `k=v`, joined by `:`; `alternatives` are joined by `:`. Either may
//!   be empty, leaving an empty column; the first four columns are always written.
//! * `priority` and `agentphone` are optional trailing columns. A row with neither stops after
//!   the alternatives; a row with a priority only has five columns. A row with an agent phone but
//!   no priority is written with an **empty priority column** (`c;n;d;a;;1001`): the format is
//!   positional, so the agent phone must stay in the sixth column, and an empty priority is what
//!   "not given" looks like in it. `Some("")` as agent phone counts as not given.
//! * The text is UTF-8.
//!
//! Rejected, with an [`Error::InvalidArgument`] naming the column as `field` and the 1-based row
//! number in the reason: `;`, CR or LF in any value; `:` in the number, an alternative, or a data
//! key or value; `=` in a data key; an empty campaign, number, data key or alternative.
//!
//! Building is linear: one pass validates and measures, a second writes into a `String` of the
//! exact final size.

use super::base_json::JsonRows;
use crate::cat;
use crate::error::{Error, Result};
use crate::text::num;

/// One contact of a base file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BaseRow {
    /// The campaign.
    pub campaign: String,
    /// The main number.
    pub number: String,
    /// Parameters for forms and flows, in order.
    pub data: Vec<(String, String)>,
    /// Alternative numbers, in order.
    pub alternatives: Vec<String>,
    /// The record's priority.
    pub priority: Option<u32>,
    /// The agent's phone, for progressive dialers.
    pub agentphone: Option<String>,
}

impl BaseRow {
    /// A row with just a campaign and a number.
    pub fn new(campaign: impl Into<String>, number: impl Into<String>) -> Self {
        Self { campaign: campaign.into(), number: number.into(), ..Self::default() }
    }

    fn agentphone(&self) -> Option<&str> {
        self.agentphone.as_deref().filter(|a| !a.is_empty())
    }

    /// Validates the row (`index` is 0-based) and returns its exact encoded length, newline
    /// included. Error texts are formatted only on failure.
    fn measure(&self, index: usize) -> Result<usize> {
        let row = index.saturating_add(1);
        let fail = |what: What, problem: &str| {
            Error::invalid(what.field(), cat!["row ", num(row as u64), ": ", what.describe(), " ", problem])
        };
        // `;`, CR and LF are forbidden everywhere; `:` also in list items. All four are ASCII,
        // and no byte of a multibyte UTF-8 character is ASCII, so bytes are searched.
        let check = |what: What, v: &str, colon: bool| -> Result<()> {
            match v.bytes().find(|&c| matches!(c, b';' | b'\r' | b'\n') || (colon && c == b':')) {
                Some(c) => Err(fail(what, show(c))),
                None => Ok(()),
            }
        };

        if blank(&self.campaign) {
            return Err(fail(What::Campaign, "is empty"));
        }
        check(What::Campaign, &self.campaign, false)?;
        if blank(&self.number) {
            return Err(fail(What::Number, "is empty"));
        }
        check(What::Number, &self.number, true)?;
        let mut len = self.campaign.len() + 1 + self.number.len() + 1;

        for (i, (k, v)) in self.data.iter().enumerate() {
            let n = i + 1;
            if k.is_empty() {
                return Err(fail(What::DataKey(n), "is empty"));
            }
            check(What::DataKey(n), k, true)?;
            if k.contains('=') {
                return Err(fail(What::DataKey(n), "contains `=`"));
            }
            check(What::DataValue(n), v, true)?;
            len += usize::from(i > 0) + k.len() + 1 + v.len();
        }
        len += 1;

        for (i, a) in self.alternatives.iter().enumerate() {
            let n = i + 1;
            if blank(a) {
                return Err(fail(What::Alternative(n), "is empty"));
            }
            check(What::Alternative(n), a, true)?;
            len += usize::from(i > 0) + a.len();
        }

        if let Some(agent) = self.agentphone() {
            check(What::AgentPhone, agent, false)?;
            len += 1 + self.priority.map_or(0, digits) + 1 + agent.len();
        } else if let Some(p) = self.priority {
            len += 1 + digits(p);
        }
        Ok(len + 1)
    }

    fn write(&self, out: &mut String) {
        out.push_str(&self.campaign);
        out.push(';');
        out.push_str(&self.number);
        out.push(';');
        for (i, (k, v)) in self.data.iter().enumerate() {
            if i > 0 {
                out.push(':');
            }
            out.push_str(k);
            out.push('=');
            out.push_str(v);
        }
        out.push(';');
        for (i, a) in self.alternatives.iter().enumerate() {
            if i > 0 {
                out.push(':');
            }
            out.push_str(a);
        }
        match (self.priority, self.agentphone()) {
            (p, Some(agent)) => {
                out.push(';');
                if let Some(p) = p {
                    push_u32(out, p);
                }
                out.push(';');
                out.push_str(agent);
            }
            (Some(p), None) => {
                out.push(';');
                push_u32(out, p);
            }
            (None, None) => {}
        }
        out.push('\n');
    }
}

/// Which value of a row an error is about.
#[derive(Clone, Copy)]
enum What {
    Campaign,
    Number,
    DataKey(usize),
    DataValue(usize),
    Alternative(usize),
    AgentPhone,
}

impl What {
    fn field(self) -> &'static str {
        match self {
            What::Campaign => "campaign",
            What::Number => "number",
            What::DataKey(_) | What::DataValue(_) => "data",
            What::Alternative(_) => "alternatives",
            What::AgentPhone => "agentphone",
        }
    }
}

impl What {
    /// How an error names the value: `` `campaign` ``, `data key 2`, …
    fn describe(self) -> String {
        match self {
            What::Campaign => "`campaign`".into(),
            What::Number => "`number`".into(),
            What::DataKey(n) => cat!["data key ", num(n as u64)],
            What::DataValue(n) => cat!["data value ", num(n as u64)],
            What::Alternative(n) => cat!["alternative ", num(n as u64)],
            What::AgentPhone => "`agentphone`".into(),
        }
    }
}

/// The complaint about a forbidden character.
fn show(c: u8) -> &'static str {
    match c {
        b';' => "contains `;`",
        b':' => "contains `:`",
        b'\r' => "contains a carriage return",
        _ => "contains a line feed",
    }
}

/// Whether `s` is empty or only white space (what `s.trim().is_empty()` says, without trimming
/// from both ends: it stops at the first other character).
fn blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Decimal digits of `n`.
fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// Appends `n` in decimal without allocating.
fn push_u32(out: &mut String, n: u32) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    for &b in buf.get(i..).unwrap_or(&[]) {
        out.push(char::from(b));
    }
}

/// A built base file: its text and its row count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseFile {
    text: String,
    rows: usize,
}

impl BaseFile {
    /// Validates every row and writes the file.
    pub fn build(rows: &[BaseRow]) -> Result<Self> {
        let mut total = 0usize;
        for (i, row) in rows.iter().enumerate() {
            total = total.saturating_add(row.measure(i)?);
        }
        let mut text = String::with_capacity(total);
        for row in rows {
            row.write(&mut text);
        }
        Ok(Self { text, rows: rows.len() })
    }

    /// The file's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The number of rows (the `cant` form field).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The text as standard base64 with padding (the `fileb64` form field).
    pub fn to_base64(&self) -> String {
        crate::text::base64(self.text.as_bytes())
    }
}

/// A base file written row by row and handed on in pieces: for a caller that reads rows one at
/// a time (the browser's `buildBaseFile` and `uploadBase`), so no list of rows and, with
/// [`drain`](Self::drain), no whole text or base64 needs to be held at once.
///
/// Each row is checked as it is pushed, with the same rules and messages (its row number
/// counted from the first push) as [`BaseFile::build`]. The pieces given by `drain` and
/// [`finish`](Self::finish), joined in order, are exactly the file's text and its base64.
#[derive(Debug, Default)]
pub struct BaseFileWriter {
    /// The text written since the last drain.
    text: String,
    rows: usize,
    /// The last 0–2 bytes of drained text, not yet in the base64 (it is written in whole
    /// 3-byte groups until the end).
    carry: Vec<u8>,
    /// The base64 of the current piece (kept to reuse its allocation).
    b64: Vec<u8>,
    /// The row [`push_json`](Self::push_json) reads into (kept to reuse its allocations).
    scratch: BaseRow,
}

impl BaseFileWriter {
    /// An empty file.
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks `row` and appends its line.
    pub fn push(&mut self, row: &BaseRow) -> Result<()> {
        let len = row.measure(self.rows)?;
        self.text.reserve(len);
        row.write(&mut self.text);
        self.rows += 1;
        Ok(())
    }

    /// Appends the rows of `json`, the text `JSON.stringify` writes for a list of row objects
    /// (the shape is in `base_json`'s docs), checking each as [`push`](Self::push) does.
    ///
    /// `None` when the text is not exactly such a list: then nothing of it was written, and the
    /// caller reads those rows another way (one that can say what is wrong with them). Rows are
    /// read in order, so a row that breaks the file's rules ends the reading with the error
    /// [`push`](Self::push) gives for it, whatever follows it in the text.
    pub fn push_json(&mut self, json: &str) -> Option<Result<()>> {
        let (len, rows) = (self.text.len(), self.rows);
        let mut row = core::mem::take(&mut self.scratch);
        let out = self.read_json(json, &mut row);
        self.scratch = row;
        if out.is_none() {
            self.text.truncate(len);
            self.rows = rows;
        }
        out
    }

    fn read_json(&mut self, json: &str, row: &mut BaseRow) -> Option<Result<()>> {
        let mut list = JsonRows::new(json).ok()?;
        loop {
            // Most rows are written as they are read; the others are read into `row` first.
            if list.write_next(&mut self.text) {
                self.rows += 1;
                continue;
            }
            if !list.next_into(row).ok()? {
                return Some(Ok(()));
            }
            if let Err(e) = self.push(row) {
                return Some(Err(e));
            }
        }
    }

    /// Bytes of text written since the last drain.
    pub fn buffered(&self) -> usize {
        self.text.len()
    }

    /// Hands `out` the text written since the last drain and the base64 that follows the
    /// base64 handed before (up to the last whole 3-byte group), then empties the buffer.
    pub fn drain(&mut self, out: impl FnOnce(&str, &str)) {
        self.piece(false, out);
    }

    /// Hands `out` the last pieces (the base64 padded) and returns the number of rows.
    pub fn finish(mut self, out: impl FnOnce(&str, &str)) -> usize {
        self.piece(true, out);
        self.rows
    }

    /// The whole file, for a caller that did not drain (a drained writer gives only the text
    /// since the last drain).
    pub fn into_file(self) -> BaseFile {
        BaseFile { text: self.text, rows: self.rows }
    }

    fn piece(&mut self, last: bool, out: impl FnOnce(&str, &str)) {
        let bytes = self.text.as_bytes();
        self.b64.clear();
        let mut rest = bytes;
        if !self.carry.is_empty() {
            let take = (3 - self.carry.len()).min(rest.len());
            let (head, tail) = rest.split_at(take);
            self.carry.extend_from_slice(head);
            rest = tail;
            if self.carry.len() == 3 {
                crate::text::base64_into(&self.carry, &mut self.b64);
                self.carry.clear();
            }
        }
        let whole = if last { rest.len() } else { rest.len() / 3 * 3 };
        let (now, later) = rest.split_at(whole);
        if last && !self.carry.is_empty() {
            // `rest` is empty here: the carry only stays short when the text ran out.
            crate::text::base64_into(&self.carry, &mut self.b64);
            self.carry.clear();
        }
        crate::text::base64_into(now, &mut self.b64);
        self.carry.extend_from_slice(later);
        // Only ASCII was written: this cannot fail.
        out(&self.text, core::str::from_utf8(&self.b64).unwrap_or_default());
        self.text.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;

    fn doc_row() -> BaseRow {
        BaseRow {
            campaign: "prueba1".into(),
            number: "098344484".into(),
            data: vec![("var1".into(), "val1".into()), ("var2".into(), "val2".into())],
            alternatives: vec!["099124484".into(), "099111111".into()],
            priority: Some(9999),
            agentphone: Some("1001".into()),
        }
    }

    #[test]
    fn documented_line() {
        let f = BaseFile::build(&[doc_row()]).unwrap();
        assert_eq!(f.text(), "prueba1;098344484;var1=val1:var2=val2;099124484:099111111;9999;1001\n");
        assert_eq!(f.rows(), 1);
        assert_eq!(
            f.to_base64(),
            "cHJ1ZWJhMTswOTgzNDQ0ODQ7dmFyMT12YWwxOnZhcjI9dmFsMjswOTkxMjQ0ODQ6MDk5MTExMTExOzk5OTk7MTAwMQo="
        );
    }

    #[test]
    fn optional_columns() {
        let table = [
            (BaseRow::new("c", "1"), "c;1;;\n"),
            (BaseRow { priority: Some(0), ..BaseRow::new("c", "1") }, "c;1;;;0\n"),
            (BaseRow { priority: Some(u32::MAX), ..BaseRow::new("c", "1") }, "c;1;;;4294967295\n"),
            (BaseRow { agentphone: Some("1001".into()), ..BaseRow::new("c", "1") }, "c;1;;;;1001\n"),
            (BaseRow { agentphone: Some(String::new()), priority: Some(5), ..BaseRow::new("c", "1") }, "c;1;;;5\n"),
            (
                BaseRow { data: vec![("k".into(), "a=b".into())], ..BaseRow::new("Campaña->", "1") },
                "Campaña->;1;k=a=b;\n",
            ),
            (BaseRow { alternatives: vec!["2".into()], ..BaseRow::new("c", "1") }, "c;1;;2\n"),
            (BaseRow { data: vec![("k".into(), String::new())], ..BaseRow::new("c", "1") }, "c;1;k=;\n"),
        ];
        for (row, want) in table {
            assert_eq!(BaseFile::build(std::slice::from_ref(&row)).unwrap().text(), want, "{row:?}");
        }
        assert_eq!(BaseFile::build(&[]).unwrap().text(), "");
    }

    #[test]
    fn rejections_name_row_and_field() {
        type Edit = fn(&mut BaseRow);
        let table: [(Edit, &str, &str); 16] = [
            (|r| r.campaign.clear(), "campaign", "row 2: `campaign` is empty"),
            (|r| r.campaign = "a;b".into(), "campaign", "row 2: `campaign` contains `;`"),
            (|r| r.campaign = "a\nb".into(), "campaign", "row 2: `campaign` contains a line feed"),
            (|r| r.number = " ".into(), "number", "row 2: `number` is empty"),
            (|r| r.number = "1:2".into(), "number", "row 2: `number` contains `:`"),
            (|r| r.number = "1\r".into(), "number", "row 2: `number` contains a carriage return"),
            (|r| r.data[1].0 = "a=b".into(), "data", "row 2: data key 2 contains `=`"),
            (|r| r.data[0].0 = "a:b".into(), "data", "row 2: data key 1 contains `:`"),
            (|r| r.data[0].0.clear(), "data", "row 2: data key 1 is empty"),
            (|r| r.data[1].1 = "x:y".into(), "data", "row 2: data value 2 contains `:`"),
            (|r| r.data[1].1 = "x;y".into(), "data", "row 2: data value 2 contains `;`"),
            (|r| r.alternatives[1] = "1:2".into(), "alternatives", "row 2: alternative 2 contains `:`"),
            (|r| r.alternatives[0] = "1;2".into(), "alternatives", "row 2: alternative 1 contains `;`"),
            (|r| r.alternatives[0].clear(), "alternatives", "row 2: alternative 1 is empty"),
            (|r| r.agentphone = Some("10;01".into()), "agentphone", "row 2: `agentphone` contains `;`"),
            (|r| r.agentphone = Some("1001\n".into()), "agentphone", "row 2: `agentphone` contains a line feed"),
        ];
        for (edit, field, reason) in table {
            let mut bad = doc_row();
            edit(&mut bad);
            let err = BaseFile::build(&[doc_row(), bad, doc_row()]).unwrap_err();
            assert_eq!(err, Error::InvalidArgument { field, reason: reason.into() });
        }
    }

    #[test]
    fn hundred_thousand_rows() {
        let rows: Vec<BaseRow> = (0..100_000u32)
            .map(|i| BaseRow {
                campaign: "Ventas->".into(),
                number: format!("09{i:07}"),
                data: vec![("id".into(), i.to_string()), ("nombre".into(), "José".into())],
                alternatives: if i % 2 == 0 { vec![format!("2{i}")] } else { Vec::new() },
                priority: (i % 3 == 0).then_some(i),
                agentphone: (i % 5 == 0).then(|| "1001".to_owned()),
            })
            .collect();
        let f = BaseFile::build(&rows).unwrap();
        assert_eq!(f.rows(), 100_000);
        let lines: Vec<&str> = f.text().split_terminator('\n').collect();
        assert_eq!(lines.len(), 100_000);
        assert!(f.text().ends_with('\n'));
        assert_eq!(lines[0], "Ventas->;090000000;id=0:nombre=José;20;0;1001");
        assert_eq!(lines[1], "Ventas->;090000001;id=1:nombre=José;");
        assert_eq!(lines[5], "Ventas->;090000005;id=5:nombre=José;;;1001");
        assert_eq!(lines[99_999], "Ventas->;090099999;id=99999:nombre=José;;99999");
        let decoded = base64::engine::general_purpose::STANDARD.decode(f.to_base64()).unwrap();
        assert_eq!(decoded, f.text().as_bytes());
        // The capacity computed up front was exact: no reallocation happened.
        assert_eq!(f.text.capacity(), f.text.len());
    }

    fn many_rows(n: u32) -> Vec<BaseRow> {
        (0..n)
            .map(|i| BaseRow {
                campaign: if i % 7 == 0 { "Campaña->".into() } else { "Ventas->".into() },
                number: format!("09{i:07}"),
                data: vec![("id".into(), i.to_string()), ("nombre".into(), "José ☎".repeat(i as usize % 3))],
                alternatives: if i % 2 == 0 { vec![format!("2{i}")] } else { Vec::new() },
                priority: (i % 3 == 0).then_some(i),
                agentphone: (i % 5 == 0).then(|| "1001".to_owned()),
            })
            .collect()
    }

    /// Pushed, drained whenever at least `every` bytes are buffered, and finished: the joined
    /// pieces, the row count, and how many pieces there were.
    fn streamed(rows: &[BaseRow], every: usize) -> Result<(String, String, usize, usize)> {
        let (mut text, mut b64, mut pieces) = (String::new(), String::new(), 0);
        let mut w = BaseFileWriter::new();
        for row in rows {
            w.push(row)?;
            if w.buffered() >= every {
                w.drain(|t, b| {
                    text.push_str(t);
                    b64.push_str(b);
                    pieces += 1;
                });
                assert_eq!(w.buffered(), 0);
            }
        }
        let n = w.finish(|t, b| {
            text.push_str(t);
            b64.push_str(b);
        });
        Ok((text, b64, n, pieces))
    }

    #[test]
    fn the_writer_streams_the_same_file_as_build() {
        let rows = many_rows(2_000);
        let whole = BaseFile::build(&rows).unwrap();
        // Pieces of every length modulo 3 (multibyte characters split across them too).
        for every in [1, 2, 3, 4, 5, 64, 1000, 4097, usize::MAX] {
            let (text, b64, n, pieces) = streamed(&rows, every).unwrap();
            assert_eq!(text, whole.text(), "every {every}");
            assert_eq!(b64, whole.to_base64(), "every {every}");
            assert_eq!(n, 2_000);
            assert!(every == usize::MAX || pieces > 1, "every {every}");
        }
        for k in 0..5 {
            let few = &rows[..k];
            let (text, b64, n, _) = streamed(few, 1).unwrap();
            let want = BaseFile::build(few).unwrap();
            assert_eq!((text.as_str(), b64, n), (want.text(), want.to_base64(), k));
        }
        // Not drained: the whole file.
        let mut w = BaseFileWriter::new();
        rows.iter().try_for_each(|r| w.push(r)).unwrap();
        assert_eq!(w.into_file(), whole);
    }

    #[test]
    fn the_writer_rejects_like_build() {
        let mut rows = many_rows(10);
        rows[6].alternatives = vec!["1:2".into()];
        let want = BaseFile::build(&rows).unwrap_err();
        assert_eq!(streamed(&rows, 3).unwrap_err(), want);
        assert_eq!(
            want,
            Error::InvalidArgument { field: "alternatives", reason: "row 7: alternative 1 contains `:`".into() }
        );
    }

    #[test]
    fn decimal_writer() {
        for n in [0, 1, 9, 10, 99, 100, 12345, u32::MAX] {
            let mut s = String::new();
            push_u32(&mut s, n);
            assert_eq!(s, n.to_string());
            assert_eq!(digits(n), s.len());
        }
    }
}
