//! The architecture, checked: the layers import one another in one direction only.
//!
//! Every module under `src/` (a file, or a folder's `mod.rs`) is read, its test module and
//! comments left out, and every path it names through `crate::` or `super::` is resolved to
//! the module it points into. Then:
//!
//! * `engine/`, `text/`, `source/`, `sections/`, `report/` and `pair` never import `viewer/`,
//!   ratatui or crossterm: only the viewer knows about a terminal;
//! * `sections/` (the view sections the viewer and the HTML report share) imports neither
//!   `report/` nor `viewer/`, and the viewer never imports `report/`: both views stand on the
//!   sections, side by side;
//! * `engine/` never imports `report/` or `source/` (it compares texts, whatever their origin
//!   and whatever is done with the result), and `text/` and `work` (the thread pool and
//!   cancelling) import nothing else of the crate;
//! * there is no circle anywhere: not between two layers, not between two modules.
//!
//! A parent module re-exporting its children (`pub use load::{...}` in `source/mod.rs`) is a
//! facade, not a dependency. `src/testkit.rs` (test support) and `src/main.rs` (the command)
//! stand outside the layers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module's path inside the crate, as segments (`["engine", "align", "gaps"]`).
type Module = Vec<String>;

/// Every module of `src/` with its code (test module and comments left out).
fn modules(src: &Path) -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src).expect("under src");
            let mut segments: Module = rel
                .iter()
                .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_string())
                .collect();
            if segments.last().is_some_and(|s| s == "mod" || s == "lib") {
                segments.pop();
            }
            if segments == ["main"] || segments == ["testkit"] {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read module");
            out.insert(segments, code(&text));
        }
    }
    out
}

/// The code of a module: comments dropped, and the unit-test module at its end left out.
fn code(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]")
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod tests"))
        {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The names after `prefix::` wherever it occurs in `code`: the first segments of each path
/// (`crate::engine::compare::X` gives `engine::compare::X`; a brace group gives each item).
fn paths_after(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let needle = format!("{prefix}::");
    let mut rest = code;
    while let Some(at) = rest.find(&needle) {
        let before_ok = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        rest = &rest[at + needle.len()..];
        if before_ok {
            out.extend(path_items(rest));
        }
    }
    out
}

/// The paths at the start of `s`: `a::b::C` or `{a::b, c}` (one level of braces).
fn path_items(s: &str) -> Vec<Vec<String>> {
    let ident = |s: &str| -> (String, usize) {
        let end = s
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(s.len());
        (s[..end].to_string(), end)
    };
    let single = |mut s: &str| {
        let mut path = Vec::new();
        loop {
            s = s.trim_start();
            let (name, end) = ident(s);
            if name.is_empty() {
                break;
            }
            path.push(name);
            s = &s[end..];
            match s.strip_prefix("::") {
                Some(r) if !r.starts_with('{') => s = r,
                _ => break,
            }
        }
        path
    };
    if let Some(group) = s.strip_prefix('{') {
        let end = group.find('}').unwrap_or(group.len());
        group[..end]
            .split(',')
            .map(single)
            .filter(|p| !p.is_empty())
            .collect()
    } else {
        let path = single(s);
        // `a::b::{c, d}`: the group's items under `a::b`.
        let consumed: usize = path.iter().map(|p| p.len() + 2).sum();
        match s.get(consumed..).and_then(|r| r.strip_prefix('{')) {
            Some(_) => path_items(&s[consumed..])
                .into_iter()
                .map(|item| path.iter().cloned().chain(item).collect())
                .collect(),
            None => vec![path],
        }
    }
}

/// The longest known module that `path` (from the crate root) points into.
fn resolve(known: &BTreeSet<Module>, path: &[String]) -> Option<Module> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| known.contains(m))
}

