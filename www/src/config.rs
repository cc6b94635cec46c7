//! Command-line flags and environment variables of the sandbox.

use std::path::PathBuf;

pub const USAGE: &str = "usage: ucontact-sandbox [--portal-port N] [--crm-port N] [--instance-port N] [--pkg DIR] [--crm-dir DIR] [--vendor DIR] [--preload FILE] [--exit-after SECONDS]

  --portal-port N     portal origin port            (env UCB_PORTAL_PORT, default 8700)
  --crm-port N        CRM origin port               (env UCB_CRM_PORT,    default 8701)
  --instance-port N   uContact v6 instance origin port: uPhone, the Inbox, the Events API
                      (env UCB_INSTANCE_PORT, default 8702)
  --pkg DIR           built wasm packages to serve  (env UCB_PKG_DIR,     default target/pkg: /pkg/<entry>/esm/…)
  --crm-dir DIR       the CRM origin's pages: your own CRM app to try in the portal
                      (env UCB_CRM_DIR, default www/crm)
  --vendor DIR        node_modules with porthole-proxy (env UCB_NODE_MODULES, default node_modules)
  --preload FILE      a script appended to /config.js, which the sandbox pages load first: test
                      instrumentation for a browser whose driver cannot run a script before
                      the page's own (WebKit's classic WebDriver; tests use it)
  --exit-after S      stop by itself after S seconds (tests use it)";

#[derive(Debug, Clone)]
pub struct Config {
    pub portal_port: u16,
    pub crm_port: u16,
    pub instance_port: u16,
    pub pkg_dir: PathBuf,
    pub node_modules: PathBuf,
    pub www_dir: PathBuf,
    pub crm_dir: PathBuf,
    pub exit_after: Option<u64>,
    pub preload: Option<PathBuf>,
}

impl Config {
    pub fn from_env_and_args(mut args: impl Iterator<Item = String>) -> Result<Config, String> {
        let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let port = |name: &str, v: String| v.parse::<u16>().map_err(|_| format!("{name}: `{v}` is not a port number"));
        let mut cfg = Config {
            portal_port: env("UCB_PORTAL_PORT").map(|v| port("UCB_PORTAL_PORT", v)).transpose()?.unwrap_or(8700),
            crm_port: env("UCB_CRM_PORT").map(|v| port("UCB_CRM_PORT", v)).transpose()?.unwrap_or(8701),
            instance_port: env("UCB_INSTANCE_PORT").map(|v| port("UCB_INSTANCE_PORT", v)).transpose()?.unwrap_or(8702),
            pkg_dir: env("UCB_PKG_DIR").map(PathBuf::from).unwrap_or_else(|| repo.join("target/pkg")),
            node_modules: env("UCB_NODE_MODULES").map(PathBuf::from).unwrap_or_else(|| repo.join("node_modules")),
            www_dir: repo.join("www"),
            crm_dir: env("UCB_CRM_DIR").map(PathBuf::from).unwrap_or_else(|| repo.join("www/crm")),
            exit_after: None,
            preload: None,
        };
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--portal-port" => cfg.portal_port = port(&flag, value()?)?,
                "--crm-port" => cfg.crm_port = port(&flag, value()?)?,
                "--instance-port" => cfg.instance_port = port(&flag, value()?)?,
                "--pkg" => cfg.pkg_dir = PathBuf::from(value()?),
                "--vendor" => cfg.node_modules = PathBuf::from(value()?),
                "--crm-dir" => cfg.crm_dir = PathBuf::from(value()?),
                "--preload" => cfg.preload = Some(PathBuf::from(value()?)),
                "--exit-after" => {
                    let v = value()?;
                    cfg.exit_after =
                        Some(v.parse().map_err(|_| format!("--exit-after: `{v}` is not a number of seconds"))?);
                }
                "-h" | "--help" => return Err("help".into()),
                other => return Err(format!("unknown flag `{other}`")),
            }
        }
        if cfg.portal_port == cfg.crm_port {
            return Err("the portal and CRM ports must differ (they are two origins)".into());
        }
        if cfg.instance_port == cfg.portal_port || cfg.instance_port == cfg.crm_port {
            return Err("the instance port must differ from the portal and CRM ports (three origins)".into());
        }
        Ok(cfg)
    }

    /// Every origin the portal pages may have (the `127.0.0.1` and the `localhost` spelling).
    pub fn portal_origins(&self) -> Vec<String> {
        ["127.0.0.1", "localhost"].iter().map(|h| format!("http://{h}:{}", self.portal_port)).collect()
    }

    /// Every origin the CRM pages may have.
    pub fn crm_origins(&self) -> Vec<String> {
        ["127.0.0.1", "localhost"].iter().map(|h| format!("http://{h}:{}", self.crm_port)).collect()
    }

    /// Every origin the v6 instance pages may have.
    pub fn instance_origins(&self) -> Vec<String> {
        ["127.0.0.1", "localhost"].iter().map(|h| format!("http://{h}:{}", self.instance_port)).collect()
    }
}
