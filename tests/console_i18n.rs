//! The console's catalogue is complete in both languages: every message names the same
//! arguments in English and Russian and renders with sample arguments; Russian keeps English
//! only where libvirt's own translation does; every help text of the command table has its
//! Russian. (A missing or extra message fails the build: `ConsoleTexts` is a struct.) What
//! the Russian console prints is checked line for line against virsh in
//! `tests/console_virsh.rs`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

use vm_playground::console::{complete, run_in, Host, COMMANDS};
use vm_playground::i18n::{arguments, ConsoleTexts, Lang};

mod support;

use support::{sorted, templates as catalogue_templates, with_samples};

/// Every template of the console's catalogue by key (lists as `key.<index>`; `help`, a table
/// keyed by English, is left out).
fn templates(texts: &ConsoleTexts) -> BTreeMap<String, String> {
    catalogue_templates(texts, &["help"])
}

/// The messages libvirt leaves in English under a Russian locale (virsh's success lines, its
/// "Failed to ... domain" line, QEMU's reasons it has no translation for), and those that hold
/// no words (`{error}`, `UUID:`, `yes`/`no`, which virsh prints as they are).
const ENGLISH_IN_RUSSIAN: &[&str] = &[
    "domain_created",
    "domain_defined",
    "domain_started",
    "domain_shutdown",
    "domain_destroyed",
    "domain_suspended",
    "domain_resumed",
    "domain_rebooted",
    "domain_undefined",
    "domain_renamed",
    "failed_to",
    "reason_already_active",
    "reason_not_paused",
    "other_error",
    "state_with_reason",
    "dominfo_keys.2",
    "yes",
    "no",
    "mirror_edit",
    // libvirt leaves `snapshot-revert`'s message in English; virt-clone's error prefix is
    // English in Russian too, and the core's error is already in the language.
    "snapshot_reverted",
    "clone_error_line",
    "clone_other_error",
];

#[test]
fn both_languages_name_the_same_arguments() {
    let english = templates(Lang::En.console());
    for lang in Lang::ALL {
        let other = templates(lang.console());
        assert_eq!(
            other.keys().collect::<Vec<_>>(),
            english.keys().collect::<Vec<_>>()
        );
        for (key, template) in &other {
            assert_eq!(
                sorted(arguments(template)),
                sorted(arguments(&english[key])),
                "{lang:?} {key}: arguments differ from English"
            );
        }
    }
}

#[test]
fn every_message_renders_in_both_languages() {
    for lang in Lang::ALL {
        let t = lang.console();
        for (key, template) in templates(t) {
            let (filled, values) = with_samples(&template);
            let text = t.error(&filled);
            assert!(!text.contains('{'), "{lang:?} {key}: left unfilled: {text}");
            for value in &values {
                assert!(
                    text.contains(value.as_str()),
                    "{lang:?} {key}: {value} lost"
                );
            }
        }
    }
}

#[test]
fn russian_keeps_english_only_where_libvirt_does() {
    let english = templates(Lang::En.console());
    let russian = templates(Lang::Ru.console());
    let same: BTreeSet<&str> = russian
        .iter()
        .filter(|(key, template)| english[*key] == **template)
        .map(|(key, _)| key.as_str())
        .collect();
    let expected: BTreeSet<&str> = ENGLISH_IN_RUSSIAN.iter().copied().collect();
    assert_eq!(same, expected);
}

/// Every help text of the command table: summaries, descriptions, arguments', options'.
fn help_texts() -> BTreeSet<&'static str> {
    let mut texts = BTreeSet::new();
    for spec in COMMANDS {
        texts.extend([spec.summary, spec.description]);
        texts.extend(spec.args.iter().map(|arg| arg.help));
        texts.extend(spec.options.iter().map(|option| option.help));
    }
    texts
}

/// Help texts libvirt's Russian catalogue leaves in English (`LANGUAGE=ru virsh help list`).
const LEFT_IN_ENGLISH_BY_LIBVIRT: [&str; 1] = ["list domain IDs only"];

