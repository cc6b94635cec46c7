//! Base-file rows read from the JSON text the browser's `JSON.stringify` writes for a list of
//! row objects: the fast way in for `buildBaseFile` and `uploadBase`, which would otherwise read
//! about a dozen members of every row across the wasm boundary.
//!
//! The reader accepts exactly what `JSON.stringify(rows)` writes (no whitespace) for rows of
//! the documented shape:
//!
//! * `campaign` and `number`: strings, both present;
//! * `data`: `null`, an object whose values are strings or numbers (a number is kept as its
//!   JSON text, which for a JavaScript number is `String(n)`), or a list of `[key, value]`
//!   string pairs;
//! * `alternatives`: `null` or a list of strings;
//! * `priority`: `null` or a whole number from 0 to 4294967295, written in plain digits;
//! * `agentphone`: `null` or a string;
//! * no other member, and no member twice.
//!
//! Anything else is not an error here but a refusal ([`None`]): the caller holds the original
//! values and reads them again with its own member readers, which name what is wrong. So this
//! reader can stay strict (no lone surrogate escapes, no whitespace, no repeated members)
//! without ever deciding an error message.

use super::base_file::BaseRow;

/// A refusal: the text is not exactly a list of rows as described in the module docs.
pub(crate) struct Refused;

type Read<T> = core::result::Result<T, Refused>;

/// Reads rows one after another out of `JSON.stringify` text, reusing one row's allocations.
pub(crate) struct JsonRows<'a> {
    text: &'a str,
    at: usize,
    /// Whether the next read is the first item of the list.
    first: bool,
}

impl<'a> JsonRows<'a> {
    /// A reader over the text of a JSON list; refused when it does not start with `[`.
    pub(crate) fn new(text: &'a str) -> Read<Self> {
        let mut r = JsonRows { text, at: 0, first: true };
        r.expect(b'[')?;
        Ok(r)
    }

    /// Reads the next row into `row` (its strings and lists cleared and refilled); `Ok(false)`
    /// at the end of the list, when the text must end too.
    pub(crate) fn next_into(&mut self, row: &mut BaseRow) -> Read<bool> {
        if self.eat(b']') {
            return if self.at == self.bytes().len() { Ok(false) } else { Err(Refused) };
        }
        if !core::mem::take(&mut self.first) {
            self.expect(b',')?;
        }
        self.row(row)?;
        Ok(true)
    }

    /// Writes the next row straight into `out` as its base-file line, when it is the common
    /// case: members in the documented order, strings with no escape, and every value already
    /// within the file's rules. Then the row needs no copy and no second look, which is most of
    /// the time a row costs. Otherwise (the end of the list included) the position and `out`
    /// are left as they were and `false` returned: the row is read with
    /// [`next_into`](Self::next_into) and checked by the writer, which names any fault.
    pub(crate) fn write_next(&mut self, out: &mut String) -> bool {
        let (at, first, len) = (self.at, self.first, out.len());
        if self.line(out).is_some() {
            return true;
        }
        (self.at, self.first) = (at, first);
        out.truncate(len);
        false
    }

    fn line(&mut self, out: &mut String) -> Option<()> {
        if self.peek() == Some(b']') {
            return None;
        }
        if !core::mem::take(&mut self.first) {
            self.expect(b',').ok()?;
        }
        self.expect(b'{').ok()?;
        self.member(b"campaign")?;
        self.plain(out, Rule::NOT_BLANK)?;
        out.push(';');
        self.expect(b',').ok()?;
        self.member(b"number")?;
        self.plain(out, Rule::NOT_BLANK | Rule::NO_COLON)?;
        out.push(';');
        // The next member allowed (0 data, 1 alternatives, 2 priority, 3 agent phone), and
        // whether the data column is closed by its `;`.
        let (mut stage, mut closed, mut priority) = (0, false, false);
        while self.eat(b',') {
            let key = self.key().ok()?;
            self.expect(b':').ok()?;
            let next = match key {
                b"data" => 0,
                b"alternatives" => 1,
                b"priority" => 2,
                b"agentphone" => 3,
                _ => return None,
            };
            // Members in the documented order, each once.
            if next < stage {
                return None;
            }
            stage = next + 1;
            if next > 0 && !closed {
                out.push(';');
                closed = true;
            }
            if self.null() {
                continue;
            }
            match next {
                0 => self.pairs(out)?,
                1 => self.list(out)?,
                2 => {
                    let digits = self.at;
                    self.priority().ok()??;
                    out.push(';');
                    out.push_str(self.text.get(digits..self.at)?);
                    priority = true;
                }
                _ => {
                    let mark = out.len();
                    if !priority {
                        out.push(';');
                    }
                    out.push(';');
                    let start = out.len();
                    self.plain(out, Rule::ANY)?;
                    // An empty agent phone counts as not given.
                    if out.len() == start {
                        out.truncate(mark);
                    }
                }
            }
        }
        self.expect(b'}').ok()?;
        if !closed {
            out.push(';');
        }
        out.push('\n');
        Some(())
    }

