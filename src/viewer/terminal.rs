//! Running the viewer in a real terminal: raw mode, the alternate screen and mouse reporting
//! on the way in, all of it undone on the way out, on every way out: quitting, a panic (the
//! terminal is restored before the panic message is printed), SIGTERM, SIGHUP and SIGINT (the
//! loop notices within one tick and leaves cleanly), and suspending with Ctrl-Z or
//! SIGTSTP (the terminal is restored before the process stops, and set up and redrawn when it
//! is continued with `fg`).

use super::app::App;
use super::keys::{Input, Key};
use super::render;
use super::theme::Theme;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// How long the event loop waits for an event before it checks the signal flags again.
const TICK: Duration = Duration::from_millis(250);
/// How often the watchdog checks whether the terminal is still there.
const WATCHDOG_TICK: Duration = Duration::from_millis(500);
/// How long the event loop waits for an event while work runs in the background.
const BUSY_TICK: Duration = Duration::from_millis(50);
/// How long the first frame waits for the first comparison before it shows `comparing …`.
const FIRST_FRAME_WAIT: Duration = Duration::from_millis(30);
/// Most queued events handled between two frames.
const MAX_BATCH: usize = 1024;
/// How long the watchdog leaves the event loop to end by itself before ending the process.
const GRACE: Duration = Duration::from_secs(1);

/// Puts the terminal back as it was, if the viewer has it: calling it again does nothing (a
/// second `LeaveAlternateScreen` would move the cursor back to where the viewer started, and
/// what is printed after, a panic's message, would be written over).
pub fn restore() {
    if !TAKEN.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen);
    let _ = execute!(io::stdout(), crossterm::cursor::Show);
}

/// Whether the viewer has the terminal now (raw, the alternate screen, the mouse).
static TAKEN: AtomicBool = AtomicBool::new(false);

/// What [`restore_from_signal`] needs, kept before the terminal is first taken: the terminal's
/// file descriptor and its settings then, and the bytes that leave the alternate screen and
/// mouse reporting and show the cursor.
struct Saved {
    fd: libc::c_int,
    termios: libc::termios,
    bytes: Vec<u8>,
}

static SAVED: std::sync::OnceLock<Saved> = std::sync::OnceLock::new();

/// Keeps what [`restore_from_signal`] needs, the first time the terminal is taken: the
/// terminal crossterm sets raw (standard input when it is one, else `/dev/tty`, kept open).
fn save() {
    if SAVED.get().is_some() {
        return;
    }
    use std::io::IsTerminal;
    use std::os::fd::IntoRawFd;
    let fd = if io::stdin().is_terminal() {
        libc::STDIN_FILENO
    } else {
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
        {
            Ok(tty) => tty.into_raw_fd(),
            Err(_) => return,
        }
    };
    // SAFETY: a zeroed termios is a valid value for tcgetattr to fill.
    let mut termios: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `fd` is open and `termios` is valid for writes.
    if unsafe { libc::tcgetattr(fd, &mut termios) } != 0 {
        return;
    }
    use crossterm::Command;
    let mut bytes = String::new();
    let written = DisableMouseCapture
        .write_ansi(&mut bytes)
        .and_then(|()| LeaveAlternateScreen.write_ansi(&mut bytes))
        .and_then(|()| crossterm::cursor::Show.write_ansi(&mut bytes));
    if written.is_err() {
        return;
    }
    let _ = SAVED.set(Saved {
        fd,
        termios,
        bytes: bytes.into_bytes(),
    });
}

/// Puts the terminal back from a signal handler (an abort), if the viewer has it: only
/// async-signal-safe calls (write(2), tcsetattr(3)) on what [`save`] kept, no locks and no
/// allocation.
pub fn restore_from_signal() {
    if !TAKEN.load(Ordering::SeqCst) {
        return;
    }
    let Some(saved) = SAVED.get() else {
        return;
    };
    // SAFETY: both calls are async-signal-safe, on a descriptor kept open and memory that
    // lives as long as the process.
    unsafe {
        libc::write(1, saved.bytes.as_ptr().cast(), saved.bytes.len());
        libc::tcsetattr(saved.fd, libc::TCSANOW, &saved.termios);
    }
}

fn enter() -> io::Result<()> {
    save();
    enable_raw_mode()?;
    TAKEN.store(true, Ordering::SeqCst);
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)
}

/// Restores the terminal when dropped: on the way out of [`run`] however it is left (work
/// that ran out of memory on the input thread unwinds without the panic hook).
struct Taken;

impl Drop for Taken {
    fn drop(&mut self) {
        restore();
    }
}

fn setup() -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    enter()?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Stops the process the way Ctrl-Z does, with the terminal restored meanwhile; once
/// continued (`fg`), takes the terminal again at its current size and redraws everything.
fn suspend(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &mut App) -> io::Result<()> {
    restore();
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    enter()?;
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))?;
    app.update(Input::Resize(size.width, size.height));
    Ok(())
}