/// The modules each module imports, and whether it names ratatui or crossterm.
fn graph(modules: &BTreeMap<Module, String>) -> BTreeMap<Module, (BTreeSet<Module>, bool)> {
    let known: BTreeSet<Module> = modules.keys().cloned().collect();
    let mut out = BTreeMap::new();
    for (module, code) in modules {
        let mut deps = BTreeSet::new();
        let facade: BTreeSet<&str> = code
            .lines()
            .filter_map(|l| l.trim().strip_prefix("pub use "))
            .filter_map(|l| l.split("::").next())
            .collect();
        for path in paths_after(code, "crate") {
            deps.extend(resolve(&known, &path));
        }
        let parent = &module[..module.len().saturating_sub(1)];
        for path in paths_after(code, "super") {
            let full: Vec<String> = parent.iter().cloned().chain(path).collect();
            deps.extend(resolve(&known, &full));
        }
        // A module's own children, named without a prefix (`use load::...`).
        for child in known.iter().filter(|k| k.len() == module.len() + 1) {
            let name = &child[module.len()];
            if child.starts_with(module)
                && !paths_after(code, name).is_empty()
                && !facade.contains(name.as_str())
            {
                deps.insert(child.clone());
            }
        }
        deps.remove(module);
        let terminal = ["ratatui::", "crossterm::"]
            .iter()
            .any(|t| code.contains(t));
        out.insert(module.clone(), (deps, terminal));
    }
    out
}

