//! The `duizhao` command: parse the command line, load the sources, then print a report
//! ([`duizhao::report::produce`]) or open the viewer ([`duizhao::viewer::run`]). Every error is
//! one line on stderr, `duizhao: <input>: <reason>`, with exit status 2.

use clap::{CommandFactory, FromArgMatches, Parser, ValueEnum};
use duizhao::engine::compare::{Class, Filter};
use duizhao::engine::markup::Markup;
use duizhao::engine::style::Rules;
use duizhao::pair::Pair;
use duizhao::report::produce::{self as report, Request, produce};
use duizhao::source::{self, Error, ErrorKind};
use std::process::ExitCode;

/// Compare versions of the same article side by side: CJK-aware alignment, phrase-level
/// variant hotspots, synchronised panes.
#[derive(Debug, Parser)]
#[command(name = "duizhao", version)]
struct Args {
    /// Files, or directories (their text files in name order), or `-` for standard input;
    /// `SIGLUM=PATH` gives the source a siglum. A web page (`.html`, or text starting
    /// `<!DOCTYPE html`) is compared by its article. Default: the bundled samples.
    #[arg(value_name = "SOURCE")]
    sources: Vec<std::ffi::OsString>,
    /// The left source: a 1-based index or a file name [default: 1; with --history, the
    /// next-to-last revision].
    #[arg(long, value_name = "X")]
    left: Option<String>,
    /// The right source: a 1-based index or a file name [default: 2; with --history, the
    /// last revision].
    #[arg(long, value_name = "X")]
    right: Option<String>,
    /// The sources are every revision of this file in git that changed it (renames followed),
    /// oldest first, at most 200 (the newest); a SOURCE may also be written `REV:PATH`
    /// (`HEAD~2:docs/a.md`, `:a.md` for the index).
    #[arg(long, value_name = "PATH", conflicts_with = "sources")]
    history: Option<std::path::PathBuf>,
    /// Print the left-vs-right comparison in this format and exit (no viewer). `tei` is an
    /// apparatus (TEI P5 parallel segmentation): of all sources with --all, else of the pair.
    /// `table` is the alignment table of all sources: every source's whole text segment by
    /// segment (the places and the text between them), as JSON or, with --format csv, CSV.
    #[arg(long, value_name = "FORMAT")]
    report: Option<Format>,
    /// With --report table: `json` (the default) or `csv`.
    #[arg(long, value_name = "FORMAT")]
    format: Option<TableFormat>,
    /// Short names for the sources, comma-separated: `A=1,B=name.txt` (a source by number,
    /// name or path) or `甲,乙,丙` (in order). The others get A, B, C… (those not taken).
    #[arg(long, value_name = "SIGLA")]
    sigla: Option<String>,
    /// Compare web pages as the text of their files (markup and all), not their articles.
    #[arg(long)]
    raw: bool,
    /// With --report: collate all sources against the left one (the apparatus) instead of
    /// comparing two.
    #[arg(long, requires = "report")]
    all: bool,
    /// With --report: compare the pair unit by unit (articles `第…条`, else chapters, else
    /// Markdown headings), old unit beside its successor, in the new text's order.
    #[arg(long, requires = "report", conflicts_with = "all")]
    units: bool,
    /// Markup to read the sources with: `auto` chooses per source from its name and content.
    #[arg(long, value_name = "PROFILE", default_value = "auto")]
    markup: MarkupChoice,
    /// Show these classes of hotspots too (comma-separated: wording, punctuation, spacing,
    /// moved, reading, form, variant, numbering, markup, invisible, boilerplate, or all).
    /// Applied in order with --hide, starting from the default: wording, punctuation, spacing,
    /// moved and reading shown.
    #[arg(long, value_name = "CLASSES", action = clap::ArgAction::Append)]
    show: Vec<String>,
    /// Hide these classes of hotspots (as for --show).
    #[arg(long, value_name = "CLASSES", action = clap::ArgAction::Append)]
    hide: Vec<String>,
    /// Count East Asian ambiguous characters (“ ” ‘ ’ … —) as two columns, for terminals
    /// set up to draw them wide.
    #[arg(long)]
    ambiguous_wide: bool,
    /// Open where the last run on the same pair of files ended, and remember where this one
    /// ends (in $XDG_STATE_HOME/duizhao/places.json, by default
    /// ~/.local/state/duizhao/places.json).
    #[arg(long, conflicts_with = "report")]
    remember: bool,
    /// Hide the pairs of readings this TOML file lists (`[[hide]]` entries with `left` and
    /// `right`, either way round); in the viewer `H` adds to it (made if missing). Default:
    /// $XDG_CONFIG_HOME/duizhao/rules.toml when it exists.
    #[arg(long, value_name = "FILE")]
    rules: Option<std::path::PathBuf>,
}