    /// `data`'s pairs as `k=v:k=v`, from an object or a list of pairs.
    fn pairs(&mut self, out: &mut String) -> Option<()> {
        let object = self.eat(b'{');
        if !object {
            self.expect(b'[').ok()?;
        }
        let close = if object { b'}' } else { b']' };
        if self.eat(close) {
            return Some(());
        }
        // Where the object's keys are in `out`, to refuse one written twice (up to 8 keys; a
        // longer object goes the general way, which compares them all).
        let (mut keys, mut count) = ([(0, 0); 8], 0);
        loop {
            if !object {
                self.expect(b'[').ok()?;
            }
            let start = out.len();
            self.plain(out, Rule::NOT_EMPTY | Rule::NO_COLON | Rule::NO_EQUALS)?;
            if object {
                let key = out.get(start..)?;
                if keys.get(..count)?.iter().any(|&(a, b)| out.get(a..b) == Some(key)) {
                    return None;
                }
                *keys.get_mut(count)? = (start, out.len());
                count += 1;
            }
            out.push('=');
            self.expect(if object { b':' } else { b',' }).ok()?;
            if object && self.peek() != Some(b'"') {
                out.push_str(self.number().ok()?);
            } else {
                self.plain(out, Rule::NO_COLON)?;
            }
            if !object {
                self.expect(b']').ok()?;
            }
            if self.eat(close) {
                return Some(());
            }
            self.expect(b',').ok()?;
            out.push(':');
        }
    }

    /// `alternatives` as `a:b`.
    fn list(&mut self, out: &mut String) -> Option<()> {
        self.expect(b'[').ok()?;
        if self.eat(b']') {
            return Some(());
        }
        loop {
            self.plain(out, Rule::NOT_BLANK | Rule::NO_COLON)?;
            if self.eat(b']') {
                return Some(());
            }
            self.expect(b',').ok()?;
            out.push(':');
        }
    }

    /// The member name `name` and its colon.
    fn member(&mut self, name: &[u8]) -> Option<()> {
        (self.key().ok()? == name).then_some(())?;
        self.expect(b':').ok()
    }

    /// A string with no escape that keeps `rule` (`;` is never allowed, nor CR or LF, which
    /// JSON can only hold escaped), appended to `out` as it is.
    fn plain(&mut self, out: &mut String, rule: u8) -> Option<()> {
        self.expect(b'"').ok()?;
        let start = self.at;
        let run = self.bytes().get(start..)?;
        let stop = Rule::STOP | rule;
        let len = run.iter().position(|&c| STOPS[usize::from(c)] & stop != 0)?;
        if run.get(len) != Some(&b'"') {
            return None;
        }
        let text = self.text.get(start..start + len)?;
        let blank = rule & Rule::NOT_BLANK != 0 && text.chars().next().is_none_or(char::is_whitespace);
        if blank || (rule & Rule::NOT_EMPTY != 0 && text.is_empty()) {
            return None;
        }
        out.push_str(text);
        self.at = start + len + 1;
        Some(())
    }

