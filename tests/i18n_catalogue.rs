//! The catalogue is complete in every language: every message names the same arguments in
//! every language, renders with sample arguments, and counted words follow each language's
//! plural rules. (A missing or extra message fails the build: [`Texts`] is a struct.)
//! Native only: the browser build reads Russian from a file (`i18n::file`), tested here too.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use vm_playground::i18n::{arguments, fill, Lang, Plural, PluralForm, Texts};

mod support;

use support::{sorted, templates as catalogue_templates, with_samples};

/// Every template of a language by key (`key` or `key.one`/`key.few`/`key.many`).
fn templates(texts: &Texts) -> BTreeMap<String, String> {
    catalogue_templates(texts, &[])
}

#[test]
fn every_language_names_the_same_arguments_as_english() {
    let english = templates(Lang::En.texts());
    for lang in Lang::ALL {
        let other = templates(lang.texts());
        assert_eq!(
            other.keys().collect::<Vec<_>>(),
            english.keys().collect::<Vec<_>>()
        );
        for (key, template) in &other {
            // A Russian plural form may leave the count out ("одна"), never add arguments.
            let expected = sorted(arguments(&english[key]));
            let got = sorted(arguments(template));
            if key.contains('.') {
                assert!(
                    got.iter().all(|name| expected.contains(name)),
                    "{lang} {key}: {got:?} not within {expected:?}"
                );
            } else {
                assert_eq!(got, expected, "{lang} {key}: arguments differ from English");
            }
        }
    }
}

/// The list's rows pass their text into the page with control characters between fields
/// (`web::ui::vm_row`): no text may hold one.
#[test]
fn no_text_holds_a_control_character() {
    for lang in Lang::ALL {
        for (key, template) in templates(lang.texts()) {
            assert!(
                !template.chars().any(char::is_control),
                "{lang} {key} holds a control character"
            );
        }
    }
}

#[test]
fn every_message_renders_in_every_language() {
    for lang in Lang::ALL {
        for (key, template) in templates(lang.texts()) {
            let (text, values) = with_samples(&template);
            assert!(!text.trim().is_empty(), "{lang} {key} is empty");
            assert!(
                !text.contains('{') || template.contains("{{"),
                "{lang} {key}: left unfilled: {text}"
            );
            for value in &values {
                assert!(
                    text.contains(value.as_str()),
                    "{lang} {key}: {value} missing"
                );
            }
        }
    }
}

#[test]
fn russian_text_has_no_english_words_outside_syntax() {
    // Words that stay as written in Russian: the product's name, virsh's command words and
    // abbreviations Russian docs use as they are.
    let allowed = [
        "VM",
        "Playground",
        "ISO",
        "vCPU",
        "JS",
        "API",
        "CD",
        "Tab",
        "Ctrl",
        "virsh",
        "start",
        "stop",
        "pause",
        "resume",
        "lab",
        // A key's name as keyboards print it (the share dialog's "Ctrl+C").
        "Ctrl",
        // JavaScript syntax and names the JS API's messages show as they are.
        "JavaScript",
        "localStorage",
        "JSON",
        "Date",
        "NFC",
        "null",
        "true",
        "false",
        "name",
        "web",
        "memory",
        "vcpus",
        "diskPath",
        "diskSize",
        "isoImage",
        "network",
        // The JS API's host keys (setHost).
        "cpus",
        "storage",
        "overcommit",
        // An export file's keys, named where one is missing or wrong.
        "format",
        "version",
        "vms",
    ];
    for (key, template) in templates(Lang::Ru.texts()) {
        // Arguments are user data or numbers: filled with a digit, they hold no words.
        let names = arguments(&template);
        let args: Vec<(&str, &dyn std::fmt::Display)> = names
            .iter()
            .map(|name| (*name, &0 as &dyn std::fmt::Display))
            .collect();
        let filled = fill(&template, &args);
        for word in filled
            .split(|ch: char| !ch.is_ascii_alphabetic())
            .filter(|word| word.len() > 1)
        {
            assert!(
                allowed.contains(&word),
                "ru {key}: English word {word:?} in {template:?}"
            );
        }
    }
}

#[test]
fn plural_forms_follow_each_language() {
    use PluralForm::*;
    let ru = [
        (0, Many),
        (1, One),
        (2, Few),
        (4, Few),
        (5, Many),
        (11, Many),
        (12, Many),
        (14, Many),
        (21, One),
        (22, Few),
        (25, Many),
        (101, One),
        (111, Many),
        (112, Many),
        (122, Few),
    ];
    for (n, form) in ru {
        assert_eq!(Lang::Ru.plural_form(n), form, "ru {n}");
    }
    assert_eq!(Lang::En.plural_form(1), One);
    assert_eq!(Lang::En.plural_form(0), Many);
    assert_eq!(Lang::En.plural_form(21), Many);

    let machines = Plural {
        one: "{n} виртуальная машина",
        few: "{n} виртуальные машины",
        many: "{n} виртуальных машин",
    };
    assert_eq!(Lang::Ru.plural(&machines, 1, &[]), "1 виртуальная машина");
    assert_eq!(Lang::Ru.plural(&machines, 2, &[]), "2 виртуальные машины");
    assert_eq!(Lang::Ru.plural(&machines, 5, &[]), "5 виртуальных машин");
    let vms = &Lang::Ru.texts().summary_vms;
    for n in [1, 3, 5] {
        assert_eq!(Lang::Ru.plural(vms, n, &[]), format!("{n} ВМ"));
    }
    assert_eq!(
        Lang::En.plural(&Lang::En.texts().summary_vms, 1, &[]),
        "1 VM"
    );
    assert_eq!(
        Lang::En.plural(&Lang::En.texts().summary_vms, 10_000, &[]),
        "10,000 VMs"
    );
}