/// A circle in `edges`, if there is one.
fn circle(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    fn visit(
        m: &Module,
        edges: &BTreeMap<Module, BTreeSet<Module>>,
        state: &mut BTreeMap<Module, u8>,
        path: &mut Vec<Module>,
    ) -> Option<Vec<Module>> {
        match state.get(m) {
            Some(2) => return None,
            Some(1) => {
                let at = path.iter().position(|p| p == m).unwrap_or(0);
                let mut c = path[at..].to_vec();
                c.push(m.clone());
                return Some(c);
            }
            _ => {}
        }
        state.insert(m.clone(), 1);
        path.push(m.clone());
        for d in edges.get(m).into_iter().flatten() {
            if let Some(c) = visit(d, edges, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(m.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    edges
        .keys()
        .find_map(|m| visit(m, edges, &mut state, &mut Vec::new()))
}

fn show(m: &Module) -> String {
    m.join("::")
}

fn layer(m: &Module) -> String {
    m.first().cloned().unwrap_or_default()
}

/// What breaks the rules, one line each.
fn violations(graph: &BTreeMap<Module, (BTreeSet<Module>, bool)>) -> Vec<String> {
    let mut out = Vec::new();
    for (module, (deps, terminal)) in graph {
        let l = layer(module);
        let below_viewer = [
            "engine", "text", "source", "sections", "report", "pair", "work",
        ]
        .contains(&l.as_str());
        if below_viewer && *terminal {
            out.push(format!("{} names ratatui or crossterm", show(module)));
        }
        for d in deps {
            let dl = layer(d);
            let bad = (below_viewer && dl == "viewer")
                || (l == "engine" && (dl == "report" || dl == "source" || dl == "sections"))
                || (l == "sections" && dl == "report")
                || (l == "viewer" && dl == "report")
                || (l == "text" && dl != "text")
                || (l == "work" && dl != "work");
            if bad {
                out.push(format!("{} imports {}", show(module), show(d)));
            }
        }
    }
    let modules: BTreeMap<Module, BTreeSet<Module>> = graph
        .iter()
        .map(|(m, (d, _))| (m.clone(), d.clone()))
        .collect();
    if let Some(c) = circle(&modules) {
        let names: Vec<String> = c.iter().map(show).collect();
        out.push(format!("modules import each other: {}", names.join(" → ")));
    }
    let mut layers: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (m, deps) in &modules {
        let entry = layers.entry(vec![layer(m)]).or_default();
        entry.extend(
            deps.iter()
                .map(|d| vec![layer(d)])
                .filter(|d| *d != vec![layer(m)]),
        );
    }
    if let Some(c) = circle(&layers) {
        let names: Vec<String> = c.iter().map(show).collect();
        out.push(format!("layers import each other: {}", names.join(" → ")));
    }
    out
}

#[test]
fn layers_import_downwards_only_and_nothing_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = modules(&src);
    // The reading must find the layers, or every check would pass on nothing.
    for expected in [
        "engine::align::gaps",
        "engine::compare",
        "report::markdown",
        "sections::anchors",
        "source::load",
        "text::chars",
        "viewer::overlay::picker",
    ] {
        let m: Module = expected.split("::").map(String::from).collect();
        assert!(modules.contains_key(&m), "{expected} not found");
    }
    let graph = graph(&modules);
    let compare: Module = vec!["engine".into(), "compare".into()];
    let align: Module = vec!["engine".into(), "align".into()];
    assert!(graph[&compare].0.contains(&align), "compare imports align");
    let anchors: Module = vec!["sections".into(), "anchors".into()];
    assert!(
        graph[&anchors].0.contains(&compare),
        "the sections read the comparison"
    );
    let render: Module = vec!["viewer".into(), "render".into()];
    assert!(graph[&render].1, "the renderer names ratatui");
    if std::env::var_os("DUIZHAO_SHOW_LAYERS").is_some() {
        for (m, (deps, terminal)) in &graph {
            let deps: Vec<String> = deps.iter().map(show).collect();
            eprintln!(
                "{} {}-> {}",
                show(m),
                if *terminal { "(terminal) " } else { "" },
                deps.join(", ")
            );
        }
    }
    let problems = violations(&graph);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The checker itself catches what it is there to catch.
#[test]
fn the_checker_catches_a_terminal_import_a_wrong_direction_and_a_circle() {
    let module = |s: &str, code: &str| {
        (
            s.split("::").map(String::from).collect::<Module>(),
            code.to_string(),
        )
    };
    let clean: BTreeMap<Module, String> = [
        module("engine", ""),
        module(
            "engine::compare",
            "use crate::engine::align::{self, Change};",
        ),
        module("engine::align", "use crate::text::chars::is_punctuation;"),
        module("text", ""),
        module("text::chars", ""),
        module("viewer", ""),
        module(
            "viewer::render",
            "use ratatui::Frame;\nuse super::app::App;",
        ),
        module("viewer::app", "use crate::engine::compare::compare;"),
    ]
    .into_iter()
    .collect();
    assert_eq!(violations(&graph(&clean)), Vec::<String>::new());

    let mut terminal = clean.clone();
    terminal.insert(
        vec!["engine".into(), "align".into()],
        "fn f() { crossterm::terminal::size(); }".into(),
    );
    assert_eq!(
        violations(&graph(&terminal)),
        ["engine::align names ratatui or crossterm"]
    );

    let mut upward = clean.clone();
    upward.insert(
        vec!["text".into(), "chars".into()],
        "use crate::viewer::app::{App, Input};".into(),
    );
    let v = violations(&graph(&upward));
    assert!(
        v.contains(&"text::chars imports viewer::app".to_string()),
        "{v:?}"
    );
    assert!(
        v.iter().any(|l| l.starts_with("layers import each other")),
        "{v:?}"
    );

    let mut sideways = clean.clone();
    sideways.insert(
        vec!["sections".into()],
        "use crate::report::PairReport;".into(),
    );
    sideways.insert(
        vec!["viewer".into(), "app".into()],
        "use crate::report::html::Aligned;".into(),
    );
    sideways.insert(vec!["report".into()], String::new());
    sideways.insert(vec!["report".into(), "html".into()], String::new());
    let v = violations(&graph(&sideways));
    assert!(v.contains(&"sections imports report".to_string()), "{v:?}");
    assert!(
        v.contains(&"viewer::app imports report::html".to_string()),
        "{v:?}"
    );

    let mut circle = clean;
    circle.insert(
        vec!["engine".into(), "align".into()],
        "use super::compare::Hotspot;".into(),
    );
    let v = violations(&graph(&circle));
    assert_eq!(
        v,
        ["modules import each other: engine::align → engine::compare → engine::align"]
    );
}

#[test]
fn comments_and_tests_are_not_imports() {
    let text = "use crate::a::b;\n// use crate::viewer::x;\n#[cfg(test)]\nmod tests {\n    use crate::viewer::y;\n}\n";
    assert_eq!(code(text), "use crate::a::b;\n");
    assert_eq!(
        paths_after("use crate::engine::{compare::X, align};", "crate"),
        [vec!["engine", "compare", "X"], vec!["engine", "align"]]
    );
    assert_eq!(
        paths_after("use crate::text::{self, chars::y};", "crate"),
        [vec!["text", "self"], vec!["text", "chars", "y"]]
    );
}
