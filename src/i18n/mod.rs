//! Every word the app shows, in every language it speaks: the text seam.
//!
//! A language is one file (`en.rs`, `ru.rs`) holding one [`Texts`] value: a struct with a field
//! per message, so a message missing from a language, or one too many, fails the build, and
//! each field's doc comment says where the message appears. Messages are templates with named
//! arguments (`"Start {name}"`), filled by [`fill`] at the edge, never concatenated from
//! fragments; counted messages are [`Plural`]s, chosen by each language's rules
//! ([`Lang::plural`]). Numbers are written the language's way by [`Lang::number`].
//!
//! Templates are data rather than code (a `format!` per message and language would cost the
//! page several times as much wasm): the whole of a language is its strings.
//!
//! To add a language: copy `en.rs` to a new file, translate every template (keep the
//! `{arguments}`; the native tests check that every template of every language names the same
//! arguments as English), then add the language to [`Lang`] (its variant, code, own name and
//! plural rule).
//!
//! The console's words are a catalogue of their own, [`ConsoleTexts`] (`console.rs`), read
//! with [`Lang::console`]: virsh's messages as libvirt translates them.
//!
//! Pure: the web layer keeps the current [`Lang`] in a signal and reads [`Lang::texts`].

mod console;
mod console_en;
// Russian's words are data the browser build fetches (`file.rs`); only native builds compile
// them in, to write that file and to test them.
#[cfg(not(target_arch = "wasm32"))]
mod console_ru;
mod en;
mod errors;
pub mod file;
#[cfg(not(target_arch = "wasm32"))]
mod ru;

use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::manager::ConfigField;

pub use console::ConsoleTexts;
pub use console_en::CONSOLE_EN;
#[cfg(not(target_arch = "wasm32"))]
pub use console_ru::CONSOLE_RU;
pub use en::EN;
#[cfg(not(target_arch = "wasm32"))]
pub use ru::RU;

/// A language of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// Russian.
    Ru,
}

