//! The committed completions/ and man/ must equal what the code generates today.
//! `TRACECTL_BLESS=1 cargo test generated` rewrites them.

use std::path::Path;

#[test]
fn completions_and_man_pages_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("TRACECTL_BLESS").is_some_and(|v| v == "1");
    let files = tracectl::generate::generated_files();
    let mut stale = Vec::new();
    for (rel, content) in &files {
        let path = root.join(rel);
        if std::fs::read(&path).ok().as_deref() != Some(content.as_slice()) {
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, content).unwrap();
            } else {
                stale.push(rel.display().to_string());
            }
        }
    }
    // Files for commands that no longer exist are stale too.
    for dir in ["completions", "man"] {
        for entry in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let rel = Path::new(dir).join(entry.file_name());
            if !files.iter().any(|(r, _)| r == &rel) {
                if bless {
                    std::fs::remove_file(entry.path()).unwrap();
                } else {
                    stale.push(format!("{} (no longer generated)", rel.display()));
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}\nrun: TRACECTL_BLESS=1 cargo test generated"
    );
    // One page per command: the root, 8 groups (with config, completions and local), 33
    // leaves, release, trace, doctor, ui and mcp.
    assert_eq!(
        files.iter().filter(|(r, _)| r.starts_with("man")).count(),
        1 + 8 + 33 + 5
    );
}
