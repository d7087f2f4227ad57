//! A language as a file: the catalogues ([`Texts`](super::Texts) and
//! [`ConsoleTexts`](super::ConsoleTexts)) written as lines, one message a line, in the order
//! the structs declare their fields. The browser build carries English only; Russian is such a
//! file (`src/i18n/ru.txt`, written from `ru.rs` and `console_ru.rs` by the native tests), which
//! the page fetches when it opens in Russian or switches to it (README, "Size"): its strings
//! are ~14 KB of gzip nobody reading English needs.
//!
//! No message holds a line break (`tests/i18n_catalogue.rs` checks it), so a line is a message
//! as it is. A counted message ([`Plural`](super::Plural)) is three lines; a list of a fixed
//! length, that many; the console's help table, its length and then each pair.

/// The lines of a language file being read. Running out of lines or having some left over means
/// the file belongs to another build: [`Reader::finish`] says so.
pub struct Reader {
    lines: std::str::Split<'static, char>,
    short: bool,
}

impl Reader {
    /// The lines of `file` (its last line break, if any, ends the last line).
    pub fn new(file: &'static str) -> Reader {
        Reader {
            lines: file.strip_suffix('\n').unwrap_or(file).split('\n'),
            short: false,
        }
    }

    /// The next line; `""` past the end, which [`Reader::finish`] reports.
    // Not inlined: a catalogue reads one line per message, each would carry a copy.
    #[inline(never)]
    pub fn line(&mut self) -> &'static str {
        self.lines.next().unwrap_or_else(|| {
            self.short = true;
            ""
        })
    }

    /// Whether every line was read, and no more were wanted.
    pub fn finish(mut self) -> bool {
        !self.short && self.lines.next().is_none()
    }
}

/// A part of a catalogue that a language file holds: read from its lines in place (a field at a
/// time, which keeps the reader's code at a call per message), and written as them.
pub trait Field {
    /// Takes the value from the next lines.
    fn read(&mut self, lines: &mut Reader);
    /// The value as lines, each ended by a line break.
    fn write(&self, out: &mut String);
}

impl Field for &'static str {
    // Not inlined: a catalogue's reader is a call of this per message.
    #[inline(never)]
    fn read(&mut self, lines: &mut Reader) {
        *self = lines.line();
    }

    fn write(&self, out: &mut String) {
        out.push_str(self);
        out.push('\n');
    }
}

impl<const N: usize> Field for [&'static str; N] {
    fn read(&mut self, lines: &mut Reader) {
        self.iter_mut().for_each(|line| line.read(lines));
    }

    fn write(&self, out: &mut String) {
        self.iter().for_each(|line| line.write(out));
    }
}

impl Field for super::Plural {
    fn read(&mut self, lines: &mut Reader) {
        [&mut self.one, &mut self.few, &mut self.many]
            .into_iter()
            .for_each(|form| form.read(lines));
    }

    fn write(&self, out: &mut String) {
        [self.one, self.few, self.many].write(out);
    }
}

/// The console's help table: its length, then each English text and its translation.
impl Field for &'static [(&'static str, &'static str)] {
    fn read(&mut self, lines: &mut Reader) {
        let count = lines.line().parse().unwrap_or_default();
        let pairs: Vec<_> = (0..count).map(|_| (lines.line(), lines.line())).collect();
        *self = pairs.leak();
    }

    fn write(&self, out: &mut String) {
        out.push_str(&format!("{}\n", self.len()));
        for (english, translated) in self.iter() {
            [*english, *translated].write(out);
        }
    }
}

/// Declares a catalogue's struct, and its [`Field`] impl: the fields read and written in the
/// order they are declared. (Adding a field to the struct adds it to the language files.)
macro_rules! catalogue {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$field_meta:meta])* pub $field:ident: $type:ty,)*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$field_meta])* pub $field: $type,)*
        }

        impl $crate::i18n::file::Field for $name {
            fn read(&mut self, lines: &mut $crate::i18n::file::Reader) {
                $($crate::i18n::file::Field::read(&mut self.$field, lines);)*
            }

            fn write(&self, out: &mut String) {
                $($crate::i18n::file::Field::write(&self.$field, out);)*
            }
        }
    };
}
pub(crate) use catalogue;
