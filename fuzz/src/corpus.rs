//! The seed corpus: `fuzz/corpus/<target>/*.txt`, one input per file.
//!
//! Files are read as UTF-8 (lossily) and one trailing `\n` is dropped, so seeds can be kept as
//! ordinary text files; a seed that needs a trailing newline ends in two. Files are taken in
//! name order, so the seed list (and therefore a run) does not depend on the file system.

use std::fs;
use std::path::Path;

/// The seeds of `target` under `dir`; a missing directory is an empty corpus.
pub fn load(dir: &Path, target: &str) -> Result<Vec<String>, String> {
    let dir = dir.join(target);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let bytes = fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            let mut text = String::from_utf8_lossy(&bytes).into_owned();
            if text.ends_with('\n') {
                text.pop();
            }
            Ok(text)
        })
        .collect()
}