#[test]
fn numbers_and_sizes_are_written_the_language_s_way() {
    assert_eq!(Lang::En.number(0), "0");
    assert_eq!(Lang::En.number(999), "999");
    assert_eq!(Lang::En.number(1024), "1,024");
    assert_eq!(Lang::En.number(u64::MAX), "18,446,744,073,709,551,615");
    assert_eq!(Lang::Ru.number(1024), "1\u{a0}024");
    assert_eq!(Lang::Ru.number(10_000), "10\u{a0}000");
    assert_eq!(Lang::En.memory(512), "512 MB");
    assert_eq!(Lang::En.memory(2048), "2 GB");
    assert_eq!(Lang::Ru.memory(512), "512\u{a0}МБ");
    assert_eq!(Lang::Ru.memory(1536), "1,5\u{a0}ГБ");
    assert_eq!(Lang::Ru.gigabytes(10), "10\u{a0}ГБ");
}

#[test]
fn the_language_is_chosen_from_the_address_then_the_last_choice_then_the_browser() {
    assert_eq!(Lang::choose(Some("ru"), Some("en"), &["en-US"]), Lang::Ru);
    assert_eq!(Lang::choose(None, Some("ru"), &["en-US"]), Lang::Ru);
    assert_eq!(Lang::choose(Some("klingon"), Some("ru"), &[]), Lang::Ru);
    assert_eq!(Lang::choose(None, None, &["ru-RU", "en"]), Lang::Ru);
    assert_eq!(Lang::choose(None, None, &["fr-FR", "de"]), Lang::En);
    assert_eq!(Lang::choose(None, None, &[]), Lang::En);
    assert_eq!(Lang::from_tag("RU"), Some(Lang::Ru));
    assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
    assert_eq!(Lang::from_tag(""), None);
}

#[test]
fn every_language_names_itself() {
    assert_eq!(Lang::En.own_name(), "English");
    assert_eq!(Lang::Ru.own_name(), "Русский");
    assert_eq!(Lang::En.texts().language, "Language");
    assert_eq!(Lang::Ru.texts().language, "Язык");
}

#[test]
fn a_field_s_value_in_words_is_one_source_for_the_list_and_the_details() {
    use vm_playground::{ConfigField, VmConfig};
    let config = VmConfig {
        name: "web-01".into(),
        memory: 1536,
        vcpus: 2,
        disk_path: "/images/web.qcow2".into(),
        disk_size: 1024,
        iso_image: None,
        network: "default".into(),
    };
    let words = |lang: Lang| {
        ConfigField::ALL
            .map(|field| lang.field_value(&config, field))
            .to_vec()
    };
    assert_eq!(
        words(Lang::En),
        [
            "web-01",
            "1.5 GB",
            "2",
            "/images/web.qcow2",
            "1,024 GB",
            "none",
            "default"
        ]
    );
    assert_eq!(
        words(Lang::Ru),
        [
            "web-01",
            "1,5\u{a0}ГБ",
            "2",
            "/images/web.qcow2",
            "1\u{a0}024\u{a0}ГБ",
            "нет",
            "default"
        ]
    );
}

/// The browser build carries English only and fetches Russian from `src/i18n/ru.txt`
/// (`i18n::file`): the file must be `ru.rs`'s and `console_ru.rs`'s words, in the order the
/// page reads them. After changing a Russian message, write it again with
/// `UPDATE_CATALOGUE=1 cargo test --test i18n_catalogue`.
#[test]
fn the_russian_file_is_the_russian_catalogue() {
    use vm_playground::i18n::{read_file, write_file, CONSOLE_RU, RU};

    let written = write_file(&RU, &CONSOLE_RU);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/i18n/ru.txt");
    if std::env::var_os("UPDATE_CATALOGUE").is_some() {
        std::fs::write(path, &written).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == written,
        "src/i18n/ru.txt is not ru.rs's and console_ru.rs's words: write it with \
         `UPDATE_CATALOGUE=1 cargo test --test i18n_catalogue`"
    );

    let (texts, console) = read_file(written.clone().leak()).expect("the file fills both");
    // Every field, in declaration order.
    let json = |value: serde_json::Result<String>| value.unwrap();
    assert_eq!(
        json(serde_json::to_string(&texts)),
        json(serde_json::to_string(&RU))
    );
    assert_eq!(
        json(serde_json::to_string(&console)),
        json(serde_json::to_string(&CONSOLE_RU))
    );
    // A file of another build (a message more or fewer) is refused, not read askew.
    assert!(read_file(format!("{written}one more\n").leak()).is_none());
    let shorter = written.trim_end_matches('\n').rsplit_once('\n').unwrap().0;
    assert!(read_file(format!("{shorter}\n").leak()).is_none());
}
