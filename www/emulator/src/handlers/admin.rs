//! `admin/addblack`: blacklists a number for one campaign or, with campaign `*`, for all.
//!
//! `black` must be a JSON object with exactly the documented string keys `phone` (a phone
//! number), `campaign` (a campaign or `*`), `username` (non-empty), `company`, `job_title`,
//! `name` (may be empty). Answers `1`, also when the number was already listed there.

use crate::form::Form;
use crate::handlers::checks;
use crate::jsonfield::{self, Kind};
use crate::pipeline::{Ctx, Outcome, Reply};
use crate::records::BlacklistEntry;

const BLACK: &[(&str, Kind)] = &[
    ("phone", Kind::NonEmpty),
    ("campaign", Kind::NonEmpty),
    ("username", Kind::NonEmpty),
    ("company", Kind::Text),
    ("job_title", Kind::Text),
    ("name", Kind::Text),
];

pub(crate) fn add_black(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let black = jsonfield::parse("black", form.required("black")?, BLACK)?;
    let entry = BlacklistEntry {
        phone: black.text("phone"),
        campaign: black.text("campaign"),
        username: black.text("username"),
        company: black.text("company"),
        job_title: black.text("job_title"),
        name: black.text("name"),
    };
    checks::phone("black.phone", &entry.phone)?;
    if entry.campaign != "*" {
        checks::campaign(ctx.st, "black.campaign", &entry.campaign)?;
    }
    let listed = ctx.st.blacklist.iter().any(|b| b.phone == entry.phone && b.campaign == entry.campaign);
    if !listed {
        ctx.st.blacklist.push(entry);
    }
    Ok(Reply::Text("1".to_owned()))
}
