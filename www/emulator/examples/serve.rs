//! The emulator alone on a free loopback port, seeded, allowing the origins given as arguments:
//! prints `http://127.0.0.1:<port>` and serves until its standard input closes (so it stops
//! with whoever started it). The Node parity test (tests/testing/parity.test.mjs) sends the
//! same requests here and to the npm package's WebAssembly build.
//! Usage: cargo run -p integra-emulator --example serve -- [ORIGIN...]

use integra_emulator::{serve, Emulator, EmulatorConfig};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let config = std::env::args().skip(1).fold(EmulatorConfig::default(), |c, origin| c.allow_origin(origin));
    let served = serve(([127, 0, 0, 1], 0).into(), Emulator::new(config)).await?;
    println!("http://{}", served.addr);
    // Blocks until stdin reaches its end (the parent closed it or exited).
    let _ = tokio::task::spawn_blocking(|| std::io::read_to_string(std::io::stdin())).await;
    Ok(())
}
