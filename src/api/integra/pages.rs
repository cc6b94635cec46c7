//! `records()`: the pages of a CDR search, as an async iterator.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::answers::IntoJs;
use crate::error::Error;
use crate::rest::{CdrFilter, CdrPager};
use crate::shapes;
use crate::web::convert::{self, CallOptions, Obj};
use crate::web::session::Client;
use crate::web::task::promise;

/// Default page size of `records()`.
const DEFAULT_PAGE_SIZE: u32 = 100;

/// The pages of a `records()` search; an async iterator of arrays of records.
#[wasm_bindgen]
pub struct CdrPages {
    client: Client,
    pager: Rc<RefCell<CdrPager>>,
    busy: Rc<Cell<bool>>,
    options: CallOptions,
}

impl CdrPages {
    /// Checks the filter and options at once (a bad one throws before any request).
    pub(crate) fn create(client: Client, filter: &JsValue, options: &JsValue) -> Result<CdrPages, Error> {
        let filter = CdrFilter::from_value(&convert::from_js("filter", filter)?)?;
        let o = Obj::read("options", options, shapes::RECORDS_OPTIONS.keys, true)?;
        let page_size = match o.opt_u32(shapes::records_options::pageSize)? {
            None => DEFAULT_PAGE_SIZE,
            Some(n) if n >= 1 => n,
            Some(_) => return Err(Error::invalid("pageSize", "must be a whole number ≥ 1")),
        };
        let pager = CdrPager::new(filter, page_size)?;
        Ok(CdrPages {
            client,
            pager: Rc::new(RefCell::new(pager)),
            busy: Rc::new(Cell::new(false)),
            options: CallOptions::from_obj(&o)?,
        })
    }
}

#[wasm_bindgen]
impl CdrPages {
    /// The iterator protocol: resolves with `{ done: false, value: records[] }` per page, then
    /// `{ done: true }` after the first short page.
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<CdrRecord[], undefined>>")]
    pub fn next(&self) -> Promise {
        let (client, pager, busy, o) =
            (self.client.clone(), self.pager.clone(), self.busy.clone(), self.options.clone());
        promise(async move {
            if busy.replace(true) {
                return Err(Error::invalid("next", "the previous page is still loading").into());
            }
            let request = pager.borrow().next_request();
            let result = match request {
                None => Ok(None),
                Some(ep) => client.run(&ep, &o).await.map(Some).map_err(|f| f.error),
            };
            busy.set(false);
            let page = result?;
            if let Some(p) = &page {
                pager.borrow_mut().accept(p);
            }
            let step = js_sys::Object::new();
            convert::set(&step, "done", &JsValue::from_bool(page.is_none()));
            convert::set(&step, "value", &page.map_or(JsValue::UNDEFINED, IntoJs::into_js));
            Ok(step.into())
        })
    }

    /// Records received so far.
    #[wasm_bindgen(getter)]
    pub fn lastrow(&self) -> f64 {
        self.pager.borrow().lastrow() as f64
    }

    /// Whether the last page was received.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.pager.borrow().is_done()
    }
}

/// Makes a `CdrPages` usable with `for await`: its `Symbol.asyncIterator` returns itself.
/// `Object.prototype.valueOf` is exactly "return this", so no code is generated at run time.
pub(crate) fn make_async_iterable(pages: CdrPages) -> JsValue {
    let value: JsValue = pages.into();
    let value_of = convert::get(&js_sys::Object::new(), "valueOf").unwrap_or(JsValue::UNDEFINED);
    let _ = js_sys::Reflect::set(&value, &js_sys::Symbol::async_iterator(), &value_of);
    value
}