#[test]
fn every_help_text_has_its_russian() {
    let russian = Lang::Ru.console();
    let keys: Vec<&str> = russian.help.iter().map(|(english, _)| *english).collect();
    let unique: BTreeSet<&str> = keys.iter().copied().collect();
    assert_eq!(unique.len(), keys.len(), "a help text translated twice");
    let texts = help_texts();
    let missing: Vec<&&str> = texts.difference(&unique).collect();
    assert!(missing.is_empty(), "no Russian for {missing:?}");
    let stale: Vec<&&str> = unique.difference(&texts).collect();
    assert!(
        stale.is_empty(),
        "Russian for help texts no command has: {stale:?}"
    );
    for (english, translated) in russian.help {
        // libvirt's Russian leaves a few of its help texts in English; so does the console.
        if !LEFT_IN_ENGLISH_BY_LIBVIRT.contains(english) {
            assert_ne!(english, translated);
        }
        assert_eq!(Lang::En.console().help(english), *english);
    }
}

#[test]
fn the_russian_console_speaks_libvirts_russian() {
    let host = Host::default();
    let run = |line: &str| run_in(line, &host, Lang::Ru);
    assert_eq!(run("create web-01").lines, ["Domain 'web-01' created"]);
    let refused = run("start web-01");
    assert!(refused.error);
    assert_eq!(refused.lines, ["ошибка: Домен уже активен"]);
    // The event log has the core's words in the console's language.
    assert_eq!(
        refused.record.unwrap().error.unwrap(),
        "нельзя запустить «web-01»: она уже работает"
    );
    assert_eq!(
        run_in("start web-01", &host, Lang::En)
            .record
            .unwrap()
            .error
            .unwrap(),
        "cannot start 'web-01': it is already running"
    );
    assert_eq!(
        run("list").lines,
        [
            " ID   Имя      Состояние",
            "--------------------------",
            " 1    web-01   работает"
        ]
    );
    let help = run("help").lines;
    assert_eq!(help[0], "Группы команд:");
    assert_eq!(help[2], " Domain Management (ключевое слово «domain»):");
    assert!(help.contains(&format!(
        "    {:<30} {}",
        "start", "запустить неактивный домен (определение должно быть создано заранее)"
    )));
    let start = run("help start").lines;
    assert_eq!(start[0], "  ИМЯ");
    assert!(start.contains(&"    [--domain] <строка>  имя неактивного домена".to_owned()));
    assert_eq!(
        run("strat").lines,
        [
            "ошибка: неизвестная команда: «strat»",
            "возможно, имелось в виду «start»?"
        ]
    );
}

#[test]
fn the_consoles_notes_follow_the_language() {
    let names: Vec<String> = (0..120).map(|i| format!("vm-{i:03}")).collect();
    let completion = complete("start vm-", &names);
    let russian = completion.candidates_line_in(Lang::Ru).unwrap();
    assert!(russian.ends_with("vm-049  … и ещё 70: введите больше символов, чтобы сузить выбор"));
    assert_eq!(
        completion.candidates_line_in(Lang::En),
        completion.candidates_line()
    );
}

#[test]
fn the_gui_mirrors_comments_in_the_language_and_commands_as_syntax() {
    use vm_playground::console::{command_for, command_for_in, GuiAction};
    use vm_playground::VmConfig;
    let discard = GuiAction::DiscardPending { name: "web-01" };
    assert_eq!(
        command_for_in(&discard, Lang::Ru),
        ["# отменить отложенную конфигурацию web-01 (в virsh нет такой команды в одну строку)"]
    );
    assert_eq!(command_for_in(&discard, Lang::En), command_for(&discard));
    let from = VmConfig {
        name: "web-01".into(),
        ..VmConfig::default()
    };
    let to = VmConfig {
        disk_size: from.disk_size + 10,
        ..from.clone()
    };
    let edit = GuiAction::Update {
        name: "web-01",
        from: &from,
        to: &to,
    };
    // The same words as the pending change in the list (`Lang::config_changes`).
    assert_eq!(
        command_for_in(&edit, Lang::Ru),
        [format!(
            "# virsh edit web-01: {}",
            Lang::Ru.config_changes(&from, &to).join(", ")
        )]
    );
    assert_eq!(
        Lang::Ru.config_changes(&from, &to),
        ["размер диска 10\u{a0}ГБ → 20\u{a0}ГБ"]
    );
}
