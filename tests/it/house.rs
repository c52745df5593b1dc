//! The layers' rules, kept by machine: data flows one way (faces -> views -> clients ->
//! model), so a view can be drawn by any face and a renderer can never fetch. A `use` that
//! breaks a rule fails here with the file and the line.

use std::path::{Path, PathBuf};

/// Each layer (a folder or file under `src/`) and the layers it must never import.
const RULES: &[(&str, &[&str])] = &[
    // Pure computation: it knows nothing of the outside or of how anything is shown.
    (
        "model",
        &[
            "output",
            "clients",
            "commands",
            "collector",
            "views",
            "config",
            "observe",
        ],
    ),
    // Renderers draw reports; they never fetch, so they never see a client.
    ("output", &["clients", "commands", "collector"]),
    // Clients talk to the outside and never print or decide what the user sees.
    ("clients", &["commands", "output", "views", "collector"]),
    // Views return reports; drawing them is each face's business.
    ("views", &["output", "commands", "collector"]),
    // The explorer draws what views return: it never talks to the collector, and it is
    // started by its command, never the other way round.
    ("ui", &["commands", "collector"]),
    // The agent server answers the views' reports as protocol: it never prints through
    // the command line's renderers, and never draws the explorer.
    ("mcp", &["output", "collector", "ui"]),
    // The collector counts and reports; the command prints.
    ("collector", &["commands", "output", "views"]),
    (
        "observe.rs",
        &[
            "output",
            "clients",
            "commands",
            "collector",
            "views",
            "model",
        ],
    ),
];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        out.push(path.to_path_buf());
        return;
    }
    for entry in std::fs::read_dir(path).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a line of code names through `crate::` (`crate::a::b`,
/// `crate::{a, b::c}`), comments left out.
fn crate_modules(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or("");
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            for item in inner.split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.push(name);
            }
        } else {
            found.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    found
}

#[test]
fn each_layer_imports_only_what_it_may() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut broken = Vec::new();
    let mut checked = 0;
    for (layer, forbidden) in RULES {
        let mut files = Vec::new();
        rust_files(&src.join(layer), &mut files);
        assert!(!files.is_empty(), "no sources for layer {layer}");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                for module in crate_modules(line) {
                    checked += 1;
                    if forbidden.contains(&module.as_str()) {
                        broken.push(format!(
                            "{}:{}: {layer} imports {module}: {}",
                            file.strip_prefix(&src).unwrap().display(),
                            n + 1,
                            line.trim()
                        ));
                    }
                }
            }
        }
    }
    assert!(
        checked > 50,
        "only {checked} crate paths seen: is the scan broken?"
    );
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn the_scan_sees_every_form_of_import() {
    assert_eq!(crate_modules("use crate::output::Printer;"), ["output"]);
    assert_eq!(
        crate_modules("use crate::{clients::store::Store, model};"),
        ["clients", "model"]
    );
    assert_eq!(
        crate_modules("    let x = crate::clients::aws::classify(&e); // crate::views"),
        ["clients"]
    );
}