/// A markup profile, or `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MarkupChoice {
    Auto,
    None,
    Markdown,
    Aozora,
    Mandoku,
}

impl MarkupChoice {
    /// The profile chosen, or `None` to detect one per source.
    fn profile(self) -> Option<Markup> {
        match self {
            MarkupChoice::Auto => None,
            MarkupChoice::None => Some(Markup::None),
            MarkupChoice::Markdown => Some(Markup::Markdown),
            MarkupChoice::Aozora => Some(Markup::Aozora),
            MarkupChoice::Mandoku => Some(Markup::Mandoku),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Markdown,
    Tei,
    Html,
    Table,
}

/// How `--report table` is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableFormat {
    Json,
    Csv,
}

/// The system's allocator, noting a failed allocation so that the abort that follows still
/// ends in one line with the terminal restored ([`duizhao::work::watch_aborts`]).
#[global_allocator]
static ALLOCATOR: duizhao::work::Watched = duizhao::work::Watched;

fn main() -> ExitCode {
    // Not fatal: without the handler an abort is only less tidy.
    let _ = duizhao::work::watch_aborts(duizhao::viewer::terminal::restore_from_signal);
    let given: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(call) = source::git::ExternalDiff::parse(given.get(1..).unwrap_or_default()) {
        return external_diff(&call);
    }
    let (args, filter) = match parse(given) {
        Ok(parsed) => parsed,
        Err(code) => return code,
    };
    if args.format.is_some() && args.report != Some(Format::Table) {
        return fail("arguments: --format is the form of --report table (json or csv)");
    }
    if args.units && args.report == Some(Format::Table) {
        return fail("arguments: --units has no table form (the table is of all sources)");
    }
    if args.units && args.report == Some(Format::Tei) {
        return fail(
            "arguments: --units has no TEI form (TEI is an apparatus: --report tei [--all])",
        );
    }
    exit(|| run(&args, &filter))
}

/// The options and the filter of the command line `line` (the program's name first), or
/// the exit status of an argument error, printed.
fn parse(line: Vec<std::ffi::OsString>) -> Result<(Args, Filter), ExitCode> {
    let parsed = Args::command()
        .try_get_matches_from(line)
        .and_then(|m| Ok((Args::from_arg_matches(&m)?, filter(&m))));
    match parsed {
        Ok((args, Ok(filter))) => Ok((args, filter)),
        Ok((_, Err(message))) => Err(fail(&format!("arguments: {message} (see duizhao --help)"))),
        Err(e) => Err(argument_error(&e)),
    }
}

/// Runs the command's `work` to its exit status: 0, 128 + the signal that ended the viewer,
/// or 2 with one line for an error, and for work that ran out of memory at one of its large
/// allocations.
fn exit(work: impl FnOnce() -> Result<Option<i32>, Box<dyn std::error::Error>>) -> ExitCode {
    match duizhao::work::fallible(work) {
        Ok(Ok(None)) => ExitCode::SUCCESS,
        // Ended by a signal: the shell's convention, 128 + its number.
        Ok(Ok(Some(signal))) => ExitCode::from((128 + signal).clamp(0, 255) as u8),
        Ok(Err(e)) => fail(&e.to_string()),
        Err(oom) => fail(&format!("memory: {oom}")),
    }
}

/// git's external diff (`GIT_EXTERNAL_DIFF=duizhao git diff`): the file's old and new
/// versions, named by its path and their hashes (an added or deleted file's missing side is
/// empty), in the viewer when standard output is a terminal (`q` hands back to git for the
/// next file), else — git's pager is reading — as the Markdown report. A file that is not
/// text is skipped with one line, and git goes on (exit 0).
fn external_diff(call: &source::git::ExternalDiff) -> ExitCode {
    use std::io::IsTerminal;
    let viewer = std::io::stdout().is_terminal() && std::env::var_os("GIT_PAGER_IN_USE").is_none();
    let mut line = vec![std::ffi::OsString::from("duizhao")];
    if !viewer {
        line.extend(["--report", "markdown"].map(std::ffi::OsString::from));
    }
    let (args, filter) = match parse(line) {
        Ok(parsed) => parsed,
        Err(code) => return code,
    };
    let name = |side: &str, file: &Option<std::path::PathBuf>| {
        let path = if side == "old" {
            call.renamed_from.as_deref().unwrap_or(&call.path)
        } else {
            &call.path
        };
        match file {
            None => format!("{path} (none)"),
            Some(_) => format!("{path} ({side})"),
        }
    };
    let load = |side: &str, file: &Option<std::path::PathBuf>| -> Result<source::Source, Error> {
        let named = name(side, file);
        match file {
            None => Ok(source::Source::from_text(
                &named,
                "/dev/null",
                "UTF-8",
                String::new(),
                Vec::new(),
            )),
            Some(path) => {
                let mut loaded = source::load_with(&[path], source::LoadOptions::default())?;
                let mut s = loaded.remove(0);
                s.name = named;
                s.path = path.display().to_string();
                Ok(s)
            }
        }
    };
    let sources =
        match load("old", &call.old).and_then(|old| Ok(vec![old, load("new", &call.new)?])) {
            Ok(sources) => sources,
            Err(e) if matches!(e.kind, ErrorKind::Binary(_)) => {
                let _ = fail(&format!(
                    "{}: {} (skipped)",
                    duizhao::text::sanitize::escape(&call.path),
                    e.kind
                ));
                return ExitCode::SUCCESS;
            }
            Err(e) => return fail(&e.to_string()),
        };
    exit(|| run_on(sources, &args, &filter))
}

/// Prints `duizhao: <message>` on standard error and returns exit status 2, even when
/// standard error cannot be written.
fn fail(message: &str) -> ExitCode {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "duizhao: {message}");
    ExitCode::from(2)
}

