//! `Dialers/uploadbase` and `Dialers/uploadbasewithtimezone`: a contact list for a dialer.
//!
//! `fileb64` is standard base64 (with padding) of UTF-8 text, one contact per line, each line
//! ended by `\n` (the last one too; no `\r`, no empty lines):
//! `campaign;number;k=v:k=v;alt1:alt2[;priority[;agentphone]]`. The line's campaign must be
//! the form's `campaign`, the number a phone number, the data `k=v` pairs or empty, the
//! alternatives numbers or empty, the priority (when present) an integer and the agent phone
//! (when present) an extension. `cant` must equal the number of lines; `username` must be a
//! login of the instance; `filename` any non-empty name. A `+` of the base64 text sent
//! without percent-encoding arrives as a space and makes the upload fail, as on the service.
//!
//! `timezone` (only on `uploadbasewithtimezone`): the service's list of enabled zones is not
//! public; the emulator takes `UTC`, `GMT`, or an IANA-style `Area/Location[/…]` name whose
//! area is one of Africa, America, Antarctica, Asia, Atlantic, Australia, Europe, Indian,
//! Pacific, Etc.

use base64::Engine;

use crate::form::Form;
use crate::handlers::checks;
use crate::pipeline::{Ctx, Outcome, Reply};
use crate::records::{BaseRow, BaseUpload};

pub(crate) const FIELDS: &[&str] = &["filename", "fileb64", "campaign", "cant", "username"];
pub(crate) const FIELDS_WITH_TIMEZONE: &[&str] = &["filename", "fileb64", "campaign", "cant", "username", "timezone"];

const AREAS: &[&str] =
    &["Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific", "Etc"];

fn valid_timezone(tz: &str) -> bool {
    if tz == "UTC" || tz == "GMT" {
        return true;
    }
    let mut parts = tz.split('/');
    let area_ok = parts.next().is_some_and(|a| AREAS.contains(&a));
    let rest: Vec<&str> = parts.collect();
    area_ok
        && !rest.is_empty()
        && rest
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+')))
}

fn parse_line(number: usize, line: &str, campaign: &str) -> Result<BaseRow, String> {
    let at = |msg: String| format!("base line {number}: {msg}");
    if line.is_empty() {
        return Err(at("empty line".to_owned()));
    }
    let fields: Vec<&str> = line.split(';').collect();
    if !(4..=6).contains(&fields.len()) {
        return Err(at(format!("{} `;`-separated fields, expected 4 to 6", fields.len())));
    }
    if fields[0] != campaign {
        return Err(at(format!("campaign `{}` differs from the form's `{campaign}`", fields[0])));
    }
    checks::phone("number", fields[1]).map_err(at)?;
    checks::kv_data("data", fields[2]).map_err(at)?;
    checks::phone_list("alternatives", fields[3]).map_err(at)?;
    let priority = match fields.get(4) {
        None => None,
        Some(p) => {
            let ok = !p.is_empty() && p.len() <= 9 && p.bytes().all(|b| b.is_ascii_digit());
            Some(p.parse::<i64>().ok().filter(|_| ok).ok_or_else(|| at(format!("priority `{p}` is not an integer")))?)
        }
    };
    let agentphone = match fields.get(5) {
        None => None,
        Some(a) if !a.is_empty() && a.bytes().all(|b| b.is_ascii_digit()) => Some((*a).to_owned()),
        Some(a) => return Err(at(format!("agent phone `{a}` is not an extension"))),
    };
    Ok(BaseRow {
        campaign: fields[0].to_owned(),
        number: fields[1].to_owned(),
        data: fields[2].to_owned(),
        alternatives: fields[3].to_owned(),
        priority,
        agentphone,
    })
}

fn upload(ctx: &mut Ctx<'_>, form: &Form, with_timezone: bool) -> Outcome {
    let filename = form.required("filename")?;
    let fileb64 = form.required("fileb64")?;
    let campaign = form.required("campaign")?;
    let cant = form.number("cant")?;
    let username = form.required("username")?;
    let timezone = if with_timezone { Some(form.required("timezone")?) } else { None };
    checks::campaign(ctx.st, "campaign", campaign)?;
    if !ctx.st.config.users.iter().any(|u| u.login == username) {
        return Err(format!("`username` is not a login of this instance: `{username}`"));
    }
    if let Some(tz) = timezone {
        if !valid_timezone(tz) {
            return Err(format!("`timezone` is not an accepted zone name: `{tz}`"));
        }
    }
    let bytes = base64::engine::general_purpose::STANDARD.decode(fileb64).map_err(|e| {
        let hint = if fileb64.contains(' ') { " (it holds a space: was a `+` sent unencoded?)" } else { "" };
        format!("`fileb64` is not standard padded base64: {e}{hint}")
    })?;
    let text = String::from_utf8(bytes).map_err(|_| "the decoded base is not UTF-8 text".to_owned())?;
    if text.contains('\r') {
        return Err("the base holds `\\r`: lines must end with `\\n` only".to_owned());
    }
    let Some(body) = text.strip_suffix('\n') else {
        return Err("the base is empty or its last line does not end with `\\n`".to_owned());
    };
    let rows = body
        .split('\n')
        .enumerate()
        .map(|(i, line)| parse_line(i + 1, line, campaign))
        .collect::<Result<Vec<_>, _>>()?;
    if rows.len() as u64 != cant {
        return Err(format!("`cant` is {cant} but the base has {} lines", rows.len()));
    }
    ctx.st.bases.push(BaseUpload {
        filename: filename.to_owned(),
        campaign: campaign.to_owned(),
        username: username.to_owned(),
        timezone: timezone.map(str::to_owned),
        rows,
    });
    Ok(Reply::Text("1".to_owned()))
}

pub(crate) fn upload_base(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    upload(ctx, form, false)
}

pub(crate) fn upload_base_with_timezone(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    upload(ctx, form, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_zones() {
        let row =
            parse_line(1, "prueba1;098344484;var1=val1:var2=val2;099124484:099111111;9999;1001", "prueba1").unwrap();
        assert_eq!((row.priority, row.agentphone.as_deref()), (Some(9999), Some("1001")));
        assert!(parse_line(1, "prueba1;098344484;;", "prueba1").is_ok());
        for bad in [
            "prueba1;098344484;;;",
            "prueba1;098344484",
            "otra;098344484;;",
            "prueba1;098344484;;;x",
            "prueba1;098344484;;;1;ab",
            "prueba1;0983 44484;;",
        ] {
            assert!(parse_line(1, bad, "prueba1").is_err(), "{bad}");
        }
        for ok in ["UTC", "America/Montevideo", "America/Argentina/Buenos_Aires", "Etc/GMT+3"] {
            assert!(valid_timezone(ok), "{ok}");
        }
        for bad in ["", "Mars/Olympus", "America/", "America Montevideo", "-03:00"] {
            assert!(!valid_timezone(bad), "{bad}");
        }
    }
}