    fn row(&mut self, row: &mut BaseRow) -> Read<()> {
        self.expect(b'{')?;
        let (mut data, mut alternatives) = (0, 0);
        row.priority = None;
        let mut agent = false;
        // One bit per member seen: campaign, number, data, alternatives, priority, agentphone.
        let mut seen = 0u8;
        if !self.eat(b'}') {
            loop {
                let key = self.key()?;
                self.expect(b':')?;
                let bit = match key {
                    b"campaign" => {
                        self.string_into(&mut row.campaign)?;
                        1
                    }
                    b"number" => {
                        self.string_into(&mut row.number)?;
                        2
                    }
                    b"data" => {
                        data = self.data(&mut row.data)?;
                        4
                    }
                    b"alternatives" => {
                        alternatives = self.strings(&mut row.alternatives)?;
                        8
                    }
                    b"priority" => {
                        row.priority = self.priority()?;
                        16
                    }
                    b"agentphone" => {
                        agent = !self.null();
                        if agent {
                            self.string_into(row.agentphone.get_or_insert_with(String::new))?;
                        }
                        32
                    }
                    _ => return Err(Refused),
                };
                if seen & bit != 0 {
                    return Err(Refused);
                }
                seen |= bit;
                if self.eat(b'}') {
                    break;
                }
                self.expect(b',')?;
            }
        }
        if seen & 3 != 3 {
            return Err(Refused);
        }
        row.data.truncate(data);
        row.alternatives.truncate(alternatives);
        if !agent {
            row.agentphone = None;
        }
        Ok(())
    }

    /// `data`, into the first pairs of `pairs` (reused); returns how many there are.
    fn data(&mut self, pairs: &mut Vec<(String, String)>) -> Read<usize> {
        let mut n = 0;
        if self.null() {
            return Ok(0);
        }
        if self.eat(b'{') {
            if self.eat(b'}') {
                return Ok(0);
            }
            loop {
                self.string_into(&mut slot(pairs, n)?.0)?;
                let v = &mut slot(pairs, n)?.1;
                self.expect(b':')?;
                if self.peek() == Some(b'"') {
                    self.string_into(v)?;
                } else {
                    v.clear();
                    v.push_str(self.number()?);
                }
                n += 1;
                if self.eat(b'}') {
                    // A key twice: JSON would keep the last value, a list of pairs both. Only
                    // hand-written text can say it (`JSON.stringify` writes an object's keys
                    // once). Checked once per object, in `O(n log n)`.
                    let keys = |i: usize| pairs.get(i).map_or("", |(k, _)| k.as_str());
                    if crate::order::firsts(n, &keys).is_some() {
                        return Err(Refused);
                    }
                    return Ok(n);
                }
                self.expect(b',')?;
            }
        }
        self.expect(b'[')?;
        if self.eat(b']') {
            return Ok(0);
        }
        loop {
            let (k, v) = slot(pairs, n)?;
            self.expect(b'[')?;
            self.string_into(k)?;
            self.expect(b',')?;
            self.string_into(v)?;
            self.expect(b']')?;
            n += 1;
            if self.eat(b']') {
                return Ok(n);
            }
            self.expect(b',')?;
        }
    }

    /// A list of strings (or `null`), into the first items of `items` (reused); returns how many.
    fn strings(&mut self, items: &mut Vec<String>) -> Read<usize> {
        if self.null() {
            return Ok(0);
        }
        self.expect(b'[')?;
        if self.eat(b']') {
            return Ok(0);
        }
        let mut n = 0;
        loop {
            self.string_into(slot(items, n)?)?;
            n += 1;
            if self.eat(b']') {
                return Ok(n);
            }
            self.expect(b',')?;
        }
    }

    /// `null` or plain digits up to `u32::MAX` (no sign, fraction, exponent or leading zero).
    fn priority(&mut self) -> Read<Option<u32>> {
        if self.null() {
            return Ok(None);
        }
        let end = crate::json::parse::number_end(self.bytes(), self.at).ok_or(Refused)?;
        let digits = self.bytes().get(self.at..end).ok_or(Refused)?;
        if !digits.iter().all(u8::is_ascii_digit) || (digits.len() > 1 && digits.first() == Some(&b'0')) {
            return Err(Refused);
        }
        let n = digits
            .iter()
            .try_fold(0u32, |acc, d| acc.checked_mul(10)?.checked_add(u32::from(d - b'0')))
            .ok_or(Refused)?;
        self.at = end;
        Ok(Some(n))
    }