/// `--help` and `--version` as clap prints them; any other argument error as one escaped line
/// (an argument may hold escape sequences, from a file name a shell glob expanded).
fn argument_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind as Kind;
    if matches!(e.kind(), Kind::DisplayHelp | Kind::DisplayVersion) {
        return match e.print() {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::from(2),
        };
    }
    let text = e.to_string();
    let first = text.lines().next().unwrap_or("invalid arguments");
    let reason = first.strip_prefix("error: ").unwrap_or(first);
    fail(&format!(
        "arguments: {} (see duizhao --help)",
        duizhao::text::sanitize::escape(reason)
    ))
}

/// The filter `--show` and `--hide` make, applied in command-line order to the default.
fn filter(matches: &clap::ArgMatches) -> Result<Filter, String> {
    let mut steps: Vec<(usize, bool, &String)> = Vec::new();
    for (id, shown) in [("show", true), ("hide", false)] {
        if let (Some(indices), Some(values)) =
            (matches.indices_of(id), matches.get_many::<String>(id))
        {
            steps.extend(indices.zip(values).map(|(i, v)| (i, shown, v)));
        }
    }
    steps.sort_by_key(|s| s.0);
    let mut filter = Filter::default();
    for (_, shown, list) in steps {
        let flag = if shown { "--show" } else { "--hide" };
        let classes = Filter::parse_list(list).map_err(|name| {
            format!(
                "{flag}: no class {} (classes: {}, all)",
                duizhao::text::sanitize::escape(&name),
                Class::ALL.map(Class::name).join(", ")
            )
        })?;
        for class in classes {
            filter.set(class, shown);
        }
    }
    Ok(filter)
}

