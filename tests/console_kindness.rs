//! The console is kind to a class: a command typed in the Russian keyboard layout is
//! recognised, `quit` and `exit` say the console stays open, and a VM is found by its Id.
#![cfg(not(target_arch = "wasm32"))]

use vm_playground::console::{run, Host};

fn host() -> Host {
    let host = Host::default();
    run("create web-01", &host);
    run("create db-01 --stopped", &host);
    host
}

#[test]
fn a_command_in_the_russian_layout_is_recognised() {
    let host = host();
    let output = run("ыефке ви-01", &host);
    assert!(output.error);
    assert_eq!(
        output.lines,
        [
            "error: unknown command: 'ыефке'",
            "did you mean 'start'? — the keyboard is in Russian layout"
        ]
    );
    // Capitals and a near miss in the layout alike.
    assert_eq!(
        run("ЫЕФКЕ", &host).lines[1],
        "did you mean 'start'? — the keyboard is in Russian layout"
    );
    assert_eq!(
        run("ыргевщцт", &host).lines[1],
        "did you mean 'shutdown'? — the keyboard is in Russian layout"
    );
}

#[test]
fn a_cyrillic_word_that_is_no_command_in_any_layout_gets_no_guess() {
    let output = run("привет", &host());
    assert_eq!(output.lines, ["error: unknown command: 'привет'"]);
}

#[test]
fn quit_and_exit_say_the_console_stays_open() {
    for word in ["quit", "exit", "virsh exit"] {
        let output = run(word, &host());
        assert_eq!(
            output.lines,
            ["this console is part of the page: it stays open (there is nothing to quit)"],
            "{word}"
        );
    }
}

#[test]
fn dominfo_finds_a_vm_by_its_id() {
    let output = run("dominfo 1", &host());
    assert!(!output.error, "{:?}", output.lines);
    assert!(
        output.lines.iter().any(|line| line.contains("web-01")),
        "{:?}",
        output.lines
    );
}
