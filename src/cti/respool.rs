//! The Respool object: the dialer row sent back to uContact (REST `Dialers/Respool` as
//! `callspool`, proxy action `respool` as `objetoRespool`) with only the edits uContact documents.
//!
//! Documented edits, and how each is enforced here:
//!
//! 1. **Swap the main number with an alternative** ([`Respool::promote`]): the promoted number
//!    becomes `destination`, the old main number takes the promoted one's place in
//!    `alternatives` (the order of the others is kept), and `retries` becomes 0, since dialling
//!    starts afresh on a new number. Promoting a number that is not an alternative is an error.
//! 2. **Reorder the alternatives** ([`Respool::reorder_alternatives`]): only a permutation is
//!    accepted. Adding or removing numbers is not among the documented edits, so it is not
//!    offered: every number of the row is still there after any sequence of edits.
//! 3. **Retries** ([`Respool::set_retries`]) and **priority** ([`Respool::set_priority`], which
//!    must be greater than 1, since 1 is reserved for scheduled calls).
//! 4. **Workflow data** ([`Respool::set_data`], [`Respool::remove_data`]) through the
//!    `k=v:k=v` codec, which rejects what it cannot represent.
//! 5. **Agent phone** ([`Respool::set_agentphone`]) for progressive dialers: a phone number, or
//!    empty for none.
//!
//! `campaign`, `status`, `contact` and `dialerbase` must not change ("puede ocasionar errores en
//! el marcador"): they are private, have getters and no setter, and keep the exact JSON value
//! received (`222` stays a number, `"222"` stays a string). The priority of the received row is
//! carried as is, even if it is 1; only new values are checked.
//!
//! The JSON form has exactly the documented keys, in the documented order: `campaign,
//! destination, dialerbase, status, data, alternatives, contact, retries, priority, agentphone`.

use crate::json::{Map, Value};
use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use super::dialer::Dialer;
use super::record::Cti;
use super::schedule::Schedule;
use crate::error::{Error, Result};
use crate::validate;

/// Which alternative to promote: its position in [`Dialer::alternatives`] or its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alternative<'a> {
    /// Zero-based position among the alternatives.
    Index(usize),
    /// The number itself (compared exactly, surrounding whitespace ignored).
    Number(&'a str),
}

impl From<usize> for Alternative<'_> {
    fn from(index: usize) -> Self {
        Alternative::Index(index)
    }
}

impl<'a> From<&'a str> for Alternative<'a> {
    fn from(number: &'a str) -> Self {
        Alternative::Number(number)
    }
}

impl<'a> From<&'a String> for Alternative<'a> {
    fn from(number: &'a String) -> Self {
        Alternative::Number(number)
    }
}

/// A dialer row being prepared for respooling.
///
/// It holds the row as a [`Dialer`] and dereferences to it, so every getter of the row
/// (`campaign()`, `destination()`, `status()`, …) is the row's own; the setters below are the
/// only way to change it.
#[derive(Clone, Debug, PartialEq)]
pub struct Respool {
    row: Dialer,
}

impl core::ops::Deref for Respool {
    type Target = Dialer;

    fn deref(&self) -> &Dialer {
        &self.row
    }
}

impl Respool {
    /// The Respool of a CTI record's dialer row; [`Error::NotDialer`] when it has none.
    pub fn from_cti(cti: &Cti) -> Result<Self> {
        cti.dialer().map(Self::from_dialer).ok_or(Error::NotDialer)
    }

    /// Reads a Respool object back (the documented JSON: a `toJSON()` copy, a stored one, one
    /// built by hand). Read like a flat dialer row, with the same checks; a wrong shape is
    /// [`Error::InvalidArgument`] naming `respool`.
    pub fn from_value(value: &Value) -> Result<Self> {
        let Value::Object(row) = value else {
            return Err(Error::invalid("respool", "is not an object"));
        };
        Self::from_map(row)
    }

    /// [`Respool::from_value`] of an object already read.
    pub fn from_map(row: &Map) -> Result<Self> {
        let dialer = Dialer::from_flat_row(row).map_err(|e| match e {
            Error::BadJson { reason } => Error::invalid("respool", reason),
            other => other,
        })?;
        Ok(Self::from_dialer(&dialer))
    }