    /// A member name, as its raw bytes: the known names need no escape, so a name with one is
    /// refused (it could only be an unknown member).
    fn key(&mut self) -> Read<&'a [u8]> {
        self.expect(b'"')?;
        let rest = self.bytes().get(self.at..).unwrap_or_default();
        let len = rest.iter().position(|&c| c == b'"' || c == b'\\').ok_or(Refused)?;
        self.at += len;
        self.expect(b'"')?;
        rest.get(..len).ok_or(Refused)
    }

    fn string_into(&mut self, out: &mut String) -> Read<()> {
        out.clear();
        self.string(out)
    }

    /// A JSON string, appended to `out`.
    fn string(&mut self, out: &mut String) -> Read<()> {
        self.expect(b'"')?;
        loop {
            // The run of plain bytes up to the next quote, backslash or control character (all
            // ASCII, so the run ends on a character boundary).
            let start = self.at;
            let run = self.bytes().get(start..).unwrap_or_default();
            let len = run.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20).ok_or(Refused)?;
            out.push_str(self.text.get(start..start + len).ok_or(Refused)?);
            self.at = start + len;
            match self.bump() {
                Some(b'"') => return Ok(()),
                Some(b'\\') => self.escape(out)?,
                _ => return Err(Refused),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Read<()> {
        let c = match self.bump().ok_or(Refused)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    // A high surrogate must be followed by an escaped low one.
                    if !(self.eat(b'\\') && self.eat(b'u')) {
                        return Err(Refused);
                    }
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(Refused);
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else {
                    hi
                };
                char::from_u32(code).ok_or(Refused)?
            }
            _ => return Err(Refused),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Read<u32> {
        let mut n = 0;
        for _ in 0..4 {
            let d = char::from(self.bump().ok_or(Refused)?).to_digit(16).ok_or(Refused)?;
            n = n * 16 + d;
        }
        Ok(n)
    }

    /// A JSON number's text, as written (a data value: kept as text, see the module docs).
    fn number(&mut self) -> Read<&'a str> {
        let end = crate::json::parse::number_end(self.bytes(), self.at).ok_or(Refused)?;
        let text = self.text.get(self.at..end).ok_or(Refused)?;
        self.at = end;
        Ok(text)
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    #[inline(always)]
    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        self.at += usize::from(hit);
        hit
    }

    fn expect(&mut self, c: u8) -> Read<()> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(Refused)
        }
    }

    fn null(&mut self) -> bool {
        let hit = self.bytes().get(self.at..).is_some_and(|rest| rest.starts_with(b"null"));
        self.at += if hit { 4 } else { 0 };
        hit
    }
}

/// What a value written by [`JsonRows::write_next`] must keep besides having no `;`: the
/// file's rules (`BaseRow`'s checks) as flags. A value that does not keep them is not written
/// there but read the general way, where the fault is named.
struct Rule;

impl Rule {
    const ANY: u8 = 0;
    /// Not empty and not only white space (`campaign`, `number`, an alternative); a value whose
    /// first character is white space goes the general way, which decides.
    const NOT_BLANK: u8 = 1;
    /// Not empty (a data key).
    const NOT_EMPTY: u8 = 2;
    const NO_COLON: u8 = 4;
    const NO_EQUALS: u8 = 8;
    /// Always stops a plain string: `"`, `\\`, `;` and the C0 controls.
    const STOP: u8 = 16;
}

/// Per byte, the [`Rule`] flags under which it ends a plain string: one table lookup per byte
/// instead of six comparisons.
static STOPS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = Rule::STOP;
        c += 1;
    }
    t[b'"' as usize] = Rule::STOP;
    t[b'\\' as usize] = Rule::STOP;
    t[b';' as usize] = Rule::STOP;
    t[b':' as usize] = Rule::NO_COLON;
    t[b'=' as usize] = Rule::NO_EQUALS;
    t
};

/// The `n`th item of `items`, added empty when the list is that short (so each item's
/// allocation is reused by the next row).
fn slot<T: Default>(items: &mut Vec<T>, n: usize) -> Read<&mut T> {
    if items.len() == n {
        items.push(T::default());
    }
    items.get_mut(n).ok_or(Refused)
}

#[cfg(test)]
mod tests {
    use crate::error::Error;
    use crate::json::{self, Map, Number, Value};
    use crate::rest::{BaseFile, BaseFileWriter, BaseRow};

