//! The console panel: type virsh-style commands (↑/↓ history, Tab completion); GUI actions
//! print the command they amount to. Commands run on the same app as the buttons.

use leptos::prelude::*;

use super::on_screen::on_screen;
use crate::console::{self, complete, format_history, run_in, ConsoleBackend, History};
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
        let result = app.run_console(|| run_in(&line, &app, lang));
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
            <div class="console-output" translate="no" role="log" aria-label=language.text(|t| t.console_output) node_ref=output tabindex="0">
                <For
                    each=move || app.transcript.get()
                    key=|(id, _)| *id
                    let:entry
                >
                    <div class=match entry.1.kind {
                        LineKind::Input => "line input",
                        LineKind::Output => "line",
                        LineKind::Error => "line error",
                        LineKind::Mirror => "line mirror",
                        LineKind::Note => "line note",
                    }>{entry.1.text}</div>
                </For>
            </div>
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
