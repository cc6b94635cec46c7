//! Running Rust futures in the browser, through one instantiation of the executor.
//!
//! `future_to_promise` and `spawn_local` are generic over the future: called with ten async
//! blocks they are compiled ten times (about 3 KB of wasm each). Boxing first makes every
//! caller share one copy; the box is one allocation per call, nothing next to a fetch.

use core::future::Future;
use core::pin::Pin;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

type Boxed<T> = Pin<Box<dyn Future<Output = T>>>;

/// A promise settled by `work`.
pub fn promise(work: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let boxed: Boxed<Result<JsValue, JsValue>> = Box::pin(work);
    wasm_bindgen_futures::future_to_promise(boxed)
}

/// Runs `work` to completion in the background.
pub fn spawn(work: impl Future<Output = ()> + 'static) {
    let boxed: Boxed<()> = Box::pin(work);
    wasm_bindgen_futures::spawn_local(boxed);
}

std::thread_local! {
    /// A rejection handler that does nothing, shared by every caller of [`handled`].
    static QUIET: Closure<dyn FnMut(JsValue)> = Closure::new(|_: JsValue| {});
}

/// Marks `promise`'s rejection as handled, so that a rejection nobody reads is not reported as
/// unhandled; a page that chains on `promise` still sees the rejection on what it chains.
pub fn handled(promise: &Promise) {
    QUIET.with(|noop| {
        let _ = promise.catch(noop);
    });
}