/// Runs the command; `Ok(Some(signal))` when a signal ended the viewer.
fn run(args: &Args, filter: &Filter) -> Result<Option<i32>, Box<dyn std::error::Error>> {
    let options = source::LoadOptions { raw: args.raw };
    let sources = if let Some(path) = &args.history {
        source::load::load_history(path, options)?
    } else if args.sources.is_empty() {
        source::samples()
    } else {
        source::load_with(&args.sources, options)?
    };
    run_on(sources, args, filter)
}

/// Runs the command on `sources` (loaded as `args` says, or as git's external diff gave them).
fn run_on(
    mut sources: Vec<source::Source>,
    args: &Args,
    filter: &Filter,
) -> Result<Option<i32>, Box<dyn std::error::Error>> {
    source::assign_sigla(&mut sources, args.sigla.as_deref())?;
    // A history opens on its last two revisions.
    let n = sources.len();
    let (left, right) = match args.history {
        Some(_) if n >= 2 => ((n - 1).to_string(), n.to_string()),
        _ => ("1".to_string(), "2".to_string()),
    };
    let shown = Pair::new(
        source::select(&sources, args.left.as_deref().unwrap_or(&left), "--left")?,
        source::select(&sources, args.right.as_deref().unwrap_or(&right), "--right")?,
    );
    let markup = args.markup.profile();
    // The rules: the file given (which the viewer's `H` may yet make), else the default one
    // if there is one.
    let rules = match &args.rules {
        Some(path) => source::rules::load(path, args.report.is_none())?,
        None => match source::rules::default_path() {
            Some(path) => source::rules::load(&path, true)?,
            None => Rules::new(),
        },
    };
    let Some(format) = args.report else {
        let store = args
            .remember
            .then(duizhao::viewer::places::Store::default_location)
            .flatten();
        let options = duizhao::viewer::app::Options {
            markup,
            filter: *filter,
            rules,
            rules_file: args.rules.clone(),
            widths: duizhao::text::width::Widths {
                ambiguous_wide: args.ambiguous_wide,
            },
            resume: store
                .as_ref()
                .and_then(|s| s.recall(shown.map(|i| &sources[i]))),
        };
        return Ok(duizhao::viewer::run(sources, shown, options, store)?);
    };
    // Texts too large for the memory this process may have are refused in one line before
    // the work starts: running out half way aborts with no word.
    let compared: u64 = if args.all {
        sources.iter().map(|s| s.char_len() as u64).sum()
    } else {
        (sources[shown.left].char_len() + sources[shown.right].char_len()) as u64
    };
    let needed = duizhao::viewer::memory_budget(compared);
    if let Some(available) = duizhao::work::available_memory()
        && needed > available
    {
        return Err(Box::new(Error::new(
            "memory",
            ErrorKind::Io(format!(
                "comparing these texts needs about {} MiB, {} MiB are available",
                needed >> 20,
                available >> 20
            )),
        )));
    }
    let request = Request {
        format: match format {
            Format::Json => report::Format::Json,
            Format::Markdown => report::Format::Markdown,
            Format::Tei => report::Format::Tei,
            Format::Html => report::Format::Html,
            Format::Table if args.format == Some(TableFormat::Csv) => report::Format::TableCsv,
            Format::Table => report::Format::Table,
        },
        all: args.all,
        units: args.units,
        markup,
        filter: *filter,
        rules,
    };
    Ok(print(&produce(&sources, shown, &request))?)
}

/// Prints a report. A reader that stops early (`duizhao --report json | head`) is not an
/// error: the rest is simply not written.
fn print(output: &str) -> Result<Option<i32>, Error> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{output}").and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::new("stdout", ErrorKind::Io(e.to_string())))
        }
        _ => Ok(None),
    }
}
