//! The console panel: type virsh-style commands (↑/↓ history, Tab completion); GUI actions
//! print the command they amount to. Commands run on the same app as the buttons.

use leptos::prelude::*;

use super::create_element;
use super::on_screen::on_screen;
use crate::console::{
    self, complete, execute_in, format_history, Command, ConsoleBackend, History,
};
use crate::event_log::Source;
use crate::manager::limits::excerpt;
use crate::web::app::{now, App, Line, LineKind};
use crate::web::language::Language;

super::deferred::chunk!(
    /// The console, in a chunk of its own (below the first screen).
    console_part,
    below_first_screen,
    view! { <Console /> }
);

fn lines(kind: LineKind, texts: impl IntoIterator<Item = String>) -> Vec<Line> {
    texts.into_iter().map(|text| Line { kind, text }).collect()
}

/// The console.
#[component]
pub fn Console() -> impl IntoView {
    let app = expect_context::<App>();
    let language = expect_context::<Language>();
    let input = RwSignal::new(String::new());
    let history = StoredValue::new(History::default());
    let output = NodeRef::<leptos::html::Div>::new();

    // Keep the newest line in view while the output is on screen, and bring it into view when
    // the output comes back: scrolling lays the page out, which with 10,000 rows was ~4 ms of
    // every click while the console was scrolled away. Scrolled past its end (the browser
    // stops it there) rather than to its height, which would be read first.
    let shown = on_screen(output);
    Effect::new(move |_| {
        app.transcript.track();
        if !shown.get() {
            return;
        }
        if let Some(output) = output.get_untracked() {
            request_animation_frame(move || output.set_scroll_top(i32::MAX));
        }
    });

    follow_transcript(app, output);

    let submit = move || {
        let line = input.get_untracked();
        input.set(String::new());
        // A line too long to run is echoed cut short and kept out of the history: the error
        // below says why.
        let fits = console::check_line(&line).is_ok();
        if fits {
            history.update_value(|history| history.push(&line));
        }
        let echoed = if fits {
            line.as_str().into()
        } else {
            excerpt(&line)
        };
        app.print([Line {
            kind: LineKind::Input,
            text: format!("virsh # {echoed}"),
        }]);
        let lang = language.get_untracked();
        // Each command of a line such as `list; domid web-01` runs, prints, and is logged and
        // undone on its own, as if typed alone; a mistake in any runs none, as in virsh.
        let commands = match console::parse(&line) {
            Ok(Command::Sequence(commands)) => commands,
            Ok(command) => vec![command],
            Err(error) => {
                let output = console::Output::parse_error(&error, lang);
                app.print(lines(LineKind::Error, output.lines));
                return;
            }
        };
        for command in commands {
            let result = app.run_console(|| execute_in(&command, &app, lang));
            if let Some(record) = &result.record {
                app.log(record.to_event(now(), Source::Console));
            }
            match result.effect {
                Some(console::Effect::Clear) => app.transcript.set(Vec::new()),
                Some(console::Effect::ShowHistory) => {
                    let entries = history.with_value(|history| format_history(history.entries()));
                    app.print(lines(LineKind::Output, entries));
                }
                None => {
                    let kind = if result.error {
                        LineKind::Error
                    } else {
                        LineKind::Output
                    };
                    app.print(lines(kind, result.lines));
                }
            }
        }
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| match event.key().as_str() {
        "Enter" => {
            event.prevent_default();
            submit();
        }
        "ArrowUp" => {
            event.prevent_default();
            let current = input.get_untracked();
            if let Some(line) = history
                .try_update_value(|history| history.up(&current).map(str::to_owned))
                .flatten()
            {
                input.set(line);
            }
        }
        "ArrowDown" => {
            event.prevent_default();
            if let Some(line) = history
                .try_update_value(|history| history.down().map(str::to_owned))
                .flatten()
            {
                input.set(line);
            }
        }
        "Tab" if !event.shift_key() && !input.with_untracked(String::is_empty) => {
            event.prevent_default();
            let completion = complete(&input.get_untracked(), &app.names());
            if let Some(text) = completion.candidates_line_in(language.get_untracked()) {
                app.print([Line {
                    kind: LineKind::Output,
                    text,
                }]);
            }
            input.set(completion.line);
        }
        _ => {}
    };

    view! {
        <section class="panel console" aria-labelledby="console-title">
            <h2 id="console-title">{language.text(|t| t.console_heading)}</h2>
            <p class="hint">
                {language.text(|t| t.console_try)} <code translate="no">"list --all"</code> ", "
                <code translate="no">"start build-runner"</code> {language.text(|t| t.console_or)} <code translate="no">"help"</code>
                {language.text(|t| t.console_keys)}
            </p>
            <div class="console-output" translate="no" role="log" aria-label=language.text(|t| t.console_output) node_ref=output tabindex="0"></div>
            <div class="console-input">
                <span class="prompt" aria-hidden="true">"virsh #"</span>
                <input
                    type="text"
                    aria-label=language.text(|t| t.command)
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    translate="no"
                    prop:value=move || input.get()
                    on:input=move |event| input.set(event_target_value(&event))
                    on:keydown=on_keydown
                />
            </div>
        </section>
    }
}

/// Keeps `output` showing the console's transcript, an element a line, touching only the lines
/// that came or went. (A `For` over the transcript copied all of it, up to 1,000 lines of text,
/// and compared every key on each line printed: with a full console, ~0.3 ms of every click,
/// which the console mirrors as a line.)
fn follow_transcript(app: App, output: NodeRef<leptos::html::Div>) {
    Effect::new(move |shown: Option<Vec<(u64, web_sys::Element)>>| {
        let shown = shown.unwrap_or_default();
        match output.get() {
            Some(container) => app
                .transcript
                .with(|lines| show_lines(&container, shown, lines)),
            None => shown,
        }
    });
}

/// The elements of `lines` in `container`, given `shown`, the elements of the lines it showed:
/// one still in the transcript keeps its element, the others go, and new lines get one where
/// they belong.
///
/// Lines leave the transcript from its top and come at its end, so the lines after its first
/// are in number order (the first may be the note on dropped lines, numbered when it came): a
/// search tells which shown lines are still there. Were that not so, a line the search missed
/// would get a new element, and a shown one out of order would go: never a wrong output.
fn show_lines(
    container: &web_sys::Element,
    shown: Vec<(u64, web_sys::Element)>,
    lines: &[(u64, Line)],
) -> Vec<(u64, web_sys::Element)> {
    let in_transcript = |id: u64| {
        lines.first().is_some_and(|(first, _)| *first == id)
            || lines
                .get(1..)
                .is_some_and(|rest| rest.binary_search_by_key(&id, |(id, _)| *id).is_ok())
    };
    let mut kept = shown
        .into_iter()
        .filter(|(id, element)| {
            let stays = in_transcript(*id);
            if !stays {
                element.remove();
            }
            stays
        })
        .peekable();
    let mut elements = Vec::with_capacity(lines.len());
    for (id, line) in lines {
        if let Some(entry) = kept.next_if(|(shown, _)| shown == id) {
            elements.push(entry);
            continue;
        }
        let element = create_element("div");
        element.set_class_name(match line.kind {
            LineKind::Input => "line input",
            LineKind::Output => "line",
            LineKind::Error => "line error",
            LineKind::Mirror => "line mirror",
            LineKind::Note => "line note",
        });
        element.set_text_content(Some(&line.text));
        let before = kept.peek().map(|(_, element)| element.as_ref());
        let _ = container.insert_before(&element, before);
        elements.push((*id, element));
    }
    for (_, element) in kept {
        element.remove();
    }
    elements
}
