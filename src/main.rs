//! The `duizhao` command: parse the command line, load the sources, then print a report or
//! open the viewer. Every error is one line on stderr, `duizhao: <input>: <reason>`, with exit
//! status 2.

use clap::{CommandFactory, FromArgMatches, Parser, ValueEnum};
use duizhao::engine::collate::collate;
use duizhao::engine::compare::{Filter, compare_normalized};
use duizhao::engine::markup::Markup;
use duizhao::engine::normalize::{Normalized, normalize_all};
use duizhao::pair::Pair;
use duizhao::report::json::to_json;
use duizhao::report::{ApparatusReport, PairReport, UnitsReport, html, markdown};
use duizhao::source::{self, Error, ErrorKind, Source};
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
    /// The left source: a 1-based index or a file name.
    #[arg(long, value_name = "X", default_value = "1")]
    left: String,
    /// The right source: a 1-based index or a file name.
    #[arg(long, value_name = "X", default_value = "2")]
    right: String,
    /// Print the left-vs-right comparison in this format and exit (no viewer). `tei` is an
    /// apparatus (TEI P5 parallel segmentation): of all sources with --all, else of the pair.
    #[arg(long, value_name = "FORMAT")]
    report: Option<Format>,
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
    /// moved, form, variant, numbering, markup, invisible, or all). Applied in order with
    /// --hide, starting from the default: wording, punctuation, spacing and moved shown.
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
}

fn main() -> ExitCode {
    let parsed = Args::command()
        .try_get_matches()
        .and_then(|m| Ok((Args::from_arg_matches(&m)?, filter(&m))));
    let (args, filter) = match parsed {
        Ok((args, Ok(filter))) => (args, filter),
        Ok((_, Err(message))) => {
            return fail(&format!("arguments: {message} (see duizhao --help)"));
        }
        Err(e) => return argument_error(&e),
    };
    if args.units && args.report == Some(Format::Tei) {
        return fail(
            "arguments: --units has no TEI form (TEI is an apparatus: --report tei [--all])",
        );
    }
    match run(&args, &filter) {
        Ok(None) => ExitCode::SUCCESS,
        // Ended by a signal: the shell's convention, 128 + its number.
        Ok(Some(signal)) => ExitCode::from((128 + signal).clamp(0, 255) as u8),
        Err(e) => fail(&e.to_string()),
    }
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
                "{flag}: no class {} (classes: wording, punctuation, spacing, moved, form, variant, numbering, markup, invisible, all)",
                duizhao::text::sanitize::escape(&name)
            )
        })?;
        for class in classes {
            filter.set(class, shown);
        }
    }
    Ok(filter)
}

