//! The page in a v6 frame, pure: whether a command can be posted now or must wait for the
//! frame to hold a page, and whether a `load` is the first page or a reload.
//!
//! A message posted to a frame still on its initial `about:blank` is dropped by the browser,
//! so commands given before the frame holds a page wait (16 at most) and go, in order, once it
//! does: when it loads, or when it speaks first (a softphone posts while it is still loading).
//! The first `load` of a frame that had no page when the class attached is the page it starts
//! with, even if that page spoke before it; any later `load` is a reload or a navigation: a new
//! session, whose derived state starts over.

use alloc::vec::Vec;

use crate::error::Error;

/// Commands kept while the frame has not loaded a page yet.
pub const MAX_QUEUED: usize = 16;

/// The frame's page, and the commands waiting for it.
#[derive(Debug)]
pub struct Page<T> {
    /// Whether the frame holds a page (it loaded, spoke, or showed one when we attached).
    live: bool,
    /// Whether the frame's first `load` is still to come (it had no page when we attached).
    first_load: bool,
    queued: Vec<T>,
}

impl<T> Page<T> {
    /// Attached to a frame that already `holds_page`, or not.
    pub fn attached(holds_page: bool) -> Page<T> {
        Page { live: holds_page, first_load: !holds_page, queued: Vec::new() }
    }

    /// A command: `Some` to post it now, `None` when it waits for the page; `NO_PORTAL` when
    /// [`MAX_QUEUED`] wait already.
    pub fn command(&mut self, command: T) -> Result<Option<T>, Error> {
        if self.live {
            return Ok(Some(command));
        }
        if self.queued.len() >= MAX_QUEUED {
            return Err(Error::NoPortal { reason: "the uPhone frame has not loaded yet (16 commands wait already)" });
        }
        self.queued.push(command);
        Ok(None)
    }

    /// The frame loaded: whether that is a reload, and the commands to post now, in order.
    pub fn loaded(&mut self) -> (bool, Vec<T>) {
        self.live = true;
        let reloaded = !core::mem::replace(&mut self.first_load, false);
        (reloaded, core::mem::take(&mut self.queued))
    }

    /// The frame's page spoke: the commands to post now, in order (none unless it had not
    /// held a page until now).
    pub fn spoke(&mut self) -> Vec<T> {
        self.live = true;
        core::mem::take(&mut self.queued)
    }

    /// Drops the waiting commands.
    pub fn clear(&mut self) {
        self.queued.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn commands_wait_for_a_page_and_go_in_order_when_it_loads() {
        let mut page = Page::attached(false);
        assert_eq!(page.command(1).unwrap(), None);
        assert_eq!(page.command(2).unwrap(), None);
        assert_eq!(page.loaded(), (false, vec![1, 2]), "the first load is not a reload");
        assert_eq!(page.command(3).unwrap(), Some(3));
        assert_eq!(page.loaded(), (true, vec![]), "every later load is");
    }

    #[test]
    fn a_page_that_speaks_before_its_load_takes_the_commands_and_its_load_is_still_the_first() {
        let mut page = Page::attached(false);
        assert_eq!(page.command("a").unwrap(), None);
        assert_eq!(page.spoke(), vec!["a"]);
        assert_eq!(page.command("b").unwrap(), Some("b"));
        assert_eq!(page.spoke(), Vec::<&str>::new());
        assert_eq!(page.loaded(), (false, vec![]));
    }

    #[test]
    fn a_frame_that_already_shows_a_page_takes_commands_at_once_and_any_load_is_a_reload() {
        let mut page = Page::attached(true);
        assert_eq!(page.command(7).unwrap(), Some(7));
        assert_eq!(page.loaded(), (true, vec![]));
    }

    #[test]
    fn at_most_sixteen_wait_and_clear_drops_them() {
        let mut page = Page::attached(false);
        for i in 0..MAX_QUEUED {
            assert_eq!(page.command(i).unwrap(), None);
        }
        assert_eq!(page.command(99).unwrap_err().code(), "NO_PORTAL");
        page.clear();
        assert_eq!(page.command(1).unwrap(), None);
        assert_eq!(page.loaded(), (false, vec![1]));
    }
}