    /// `rows` as `JSON.stringify` writes them (the crate's writer prints exactly that), `data`
    /// as an object or as pairs.
    fn stringify(rows: &[BaseRow], pairs: bool) -> String {
        let items: Vec<Value> = rows
            .iter()
            .map(|r| {
                let mut m = Map::new();
                m.insert("campaign", r.campaign.as_str());
                m.insert("number", r.number.as_str());
                let data: Value = if pairs {
                    r.data.iter().map(|(k, v)| Value::from(vec![k.as_str(), v.as_str()])).collect::<Vec<_>>().into()
                } else {
                    r.data.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Map>().into()
                };
                m.insert("data", data);
                m.insert("alternatives", r.alternatives.iter().map(String::as_str).collect::<Vec<_>>());
                if let Some(p) = r.priority {
                    m.insert("priority", p);
                }
                if let Some(a) = &r.agentphone {
                    m.insert("agentphone", a.as_str());
                }
                Value::Object(m)
            })
            .collect();
        Value::from(items).to_json()
    }

    fn rows() -> Vec<BaseRow> {
        (0..300u32)
            .map(|i| BaseRow {
                campaign: if i % 7 == 0 { "Campaña->".into() } else { "Ventas->".into() },
                number: format!("09{i:07}"),
                data: (0..i % 4).map(|k| (format!("k{k}"), format!("v \"{i}\" \\ é ☎ 😀 \u{1}{k}"))).collect(),
                alternatives: (0..i % 3).map(|k| format!("2{i}{k}")).collect(),
                priority: [None, Some(0), Some(i), Some(u32::MAX)][i as usize % 4],
                agentphone: [None, Some(String::new()), Some("1001".into())][i as usize % 3].clone(),
            })
            .collect()
    }

    /// The file `push_json` writes for `text`, drained into one string with the row count.
    fn via_json(texts: &[&str]) -> Option<Result<(String, usize), Error>> {
        let mut w = BaseFileWriter::new();
        for t in texts {
            if let Err(e) = w.push_json(t)? {
                return Some(Err(e));
            }
        }
        let f = w.into_file();
        Some(Ok((f.text().to_owned(), f.rows())))
    }

