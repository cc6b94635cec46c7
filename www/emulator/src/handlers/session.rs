//! `auth/getUserToken` and `auth/EndSession`.

use serde_json::Value;

use crate::form::Form;
use crate::pipeline::{Ctx, Outcome, Reply};

/// Success: the new token as a JSON string literal (`"ZGF…"`, quotes included). Bad
/// credentials, like missing fields: HTTP 200 with `0`.
pub(crate) fn get_user_token(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let user = form.required("user")?;
    let password = form.required("password")?;
    let known = ctx.st.config.users.iter().any(|u| u.login == user && u.password == password);
    if !known {
        return Err("unknown user or wrong password".to_owned());
    }
    Ok(Reply::Json(Value::String(ctx.st.sessions.mint(user))))
}

/// Ends the session of `token` (the full base64 value) if it is valid and `user`'s: `1`.
pub(crate) fn end_session(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let user = form.required("user")?;
    let token = form.required("token")?;
    let ttl = ctx.st.config.token_ttl;
    if ctx.st.sessions.end(user, token, ttl) {
        Ok(Reply::Text("1".to_owned()))
    } else {
        Err("`token` is not a valid session of `user`".to_owned())
    }
}