impl Lang {
    /// Every language, in the order the language menu lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    /// The BCP 47 code: `<html lang>`, `?lang=`, and what is stored.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The language's name in itself, as the language menu shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
        }
    }

    /// Every message in this language. In the browser, a language read from its file
    /// ([`Lang::file`]) speaks English until it has been read.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            #[cfg(not(target_arch = "wasm32"))]
            Lang::Ru => &RU,
            #[cfg(target_arch = "wasm32")]
            Lang::Ru => RUSSIAN.get().map_or(&EN, |russian| &russian.0),
        }
    }

    /// The file of this language's words, for a build that doesn't carry them (the browser's
    /// carries English only): `ru-<hash of its content>.txt`, beside the page. `None` once
    /// the words are in: English, or a language whose file has been read ([`Lang::read`]).
    pub fn file(self) -> Option<&'static str> {
        match self {
            Lang::En => None,
            #[cfg(not(target_arch = "wasm32"))]
            Lang::Ru => None,
            #[cfg(target_arch = "wasm32")]
            Lang::Ru => RUSSIAN
                .get()
                .is_none()
                .then_some(env!("VM_PLAYGROUND_RU_FILE")),
        }
    }

    /// Takes this language's words from `file`, the text of [`Lang::file`]; `false` (and
    /// nothing changes) for a file of another build, whose lines don't fill the catalogues.
    pub fn read(self, file: String) -> bool {
        #[cfg(target_arch = "wasm32")]
        if self == Lang::Ru {
            return read_file(file.leak()).is_some_and(|words| RUSSIAN.set(words).is_ok());
        }
        let _ = file;
        false
    }

    /// The language a tag names, case aside, regions and scripts ignored: `ru-RU` and `RU` are
    /// Russian. `None` for a language the app doesn't have.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Lang::ALL
            .into_iter()
            .find(|lang| primary.eq_ignore_ascii_case(lang.code()))
    }

    /// The language to open in: `?lang=` in the address, then the last choice, then the first
    /// of the browser's languages the app has, then English. Tags the app doesn't have are
    /// skipped at each step.
    ///
    /// ```
    /// use vm_playground::i18n::Lang;
    /// assert_eq!(Lang::choose(None, None, &["de-DE", "ru-RU", "en"]), Lang::Ru);
    /// assert_eq!(Lang::choose(Some("en"), Some("ru"), &["ru"]), Lang::En);
    /// assert_eq!(Lang::choose(Some("xx"), None, &[]), Lang::En);
    /// ```
    pub fn choose(url: Option<&str>, stored: Option<&str>, browser: &[&str]) -> Lang {
        url.into_iter()
            .chain(stored)
            .chain(browser.iter().copied())
            .find_map(Lang::from_tag)
            .unwrap_or_default()
    }

    /// Which form of a counted word `n` takes (CLDR's plural rules for whole numbers).
    pub fn plural_form(self, n: u64) -> PluralForm {
        match self {
            Lang::En => {
                if n == 1 {
                    PluralForm::One
                } else {
                    PluralForm::Many
                }
            }
            Lang::Ru => match (n % 10, n % 100) {
                (1, rest) if rest != 11 => PluralForm::One,
                (2..=4, rest) if !(12..=14).contains(&rest) => PluralForm::Few,
                _ => PluralForm::Many,
            },
        }
    }

    /// The template of `plural` for `n`, with `{n}` filled with the number written the
    /// language's way; other arguments come in `args`.
    ///
    /// ```
    /// use vm_playground::i18n::{Lang, Plural};
    /// let vms = Plural { one: "{n} VM", few: "{n} VMs", many: "{n} VMs" };
    /// assert_eq!(Lang::En.plural(&vms, 10_000, &[]), "10,000 VMs");
    /// ```
    pub fn plural(self, plural: &Plural, n: u64, args: &[(&str, &dyn fmt::Display)]) -> String {
        let template = plural.pick(self.plural_form(n));
        let number = self.number(n);
        let mut all: Vec<(&str, &dyn fmt::Display)> = vec![("n", &number)];
        all.extend_from_slice(args);
        fill(template, &all)
    }

    /// A whole number written the language's way: `10,000` in English, `10 000` (with a
    /// no-break space) in Russian, as the browser's `Intl.NumberFormat` writes them.
    pub fn number(self, n: u64) -> String {
        let separator = match self {
            Lang::En => ",",
            Lang::Ru => "\u{a0}",
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                out.push_str(separator);
            }
            out.push(digit);
        }
        out
    }

    /// The language's decimal separator: `.` or `,`.
    pub fn decimal_separator(self) -> char {
        match self {
            Lang::En => '.',
            Lang::Ru => ',',
        }
    }

    /// `value / unit` with one decimal, written with the language's separator: "1.5" /
    /// "1,5" (see [`crate::present::one_decimal`]).
    pub fn one_decimal(self, value: u64, unit: u64) -> String {
        crate::present::one_decimal(value, unit)
            .replace('.', self.decimal_separator().encode_utf8(&mut [0; 4]))
    }

    /// Memory in words: megabytes under a gigabyte, gigabytes (with one decimal unless
    /// whole) from there: "512 MB", "2 GB", "1.5 GB"; "1,5 ГБ" in Russian.
    ///
    /// ```
    /// use vm_playground::i18n::Lang;
    /// assert_eq!(Lang::En.memory(1536), "1.5 GB");
    /// assert_eq!(Lang::Ru.memory(1536), "1,5\u{a0}ГБ");
    /// ```
    pub fn memory(self, mb: u64) -> String {
        let texts = self.texts();
        if mb < 1024 {
            return fill(texts.size_mb, &[("n", &mb)]);
        }
        let gb = if mb.is_multiple_of(1024) {
            self.number(mb / 1024)
        } else {
            self.one_decimal(mb, 1024)
        };
        fill(texts.size_gb, &[("n", &gb)])
    }

    /// A config field's value in words, as the list and the details show it: "2 GB",
    /// "none" for no ISO; names, paths and networks as they are. One source for the row's
    /// pending changes and the details panel.
    pub fn field_value(self, config: &crate::manager::VmConfig, field: ConfigField) -> String {
        match field {
            ConfigField::Name => config.name.clone(),
            ConfigField::Memory => self.memory(config.memory),
            ConfigField::Vcpus => self.number(u64::from(config.vcpus)),
            ConfigField::DiskPath if config.disk_path.is_empty() => {
                self.texts().no_value.to_owned()
            }
            ConfigField::DiskPath => config.disk_path.clone(),
            ConfigField::DiskSize => self.gigabytes(config.disk_size),
            ConfigField::IsoImage => config
                .iso_image
                .clone()
                .unwrap_or_else(|| self.texts().no_value.to_owned()),
            ConfigField::Network => config.network.clone(),
        }
    }

    /// What differs from `old` to `new`, one phrase per field in form order, values written
    /// as [`Lang::field_value`] writes them: "memory 1 GB → 2 GB", "ISO image none → /x.iso".
    /// The one config diff: a pending change in the list and an edit mirrored in the console
    /// both say it so.
    ///
    /// ```
    /// use vm_playground::i18n::Lang;
    /// use vm_playground::VmConfig;
    /// let old = VmConfig { name: "web".into(), memory: 1024, vcpus: 1, disk_path: String::new(),
    ///     disk_size: 10, iso_image: None, network: "default".into() };
    /// let new = VmConfig { memory: 2048, ..old.clone() };
    /// assert_eq!(Lang::En.config_changes(&old, &new), ["memory 1 GB → 2 GB"]);
    /// ```
    pub fn config_changes(
        self,
        old: &crate::manager::VmConfig,
        new: &crate::manager::VmConfig,
    ) -> Vec<String> {
        let texts = self.texts();
        ConfigField::ALL
            .into_iter()
            .filter_map(|field| {
                let (from, to) = (self.field_value(old, field), self.field_value(new, field));
                (from != to).then(|| {
                    fill(
                        texts.pending_change,
                        &[("what", &texts.field(field)), ("from", &from), ("to", &to)],
                    )
                })
            })
            .collect()
    }

    /// A disk size in gigabytes: "10 GB".
    pub fn gigabytes(self, gb: u64) -> String {
        fill(self.texts().size_gb, &[("n", &self.number(gb))])
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The forms a counted word takes. English uses [`PluralForm::One`] and
/// [`PluralForm::Many`]; Russian all three ("1 машина", "2 машины", "5 машин").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralForm {
    /// 1, 21, 101 (Russian); 1 (English).
    One,
    /// 2–4, 22–24, … (Russian only).
    Few,
    /// Everything else.
    Many,
}