/// Signals that end or suspend the viewer, noticed by the event loop.
struct Signals {
    /// The number of the signal that asked to end, or 0.
    quit: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Signals {
    fn register() -> io::Result<Signals> {
        let quit = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            signal_hook::flag::register_usize(sig, Arc::clone(&quit), sig as usize)?;
        }
        signal_hook::flag::register(SIGTSTP, Arc::clone(&stop))?;
        Ok(Signals { quit, stop })
    }
}

/// Whether the terminal has hung up (its window closed or its server killed): the one the
/// keys come from is gone (standard input when it was a terminal at the start; else the
/// controlling terminal, `/dev/tty`, which crossterm then reads), or it can no longer be
/// measured. Standard input that is not a terminal (`cat a | duizhao - b`, `xargs`,
/// `< /dev/null`) says nothing about the terminal.
fn hung_up(keys_from_stdin: bool) -> bool {
    use std::io::IsTerminal;
    let keyboard_gone = if keys_from_stdin {
        !io::stdin().is_terminal()
    } else {
        std::fs::File::open("/dev/tty").is_err()
    };
    keyboard_gone || crossterm::terminal::size().is_err()
}

/// Ends the process when the terminal has gone away or a signal asked to end, should the
/// event loop not get there itself within a second: once the terminal is gone, crossterm's
/// reader can spin on end-of-file without ever returning (crossterm issue #793), so the loop
/// would never see the request.
fn watchdog(quit: Arc<AtomicUsize>) {
    let keys_from_stdin = {
        use std::io::IsTerminal;
        io::stdin().is_terminal()
    };
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(WATCHDOG_TICK);
            if hung_up(keys_from_stdin) {
                let _ =
                    quit.compare_exchange(0, SIGHUP as usize, Ordering::Relaxed, Ordering::Relaxed);
            }
            let sig = quit.load(Ordering::Relaxed);
            if sig != 0 {
                std::thread::sleep(GRACE);
                restore();
                std::process::exit(128 + sig as i32);
            }
        }
    });
}

/// Whether a terminal event is Ctrl-Z.
fn is_suspend(event: &Event) -> bool {
    matches!(event, Event::Key(KeyEvent { code: KeyCode::Char('z'), modifiers, kind: KeyEventKind::Press, .. })
        if modifiers.contains(KeyModifiers::CONTROL))
}

/// The application input for a terminal event, if it means anything.
pub fn input(event: Event) -> Option<Input> {
    match event {
        Event::Key(KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press | KeyEventKind::Repeat,
            ..
        }) => {
            let key = match code {
                KeyCode::Char('c') if modifiers.contains(KeyModifiers::CONTROL) => Key::Interrupt,
                // Alt-n is not `n`: an Alt-modified key is no key of the table.
                KeyCode::Char(_) if modifiers.contains(KeyModifiers::ALT) => return None,
                // Ctrl-Q is not `q`: Ctrl and a letter is a key of its own (Ctrl-D, Ctrl-L …).
                KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                    if !c.is_ascii_alphabetic() {
                        return None;
                    }
                    Key::Ctrl(c.to_ascii_lowercase())
                }
                KeyCode::Char(c) => Key::Char(c),
                KeyCode::Enter => Key::Enter,
                KeyCode::Esc => Key::Esc,
                KeyCode::Tab => Key::Tab,
                KeyCode::Backspace => Key::Backspace,
                KeyCode::Up => Key::Up,
                KeyCode::Down => Key::Down,
                KeyCode::PageUp => Key::PageUp,
                KeyCode::PageDown => Key::PageDown,
                KeyCode::Home => Key::Home,
                KeyCode::End => Key::End,
                _ => return None,
            };
            Some(Input::Key(key))
        }
        Event::Resize(w, h) => Some(Input::Resize(w, h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Input::WheelUp),
            MouseEventKind::ScrollDown => Some(Input::WheelDown),
            MouseEventKind::Down(crossterm::event::MouseButton::Left) => {
                Some(Input::Click(m.column, m.row))
            }
            _ => None,
        },
        _ => None,
    }
}