    /// The Respool of a dialer row, unchanged (keys it does not document are left out).
    pub fn from_dialer(dialer: &Dialer) -> Self {
        Self { row: Dialer { extra: Map::new(), ..dialer.clone() } }
    }

    /// Promotes an alternative to main number (see rule 1 of the module docs).
    pub fn promote<'a>(&mut self, which: impl Into<Alternative<'a>>) -> Result<()> {
        let index = match which.into() {
            Alternative::Index(i) if i < self.row.alternatives.len() => i,
            Alternative::Index(_) => {
                return Err(Error::invalid("alternative", "there is no alternative at that position"))
            }
            Alternative::Number(n) => {
                let n = n.trim();
                self.row
                    .alternatives
                    .iter()
                    .position(|a| a == n)
                    .ok_or_else(|| Error::invalid("alternative", "that number is not one of the alternatives"))?
            }
        };
        if let Some(slot) = self.row.alternatives.get_mut(index) {
            core::mem::swap(slot, &mut self.row.destination);
            self.row.retries = 0;
        }
        Ok(())
    }

    /// Puts the alternatives in a new order; `order` must hold exactly the current alternatives
    /// (same numbers, same count of each).
    pub fn reorder_alternatives<S: AsRef<str>>(&mut self, order: &[S]) -> Result<()> {
        // A permutation: every wanted number matched to one current number, each used once
        // (lists are a handful of numbers, so pairing them off beats sorting).
        let mut left: Vec<&str> = self.row.alternatives.iter().map(String::as_str).collect();
        let matched = order.len() == left.len()
            && order.iter().all(|w| match left.iter().position(|c| *c == w.as_ref().trim()) {
                Some(i) => {
                    left.swap_remove(i);
                    true
                }
                None => false,
            });
        if !matched {
            return Err(Error::invalid(
                "alternatives",
                "must list exactly the current alternatives in a new order (adding or removing numbers is not a documented Respool edit)",
            ));
        }
        self.row.alternatives = order.iter().map(|s| s.as_ref().trim().to_owned()).collect();
        Ok(())
    }

    /// Sets how many times the main number counts as tried.
    pub fn set_retries(&mut self, retries: u32) {
        self.row.retries = retries;
    }

    /// Sets the priority; it must be greater than 1.
    pub fn set_priority(&mut self, priority: u32) -> Result<()> {
        if priority <= 1 {
            return Err(Error::invalid(
                "priority",
                "must be greater than 1: uContact reserves priority 1 for scheduled calls",
            ));
        }
        self.row.priority = priority;
        Ok(())
    }

    /// Adds or changes a workflow parameter (see [`DataParams::set`](super::DataParams::set)).
    pub fn set_data(&mut self, key: &str, value: &str) -> Result<()> {
        self.row.data.set(key, value)
    }

    /// Removes a workflow parameter; returns whether it existed.
    pub fn remove_data(&mut self, key: &str) -> bool {
        self.row.data.remove(key)
    }

    /// Assigns the call to an agent's phone (progressive dialers), or clears it with `""`.
    pub fn set_agentphone(&mut self, phone: &str) -> Result<()> {
        let phone = phone.trim();
        if !phone.is_empty() {
            validate::phone("agentphone", phone)?;
        }
        self.row.agentphone = phone.to_owned();
        Ok(())
    }

    /// A ScheduleDialerCall for this row at `call_date` (`YYYY-MM-DD HH:MM:SS`).
    pub fn schedule(&self, call_date: &str) -> Result<Schedule> {
        Schedule::new(self.clone(), call_date)
    }

    /// The alternatives as uContact writes them, `:`-separated.
    pub fn alternatives_text(&self) -> String {
        crate::text::join(self.row.alternatives.iter().map(String::as_str), ":")
    }

    /// The documented Respool object.
    pub fn to_value(&self) -> Value {
        let r = &self.row;
        let mut m = Map::with_capacity(10);
        m.push_new("campaign", r.campaign.as_str());
        m.push_new("destination", r.destination.as_str());
        m.push_new("dialerbase", r.dialerbase.clone());
        m.push_new("status", r.status.clone());
        m.push_new("data", r.data.encode());
        m.push_new("alternatives", self.alternatives_text());
        m.push_new("contact", r.contact.clone());
        m.push_new("retries", r.retries);
        m.push_new("priority", r.priority);
        m.push_new("agentphone", r.agentphone.as_str());
        Value::Object(m)
    }

    /// The documented Respool object as JSON text (the `callspool` form field).
    pub fn to_json(&self) -> String {
        self.to_value().to_json()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cti::dialer::DIALER_KEYS;
    use crate::json::testing::json;
    use proptest::prelude::*;

    const RECORD: &str = r#"{"Guid":"g","Campaign":"Ventas->","destination":"098344484","dialerbase":"basetest","status":1,"data":"Par1=Val1:Par2=Val2","alternatives":"098124484:099111111:097000000","contact":222,"retries":4,"priority":9999,"agentphone":"1001"}"#;

    fn respool() -> Respool {
        Respool::from_cti(&Cti::from_json_str(RECORD).unwrap()).unwrap()
    }

    #[test]
    fn documented_json_in_documented_order() {
        let r = respool();
        assert_eq!(
            r.to_json(),
            r#"{"campaign":"Ventas->","destination":"098344484","dialerbase":"basetest","status":1,"data":"Par1=Val1:Par2=Val2","alternatives":"098124484:099111111:097000000","contact":222,"retries":4,"priority":9999,"agentphone":"1001"}"#
        );
        let keys: Vec<String> = r.to_value().as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, DIALER_KEYS);
        let action = crate::wire::Action::respool(r.to_value()).unwrap();
        assert_eq!(action.to_json(), format!(r#"{{"action":"respool","objetoRespool":{}}}"#, r.to_json()));
    }

    #[test]
    fn read_only_values_keep_their_json_type() {
        let text = RECORD.replace(r#""contact":222"#, r#""contact":"222""#).replace(r#""status":1"#, r#""status":"1""#);
        let r = Respool::from_cti(&Cti::from_json_str(&text).unwrap()).unwrap();
        assert!(r.to_json().contains(r#""status":"1","#) && r.to_json().contains(r#""contact":"222","#));
        assert_eq!(respool().contact(), &json!(222));
    }

    #[test]
    fn no_dialer_row() {
        let cti = Cti::from_json_str(r#"{"Guid":"g","Campaign":"Ventas<-"}"#).unwrap();
        assert_eq!(Respool::from_cti(&cti), Err(Error::NotDialer));
    }

    #[test]
    fn promote_swaps_in_place_and_resets_retries() {
        let mut r = respool();
        r.promote(1).unwrap();
        assert_eq!(r.destination(), "099111111");
        assert_eq!(r.alternatives(), ["098124484", "098344484", "097000000"]);
        assert_eq!(r.retries(), 0);
        r.set_retries(2);
        r.promote(" 097000000 ").unwrap();
        assert_eq!(r.destination(), "097000000");
        assert_eq!(r.alternatives(), ["098124484", "098344484", "099111111"]);
        assert_eq!(r.retries(), 0);
        let before = r.clone();
        for bad in [r.promote(3), r.promote("123"), r.promote("097000000")] {
            assert_eq!(bad.unwrap_err().code(), "INVALID_ARGUMENT");
        }
        assert_eq!(r, before, "failed edits change nothing");
    }

    #[test]
    fn reorder_is_a_permutation_only() {
        let mut r = respool();
        r.reorder_alternatives(&["097000000", "098124484", "099111111"]).unwrap();
        assert_eq!(r.alternatives_text(), "097000000:098124484:099111111");
        let before = r.clone();
        for bad in [
            vec!["097000000", "098124484"],
            vec!["097000000", "098124484", "099111111", "1234"],
            vec!["097000000", "098124484", "098124484"],
            vec!["097000000", "098124484", "098344484"],
        ] {
            assert_eq!(r.reorder_alternatives(&bad).unwrap_err().code(), "INVALID_ARGUMENT", "{bad:?}");
        }
        assert_eq!(r, before);
    }

    #[test]
    fn other_edits() {
        let mut r = respool();
        let e = r.set_priority(1).unwrap_err();
        assert!(e.to_string().contains("scheduled"), "{e}");
        assert!(r.set_priority(0).is_err());
        r.set_priority(2).unwrap();
        assert_eq!(r.priority(), 2);
        r.set_data("Par2", "new").unwrap();
        r.set_data("Par3", "x=y").unwrap();
        assert!(r.remove_data("Par1"));
        assert_eq!(r.data().encode(), "Par2=new:Par3=x=y");
        assert!(r.set_data("a:b", "v").is_err() && r.set_data("k", "v\n").is_err());
        r.set_agentphone(" 1002 ").unwrap();
        assert_eq!(r.agentphone(), "1002");
        assert!(r.set_agentphone("agent7").is_err());
        r.set_agentphone("").unwrap();
        assert_eq!(r.agentphone(), "");
    }

    #[derive(Clone, Debug)]
    enum Edit {
        PromoteIndex(usize),
        PromoteNumber(String),
        Reorder(Vec<usize>),
        Retries(u32),
        Priority(u32),
        SetData(String, String),
        RemoveData(String),
        AgentPhone(String),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (0usize..6).prop_map(Edit::PromoteIndex),
            "[0-9]{1,9}".prop_map(Edit::PromoteNumber),
            proptest::collection::vec(0usize..6, 0..6).prop_map(Edit::Reorder),
            any::<u32>().prop_map(Edit::Retries),
            any::<u32>().prop_map(Edit::Priority),
            (".{0,6}", ".{0,6}").prop_map(|(k, v)| Edit::SetData(k, v)),
            ".{0,6}".prop_map(Edit::RemoveData),
            "[0-9a-z ]{0,6}".prop_map(Edit::AgentPhone),
        ]
    }

    fn read_only_bytes(r: &Respool) -> [String; 4] {
        [json!(r.campaign()).to_json(), r.status().to_json(), r.contact().to_json(), r.dialerbase().to_json()]
    }

    fn numbers(r: &Respool) -> Vec<String> {
        let mut all: Vec<String> = r.alternatives().to_vec();
        all.push(r.destination().to_owned());
        all.sort();
        all
    }

    proptest! {
        #[test]
        fn edits_never_touch_read_only_values_or_lose_numbers(
            alts in proptest::collection::vec("[0-9]{1,3}", 0..5),
            contact in prop_oneof![any::<u32>().prop_map(|n| json!(n)), "[0-9]{1,4}".prop_map(|s| json!(s))],
            edits in proptest::collection::vec(edit(), 0..24),
        ) {
            let record = json!({
                "Guid": "g", "Campaign": "Camp->", "destination": "5", "dialerbase": "base", "status": 1,
                "contact": contact, "priority": 10, "alternatives": alts.join(":"),
            });
            let mut r = Respool::from_cti(&Cti::from_value(record).unwrap()).unwrap();
            let (fixed, nums) = (read_only_bytes(&r), numbers(&r));
            for e in edits {
                let alts = r.alternatives().to_vec();
                let _ = match e {
                    Edit::PromoteIndex(i) => r.promote(i),
                    Edit::PromoteNumber(n) => r.promote(n.as_str()),
                    Edit::Reorder(idx) => {
                        let order: Vec<String> = idx.iter().filter_map(|i| alts.get(*i).cloned()).collect();
                        r.reorder_alternatives(&order)
                    }
                    Edit::Retries(n) => { r.set_retries(n); Ok(()) }
                    Edit::Priority(p) => r.set_priority(p),
                    Edit::SetData(k, v) => r.set_data(&k, &v),
                    Edit::RemoveData(k) => { r.remove_data(&k); Ok(()) }
                    Edit::AgentPhone(p) => r.set_agentphone(&p),
                };
                prop_assert_eq!(&read_only_bytes(&r), &fixed);
                prop_assert_eq!(&numbers(&r), &nums);
                let v = r.to_value();
                prop_assert_eq!(v.get("campaign"), Some(&json!("Camp->")));
                prop_assert_eq!(v.get("dialerbase"), Some(&json!("base")));
                prop_assert_eq!(v.get("status"), Some(&json!(1)));
                prop_assert_eq!(v.get("contact"), Some(r.contact()));
                // What goes out can be read back as the same row.
                let back = Cti::from_value(json!({"Guid": "g", "dialer": v})).unwrap();
                prop_assert_eq!(Respool::from_cti(&back).unwrap(), r.clone());
            }
        }
    }
}