/// A counted message: one template per [`PluralForm`]; `{n}` is the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Plural {
    /// For [`PluralForm::One`].
    pub one: &'static str,
    /// For [`PluralForm::Few`] (English repeats `many`: [`Plural::one_other`]).
    pub few: &'static str,
    /// For [`PluralForm::Many`].
    pub many: &'static str,
}

impl Plural {
    /// A counted message in a language with two forms, as English has: `one` for one, `other`
    /// for every other count ([`PluralForm::Few`] and [`PluralForm::Many`] alike).
    pub const fn one_other(one: &'static str, other: &'static str) -> Plural {
        Plural {
            one,
            few: other,
            many: other,
        }
    }

    /// The template for `form`.
    pub fn pick(&self, form: PluralForm) -> &'static str {
        match form {
            PluralForm::One => self.one,
            PluralForm::Few => self.few,
            PluralForm::Many => self.many,
        }
    }
}

/// Fills a template's `{name}` arguments from `args`; `{{` and `}}` stand for braces. An
/// argument the template names but `args` lacks is left as written (the native tests render
/// every message and fail on a leftover).
///
/// ```
/// use vm_playground::i18n::fill;
/// assert_eq!(fill("Start {name}", &[("name", &"web-01")]), "Start web-01");
/// assert_eq!(fill("{{ name: {n} }}", &[("n", &1)]), "{ name: 1 }");
/// ```
pub fn fill(template: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        let argument = tail
            .strip_prefix('{')
            .and_then(|inner| inner.find('}').map(|close| &inner[..close]))
            .and_then(|name| args.iter().find(|(key, _)| *key == name));
        match argument {
            Some((name, value)) => {
                let _ = write!(out, "{value}");
                rest = &tail[name.len() + 2..];
            }
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A template cut at its `{arguments}`: literal text and argument names, in order, for views
/// that wrap an argument in an element of its own (user data marked `translate="no"`).
///
/// ```
/// use vm_playground::i18n::{parts, Part};
/// assert_eq!(
///     parts("Network {network} · ISO {iso}"),
///     [Part::Text("Network "), Part::Arg("network"), Part::Text(" · ISO "), Part::Arg("iso")]
/// );
/// ```
pub fn parts(template: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if open > 0 {
            out.push(Part::Text(&rest[..open]));
        }
        out.push(Part::Arg(&rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push(Part::Text(rest));
    }
    out
}

/// A piece of a template: see [`parts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// Literal text.
    Text(&'a str),
    /// An argument's name.
    Arg(&'a str),
}

/// The names of the `{arguments}` a template uses, in order, without repeats.
pub fn arguments(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        let tail = &rest[open..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            rest = &tail[2..];
            continue;
        }
        match tail
            .strip_prefix('{')
            .and_then(|inner| inner.find('}').map(|close| &inner[..close]))
        {
            Some(name) => {
                if !names.contains(&name) {
                    names.push(name);
                }
                rest = &tail[name.len() + 2..];
            }
            None => rest = &tail[1..],
        }
    }
    names
}

mod texts;
pub use texts::Texts;

/// Russian's words once read from its file (the browser build: see [`Lang::file`]).
#[cfg(target_arch = "wasm32")]
static RUSSIAN: std::sync::OnceLock<(Texts, ConsoleTexts)> = std::sync::OnceLock::new();

/// A language file's catalogues, the page's and the console's: `None` if its lines don't fill
/// them exactly (a file of another build).
pub fn read_file(file: &'static str) -> Option<(Texts, ConsoleTexts)> {
    use file::Field;
    let mut lines = file::Reader::new(file);
    // English's words (copied from where they are, not rebuilt), each replaced by the file's.
    let mut words = (*Lang::En.texts(), *Lang::En.console());
    words.0.read(&mut lines);
    words.1.read(&mut lines);
    lines.finish().then_some(words)
}

/// The language file of `texts` and `console` (what [`read_file`] reads).
pub fn write_file(texts: &Texts, console: &ConsoleTexts) -> String {
    use file::Field;
    let mut out = String::new();
    texts.write(&mut out);
    console.write(&mut out);
    out
}
