//! A stand-alone server for tests that want a real socket.

use std::io;
use std::net::SocketAddr;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::emulator::Emulator;
use crate::router::router;

/// A running server; dropping it stops it.
#[derive(Debug)]
pub struct Served {
    /// The address actually bound (use `127.0.0.1:0` to get a free port).
    pub addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Drop for Served {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Binds `addr` (and only that) and serves `router(emu)` on it in a background task.
pub async fn serve(addr: SocketAddr, emu: Emulator) -> io::Result<Served> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let app = router(emu);
    let task = tokio::spawn(async move {
        // An accept loop error ends the task; the test then sees refused connections.
        let _ = axum::serve(listener, app).await;
    });
    Ok(Served { addr, task })
}