/// Runs the command; `Ok(Some(signal))` when a signal ended the viewer.
fn run(args: &Args, filter: &Filter) -> Result<Option<i32>, Error> {
    duizhao::engine::words::warm_up();
    let mut sources = if args.sources.is_empty() {
        source::samples()
    } else {
        source::load_with(&args.sources, source::LoadOptions { raw: args.raw })?
    };
    source::assign_sigla(&mut sources, args.sigla.as_deref())?;
    let shown = Pair::new(
        source::select(&sources, &args.left, "--left")?,
        source::select(&sources, &args.right, "--right")?,
    );
    let markup = args.markup.profile();
    let Some(format) = args.report else {
        let store = args
            .remember
            .then(duizhao::viewer::places::Store::default_location)
            .flatten();
        let options = duizhao::viewer::app::Options {
            markup,
            filter: *filter,
            widths: duizhao::text::width::Widths {
                ambiguous_wide: args.ambiguous_wide,
            },
            resume: store
                .as_ref()
                .and_then(|s| s.recall(shown.map(|i| &sources[i]))),
        };
        return view(sources, shown, options, store);
    };
    // Normalised on all cores: every source for the apparatus, the two shown for a pair.
    let normalized = |indices: &[usize]| -> Vec<std::sync::Arc<Normalized>> {
        let named: Vec<(&str, &str)> = indices
            .iter()
            .map(|&i| (sources[i].name.as_str(), sources[i].text.as_str()))
            .collect();
        normalize_all(&named, markup)
            .into_iter()
            .map(std::sync::Arc::new)
            .collect()
    };
    if args.all || format == Format::Tei {
        // The apparatus of all sources, or (TEI of a pair) of the two shown.
        let (witnesses, base) = if args.all {
            ((0..sources.len()).collect::<Vec<_>>(), shown.left)
        } else {
            (vec![shown.left, shown.right], 0)
        };
        let norms = normalized(&witnesses);
        let markups: Vec<Markup> = norms.iter().map(|n| n.markup).collect();
        let collation = collate(&norms, base, filter);
        let chosen: Vec<&Source> = witnesses.iter().map(|&i| &sources[i]).collect();
        let report = ApparatusReport::new(&chosen, &markups, &collation);
        let output = match format {
            Format::Json => to_json(&report),
            Format::Markdown => markdown::apparatus(&report),
            Format::Tei => duizhao::report::tei::apparatus(&report),
            Format::Html => html::apparatus(&report, chosen[collation.base]),
        };
        return print(&output);
    }
    let pair: Pair<&Source> = shown.map(|i| &sources[i]);
    let norms = normalized(&[shown.left, shown.right]);
    let comparison = compare_normalized(Pair::new(norms[0].clone(), norms[1].clone()));
    if args.units {
        let report = UnitsReport::new(pair, &comparison, filter);
        return print(&match format {
            Format::Json => to_json(&report),
            // (TEI, an apparatus, was written above; `--units` refuses it.)
            Format::Markdown | Format::Tei => markdown::units(&report),
            Format::Html => html::units(&report),
        });
    }
    let report = PairReport::new(pair, &comparison, filter);
    let output = match format {
        Format::Json => to_json(&report),
        // (TEI, an apparatus, was written above.)
        Format::Markdown | Format::Tei => markdown::pair(&report),
        Format::Html => html::pair(&report, &duizhao::sections::Aligned::new(pair, &comparison)),
    };
    print(&output)
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

fn view(
    sources: Vec<Source>,
    shown: Pair<usize>,
    options: duizhao::viewer::app::Options,
    store: Option<duizhao::viewer::places::Store>,
) -> Result<Option<i32>, Error> {
    use std::io::{IsTerminal, Write};
    let err = |kind: ErrorKind| Error::new("terminal", kind);
    // Keys come from standard input, or from the terminal itself when standard input was
    // read as a source (`-`).
    let keyboard = std::io::stdin().is_terminal() || std::fs::File::open("/dev/tty").is_ok();
    if !std::io::stdout().is_terminal() || !keyboard {
        return Err(err(ErrorKind::NotATerminal));
    }
    // Running out of memory aborts without restoring the terminal: refuse before taking it.
    let chars: usize = sources.iter().map(|s| s.char_len()).sum();
    let needed = duizhao::viewer::memory_budget(chars as u64);
    if let Some(available) = available_memory()
        && needed > available
    {
        return Err(err(ErrorKind::NotEnoughMemory { needed, available }));
    }
    // A theme file that cannot be used is said before the terminal is taken.
    let theme =
        duizhao::viewer::theme::Theme::load(duizhao::viewer::theme::Theme::file().as_deref())?;
    let size = crossterm::terminal::size().map_err(|e| err(ErrorKind::Io(e.to_string())))?;
    // The first frame is drawn at once; the pair is compared on another thread meanwhile.
    let app = duizhao::viewer::app::App::starting(sources, shown, options, size);
    let (ended, app) = duizhao::viewer::terminal::run(app, theme)
        .map_err(|e| err(ErrorKind::Io(e.to_string())))?;
    // The place where this run ended, for the next run on the pair (a failure to write it
    // is said, not fatal).
    if let Some(store) = store
        && !app.is_starting()
        && let Err(e) = store.keep(app.pair(), app.saved_place())
    {
        let _ = writeln!(
            std::io::stderr(),
            "duizhao: {}: could not remember the place: {e}",
            duizhao::text::sanitize::escape(&store.path().display().to_string())
        );
    }
    Ok(ended)
}

/// The memory the system can give this process without swapping (`MemAvailable`), if known.
fn available_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let kib: u64 = info
        .lines()
        .find_map(|l| l.strip_prefix("MemAvailable:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}