/// Runs the viewer, drawn with `theme`, until the user quits (`None`) or a signal ends it
/// (`Some(signal)`); hands back how it ended and the viewer's last state (the terminal restored by then).
pub fn run(mut app: App, theme: Theme) -> io::Result<(Option<i32>, App)> {
    let signals = Signals::register()?;
    watchdog(Arc::clone(&signals.quit));
    let taken = Taken;
    let mut terminal = setup()?;
    let result = event_loop(&mut terminal, &mut app, &signals, theme);
    drop(taken);
    result?;
    let ended = match signals.quit.load(Ordering::Relaxed) {
        0 => None,
        sig => Some(sig as i32),
    };
    Ok((ended, app))
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    signals: &Signals,
    theme: Theme,
) -> io::Result<()> {
    app.background = true;
    // Small texts are compared in a few milliseconds: their first frame is the real one
    // rather than a flash of `comparing …`.
    let soon = std::time::Instant::now() + FIRST_FRAME_WAIT;
    while app.busy().is_some() && std::time::Instant::now() < soon && !app.poll() {
        std::thread::sleep(Duration::from_millis(2));
    }
    let mut dirty = true;
    let mut resized = false;
    // Whether a key has come (for the panic test hook below).
    #[cfg(feature = "testkit")]
    let mut keyed = false;
    // Whether the terminal reports the mouse now (`enter` turned it on).
    let mut mouse = true;
    // What the status bar said about work in the background (it counts seconds).
    let mut busy = app.busy();
    while !app.quit && signals.quit.load(Ordering::Relaxed) == 0 {
        dirty |= app.poll();
        let now_busy = app.busy();
        dirty |= now_busy != busy;
        busy = now_busy;
        if signals.stop.swap(false, Ordering::Relaxed) {
            suspend(terminal, app)?;
            mouse = true;
            dirty = true;
        }
        // The mouse as the viewer wants it (`c` turns it off so the terminal selects text).
        if app.mouse != mouse {
            if app.mouse {
                execute!(io::stdout(), EnableMouseCapture)?;
            } else {
                execute!(io::stdout(), DisableMouseCapture)?;
            }
            mouse = app.mouse;
        }
        // A copy (`y`) goes to the terminal's clipboard as OSC 52.
        if let Some(text) = app.clipboard.take() {
            execute!(
                io::stdout(),
                crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
            )?;
        }
        if dirty {
            // Lay out for the size the frame is drawn at: a resize event may still be queued
            // behind other input, and the terminal has its new size already.
            let size = terminal.size()?;
            if (size.width, size.height) != (app.screen.area.width, app.screen.area.height) {
                app.update(Input::Resize(size.width, size.height));
            }
            if resized || std::mem::take(&mut app.redraw) {
                // Ctrl-L asks for it; and after a resize the terminal may have cut or reflowed
                // what was drawn, even if its size is back to the last one drawn at: draw
                // everything, not only what changed (`resize` clears without asking the
                // terminal where its cursor is, which a flood of input could delay past
                // crossterm's patience).
                terminal.resize(Rect::new(0, 0, size.width, size.height))?;
                resized = false;
            }
            terminal.draw(|frame| render::draw(frame, app, theme))?;
            dirty = false;
            // A test hook, only in the binary the tests build (the `testkit` feature): proves
            // that a panic still restores the terminal (tests/tmux/tmux_signals.rs). It waits
            // for a key, so that the test can see the terminal taken (the alternate screen,
            // raw mode) before the panic.
            #[cfg(feature = "testkit")]
            if keyed && std::env::var_os("DUIZHAO_TEST_PANIC").is_some() {
                panic!("DUIZHAO_TEST_PANIC is set: panicking at the first key");
            }
            // The same for an allocation that fails outside `work::reserve` (which aborts):
            // a real one, of more memory than any machine has.
            #[cfg(feature = "testkit")]
            if keyed && std::env::var_os("DUIZHAO_TEST_ABORT").is_some() {
                let huge: Vec<u8> = Vec::with_capacity(1 << 62);
                std::hint::black_box(huge);
            }
        }
        // While work runs in the background, look for its result often.
        let tick = if busy.is_some() { BUSY_TICK } else { TICK };
        if !event::poll(tick)? {
            continue;
        }
        // Everything already queued is taken before the next frame (up to a batch, so that a
        // flood of input still shows progress).
        for _ in 0..MAX_BATCH {
            let event = event::read()?;
            if is_suspend(&event) {
                suspend(terminal, app)?;
                // Taken again with the mouse on: set it as the viewer wants it.
                mouse = true;
            } else if let Some(input) = input(event) {
                resized |= matches!(input, Input::Resize(..));
                #[cfg(feature = "testkit")]
                {
                    keyed |= matches!(input, Input::Key(_));
                }
                app.update(input);
            }
            dirty = true;
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Option<Input> {
        input(Event::Key(KeyEvent::new(code, modifiers)))
    }

    #[test]
    fn modified_letters_are_keys_of_their_own() {
        assert_eq!(
            key(KeyCode::Char('q'), KeyModifiers::NONE),
            Some(Input::Key(Key::Char('q')))
        );
        assert_eq!(
            key(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Input::Key(Key::Char('G')))
        );
        // Ctrl-Q is not `q`; Ctrl-D is a key of its own, whatever the case the terminal sends.
        assert_eq!(
            key(KeyCode::Char('q'), KeyModifiers::CONTROL),
            Some(Input::Key(Key::Ctrl('q')))
        );
        assert_eq!(
            key(
                KeyCode::Char('D'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            ),
            Some(Input::Key(Key::Ctrl('d')))
        );
        assert_eq!(key(KeyCode::Char('n'), KeyModifiers::ALT), None);
        assert_eq!(
            key(
                KeyCode::Char('n'),
                KeyModifiers::ALT | KeyModifiers::CONTROL
            ),
            None
        );
        assert_eq!(key(KeyCode::Char('1'), KeyModifiers::CONTROL), None);
        assert_eq!(
            key(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Input::Key(Key::Interrupt))
        );
    }
}