    #[test]
    fn reads_what_stringify_writes_into_the_same_file() {
        let rows = rows();
        let want = BaseFile::build(&rows).unwrap();
        for pairs in [false, true] {
            let text = stringify(&rows, pairs);
            assert!(text.contains(r#"\"1\" \\ é ☎ 😀 \u0001"#), "{}", text.chars().take(300).collect::<String>());
            assert_eq!(via_json(&[&text]), Some(Ok((want.text().to_owned(), 300))), "pairs {pairs}");
            // In batches, as the browser hands them over.
            let (a, b) = (stringify(&rows[..100], pairs), stringify(&rows[100..], pairs));
            assert_eq!(via_json(&[&a, "[]", &b]), Some(Ok((want.text().to_owned(), 300))));
        }
    }

    #[test]
    fn what_json_writes_differently_is_read_the_same() {
        let one = |text: &str| via_json(&[text]).map(|r| r.map(|(t, _)| t));
        let ok = |t: &str| Some(Ok(t.to_owned()));
        // Numbers in data as their text; escapes of every kind; null for optional members;
        // members in any order.
        assert_eq!(
            one(r#"[{"number":"1","data":{"a":5,"b":-1.5e+21,"c":"\u00e9\ud83d\ude00\/\b\f\t"},"campaign":"c"}]"#),
            ok("c;1;a=5:b=-1.5e+21:c=é😀/\u{8}\u{c}\t;\n")
        );
        assert_eq!(
            one(r#"[{"campaign":"c","number":"1","data":null,"alternatives":null,"priority":null,"agentphone":null}]"#),
            ok("c;1;;\n")
        );
        assert_eq!(one(r#"[{"campaign":"c","number":"1","priority":4294967295}]"#), ok("c;1;;;4294967295\n"));
        assert_eq!(one(r#"[{"campaign":"c","number":"1","data":[],"alternatives":[]}]"#), ok("c;1;;\n"));
        assert_eq!(one(r#"[{"campaign":"c","number":"1","data":{}}]"#), ok("c;1;;\n"));
        assert_eq!(one("[]"), ok(""));
    }

    #[test]
    fn refuses_anything_else_and_writes_nothing_of_it() {
        let refused = [
            "",
            " []",
            "[] ",
            "[{}]",
            "{}",
            "[null]",
            r#"[{"campaign":"c"}]"#,
            r#"[{"number":"1"}]"#,
            r#"[{"campaign":null,"number":"1"}]"#,
            r#"[{"campaign":"c","number":1}]"#,
            r#"[{"campaign":"c","number":"1","x":1}]"#,
            r#"[{"campaign":"c","number":"1","campaign":"d"}]"#,
            r#"[{"campaign":"c","number":"1","data":{"a":"1","a":"2"}}]"#,
            r#"[{"campaign":"c","number":"1","data":{"a":"x:y","b":"1","a":"2"}}]"#,
            r#"[{"campaign":"c","number":"1","priority":-1}]"#,
            r#"[{"campaign":"c","number":"1","priority":1.5}]"#,
            r#"[{"campaign":"c","number":"1","priority":1e3}]"#,
            r#"[{"campaign":"c","number":"1","priority":01}]"#,
            r#"[{"campaign":"c","number":"1","priority":4294967296}]"#,
            r#"[{"campaign":"c","number":"1","priority":"1"}]"#,
            r#"[{"campaign":"c","number":"1","data":{"a":null}}]"#,
            r#"[{"campaign":"c","number":"1","data":{"a":true}}]"#,
            r#"[{"campaign":"c","number":"1","data":{"a":[]}}]"#,
            r#"[{"campaign":"c","number":"1","data":[["a"]]}]"#,
            r#"[{"campaign":"c","number":"1","data":[["a","b","c"]]}]"#,
            r#"[{"campaign":"c","number":"1","data":[["a",1]]}]"#,
            r#"[{"campaign":"c","number":"1","data":"a=b"}]"#,
            r#"[{"campaign":"c","number":"1","alternatives":[null]}]"#,
            r#"[{"campaign":"c","number":"1","alternatives":"2"}]"#,
            r#"[{"campaign":"c","number":"1","agentphone":1001}]"#,
            r#"[{"campaign":"c","number":"1"},]"#,
            r#"[{"campaign":"c","number":"1"}"#,
            r#"[{"campaign":"c","number":"1"}]]"#,
            r#"[{"campaign":"c", "number":"1"}]"#,
            r#"[{"campaign":"\ud800","number":"1"}]"#,
            r#"[{"campaign":"\udc00","number":"1"}]"#,
            r#"[{"campaign":"\ud800\u0041","number":"1"}]"#,
            r#"[{"campaign":"\x","number":"1"}]"#,
            r#"[{"campaign":"\u12","number":"1"}]"#,
            "[{\"campaign\":\"a\nb\",\"number\":\"1\"}]",
            r#"[{"camp\u0061ign":"c","number":"1"}]"#,
        ];
        for text in refused {
            assert_eq!(via_json(&[text]), None, "{text}");
            // Nothing of a refused batch stays in the file: the rows around it are intact.
            let good = r#"[{"campaign":"c","number":"1"}]"#;
            let mut w = BaseFileWriter::new();
            assert_eq!(w.push_json(good), Some(Ok(())));
            assert_eq!(
                w.push_json(&format!("[{{\"campaign\":\"c\",\"number\":\"2\"}},{}", &text.get(1..).unwrap_or(""))),
                None,
                "{text}"
            );
            assert_eq!(w.push_json(good), Some(Ok(())));
            let f = w.into_file();
            assert_eq!((f.text(), f.rows()), ("c;1;;\nc;1;;\n", 2), "{text}");
        }
    }

    #[test]
    fn a_row_read_but_breaking_the_format_is_named_by_its_place_in_the_file() {
        let mut w = BaseFileWriter::new();
        assert_eq!(w.push(&BaseRow::new("c", "1")), Ok(()));
        let err = w.push_json(r#"[{"campaign":"c","number":"2"},{"campaign":"c","number":"3:4"}]"#);
        assert_eq!(
            err,
            Some(Err(Error::InvalidArgument { field: "number", reason: "row 3: `number` contains `:`".into() }))
        );
    }

    #[test]
    fn reused_rows_forget_the_previous_rows_members() {
        // A long row, then short ones: no list, pair or agent phone of the first leaks on.
        let text = r#"[{"campaign":"c","number":"1","data":{"a":"1","b":"2"},"alternatives":["2","3"],"priority":4,"agentphone":"9"},{"campaign":"c","number":"2","data":[["x","y"]],"alternatives":["5"]},{"campaign":"c","number":"3"}]"#;
        assert_eq!(via_json(&[text]), Some(Ok(("c;1;a=1:b=2;2:3;4;9\nc;2;x=y;5\nc;3;;\n".to_owned(), 3))));
    }

    #[test]
    fn common_rows_are_written_as_read_and_the_rest_left_for_the_general_way() {
        use super::JsonRows;
        let first = |row: &str| {
            let text = format!("[{row}]");
            let mut list = JsonRows::new(&text).ok().unwrap();
            let mut out = String::from("x");
            let written = list.write_next(&mut out);
            // Not written: nothing was, and the general way reads the row from its start, as a
            // fresh reader does.
            if !written {
                assert_eq!(out, "x", "{row}");
                let (mut after, mut fresh) = (BaseRow::default(), BaseRow::default());
                let a = list.next_into(&mut after).is_ok();
                let b = JsonRows::new(&text).ok().unwrap().next_into(&mut fresh).is_ok();
                assert_eq!((a, after), (b, fresh), "{row}");
            }
            written.then(|| out[1..].to_owned())
        };
        let written = [
            (r#"{"campaign":"c","number":"1"}"#, "c;1;;\n"),
            (
                r#"{"campaign":"Campaña->","number":"1","data":{"a":"x","b":2.5},"alternatives":["2","3"],"priority":7,"agentphone":"1001"}"#,
                "Campaña->;1;a=x:b=2.5;2:3;7;1001\n",
            ),
            (r#"{"campaign":"c","number":"1","data":[["a","=x="]],"agentphone":"10:01"}"#, "c;1;a==x=;;;10:01\n"),
            (r#"{"campaign":"c:d","number":"1","alternatives":[],"priority":0}"#, "c:d;1;;;0\n"),
            (
                r#"{"campaign":"c","number":"1","data":null,"alternatives":null,"priority":null,"agentphone":null}"#,
                "c;1;;\n",
            ),
            (r#"{"campaign":"c","number":"1","priority":5,"agentphone":""}"#, "c;1;;;5\n"),
            (r#"{"campaign":"c","number":"1","data":{},"agentphone":""}"#, "c;1;;\n"),
            (r#"{"campaign":"c","number":"1","data":{"k":""}}"#, "c;1;k=;\n"),
            (r#"{"campaign":"c","number":"1","data":[["k","1"],["k","2"]]}"#, "c;1;k=1:k=2;\n"),
        ];
        for (row, line) in written {
            assert_eq!(first(row).as_deref(), Some(line), "{row}");
        }
        let general = [
            r#"{"number":"1","campaign":"c"}"#,
            r#"{"campaign":"c","number":"1","alternatives":[],"data":{}}"#,
            r#"{"campaign":"c","number":"1","priority":1,"priority":2}"#,
            r#"{"campaign":"c","number":"1","x":1}"#,
            r#"{"campaign":"c\"","number":"1"}"#,
            r#"{"campaign":"c;","number":"1"}"#,
            r#"{"campaign":" c","number":"1"}"#,
            r#"{"campaign":"","number":"1"}"#,
            r#"{"campaign":"c","number":"1:2"}"#,
            r#"{"campaign":"c","number":"1","data":{"":"v"}}"#,
            r#"{"campaign":"c","number":"1","data":{"a=b":"v"}}"#,
            r#"{"campaign":"c","number":"1","data":{"k":"a:b"}}"#,
            r#"{"campaign":"c","number":"1","data":[["k",1]]}"#,
            r#"{"campaign":"c","number":"1","alternatives":[" "]}"#,
            r#"{"campaign":"c","number":"1","agentphone":"a;b"}"#,
            r#"{"campaign":"c","number":"1","priority":1.5}"#,
            r#"{"campaign":"c","number":"1","data":{"a":"1","b":"2","a":"3"}}"#,
            r#"{"campaign":"c","number":"1","data":{"k1":"","k2":"","k3":"","k4":"","k5":"","k6":"","k7":"","k8":"","k9":""}}"#,
        ];
        for row in general {
            assert_eq!(first(row), None, "{row}");
        }
    }

    #[test]
    fn numbers_are_kept_as_written() {
        // JavaScript's `String(n)` is what `JSON.stringify` writes for a finite number.
        for n in ["0", "-0.5", "1e+21", "123456789012345680000", "5e-7"] {
            assert!(Number::parse(n).is_some());
            let text = format!(r#"[{{"campaign":"c","number":"1","data":{{"n":{n}}}}}]"#);
            assert_eq!(via_json(&[&text]), Some(Ok((format!("c;1;n={n};\n"), 1))));
        }
        assert!(json::parse("[1]").is_ok());
    }
}
