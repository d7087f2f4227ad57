//! Splitting a line into words, shell-style, and quoting a word so that it splits back.
//!
//! - Words are separated by white space.
//! - `'single quotes'` keep everything inside as it is.
//! - `"double quotes"` keep everything too, except that `\"` and `\\` stand for `"` and `\`.
//! - Outside quotes, a backslash keeps the next character as it is (`my\ vm`); a backslash
//!   at the very end of the line stands for itself.
//! - Quotes may be glued to unquoted text: `'my vm'-2` is the word `my vm-2`.
//! - An unquoted `#` at the start of a word starts a comment that runs to the end of the line.
//! - An unquoted `;` ends a command, as in virsh (`list; domid web-01`): the next word starts
//!   another one.
//!
//! A word whose option name is quoted or escaped is not an option: `'--all'` is an argument,
//! while `--iso='my disc.iso'` is the option `--iso` with the value `my disc.iso`.

/// A word of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// The word with its quotes and escapes removed.
    pub text: String,
    /// Whether any part of it was quoted or escaped.
    pub quoted: bool,
    /// How many bytes at the start of `text` were typed plainly, before any quote or escape.
    pub plain_prefix: usize,
    /// Byte offset in the line where it starts.
    pub start: usize,
}

impl Token {
    /// Whether the word is an option: it starts with `--`, and its name (up to any `=`) was
    /// typed without quotes. `--iso='my disc.iso'` is an option; `'--all'` is not.
    pub fn is_option(&self) -> bool {
        if !self.text.starts_with("--") {
            return false;
        }
        match self.text.find('=') {
            Some(equals) => equals < self.plain_prefix,
            None => !self.quoted,
        }
    }
}

/// A line split into words, as far as it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lexed {
    pub tokens: Vec<Token>,
    /// The quote left open at the end of the line, if any: the last token is unfinished.
    pub open_quote: Option<char>,
    /// Whether the last token runs to the end of the line (no white space after it).
    pub ends_in_word: bool,
    /// Whether the line ends in a comment.
    pub comment: bool,
    /// Where each command after the first starts: the index in `tokens` of the word after
    /// each unquoted `;`, in order (the same index twice for `;;`).
    pub breaks: Vec<usize>,
}

impl Lexed {
    /// The words of each command, in order; a command may have none (`; list`).
    pub fn commands(&self) -> Vec<&[Token]> {
        let mut start = 0;
        let mut commands = Vec::new();
        for &end in &self.breaks {
            commands.push(&self.tokens[start..end]);
            start = end;
        }
        commands.push(&self.tokens[start..]);
        commands
    }
}

/// Splits `line` into words, tolerating an unclosed quote (for Tab completion).
pub(crate) fn lex(line: &str) -> Lexed {
    let mut tokens = Vec::new();
    let mut chars = line.char_indices().peekable();
    let mut open_quote = None;
    let mut ends_in_word = false;
    let mut comment = false;
    let mut breaks = Vec::new();
    loop {
        // Between words.
        while chars.next_if(|(_, ch)| ch.is_whitespace()).is_some() {}
        let Some(&(start, first)) = chars.peek() else {
            break;
        };
        if first == '#' {
            comment = true;
            break;
        }
        if first == ';' {
            chars.next();
            breaks.push(tokens.len());
            ends_in_word = false;
            continue;
        }
        let mut token = Token {
            text: String::new(),
            quoted: false,
            plain_prefix: 0,
            start,
        };
        ends_in_word = true;
        while let Some(&(_, ch)) = chars.peek() {
            if ch.is_whitespace() || ch == ';' {
                ends_in_word = false;
                break;
            }
            chars.next();
            if !token.quoted {
                token.plain_prefix = token.text.len();
            }
            match ch {
                '\'' => {
                    token.quoted = true;
                    open_quote = Some('\'');
                    for (_, inner) in chars.by_ref() {
                        if inner == '\'' {
                            open_quote = None;
                            break;
                        }
                        token.text.push(inner);
                    }
                }
                '"' => {
                    token.quoted = true;
                    open_quote = Some('"');
                    while let Some((_, inner)) = chars.next() {
                        match inner {
                            '"' => {
                                open_quote = None;
                                break;
                            }
                            '\\' => match chars.next_if(|(_, next)| matches!(next, '"' | '\\')) {
                                Some((_, escaped)) => token.text.push(escaped),
                                None => token.text.push('\\'),
                            },
                            other => token.text.push(other),
                        }
                    }
                }
                '\\' => {
                    token.quoted = true;
                    match chars.next() {
                        Some((_, escaped)) => token.text.push(escaped),
                        None => token.text.push('\\'),
                    }
                }
                other => token.text.push(other),
            }
        }
        if !token.quoted {
            token.plain_prefix = token.text.len();
        }
        tokens.push(token);
        if open_quote.is_some() {
            break;
        }
    }
    Lexed {
        tokens,
        open_quote,
        ends_in_word,
        comment,
        breaks,
    }
}

/// Whether `word` must be quoted to come back from [`lex`] as one word equal to itself.
/// Shell metacharacters are quoted too, so that a printed command can be pasted into a shell.
pub(crate) fn needs_quotes(word: &str) -> bool {
    word.is_empty()
        || word.starts_with('-')
        || word
            .chars()
            .any(|ch| !(ch.is_alphanumeric() || "-_./:,+@%=".contains(ch)))
}

/// `word` as it should be typed: unchanged if it is safe, else in single quotes, or in double
/// quotes (with `"` and `\` escaped) if it holds a single quote.
///
/// ```
/// use vm_playground::console::quote;
/// assert_eq!(quote("web-01"), "web-01");
/// assert_eq!(quote("веб-сервер"), "веб-сервер");
/// assert_eq!(quote("/my disks/a.qcow2"), "'/my disks/a.qcow2'");
/// assert_eq!(quote("it's"), r#""it's""#);
/// assert_eq!(quote(""), "''");
/// ```
pub fn quote(word: &str) -> String {
    let mut quoted = open_quoted(word);
    if quoted.starts_with('\'') {
        quoted.push('\'');
    } else if quoted.starts_with('"') {
        quoted.push('"');
    }
    quoted
}

/// Like [`quote`] but without the closing quote, for a completion that is still a prefix.
pub(crate) fn open_quoted(word: &str) -> String {
    if !needs_quotes(word) {
        return word.to_owned();
    }
    if !word.contains('\'') {
        return format!("'{word}");
    }
    let mut quoted = String::from("\"");
    for ch in word.chars() {
        if matches!(ch, '"' | '\\') {
            quoted.push('\\');
        }
        quoted.push(ch);
    }
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        lex(line)
            .tokens
            .into_iter()
            .map(|token| token.text)
            .collect()
    }

    #[test]
    fn splits_on_any_white_space() {
        assert_eq!(words("  start\tweb-01  "), ["start", "web-01"]);
        assert_eq!(words(""), Vec::<String>::new());
        assert_eq!(words(" \u{3000} "), Vec::<String>::new());
    }

    #[test]
    fn quotes_and_escapes_join_words() {
        assert_eq!(words(r#"a 'b c' "d e" f\ g"#), ["a", "b c", "d e", "f g"]);
        assert_eq!(words(r#"'my vm'-2"#), ["my vm-2"]);
        assert_eq!(words(r#"'a\b'"#), [r"a\b"]);
        assert_eq!(words(r#""a\"b\\c\d""#), [r#"a"b\c\d"#]);
        assert_eq!(words(r#"it\'s"#), ["it's"]);
        assert_eq!(words(r"end\"), [r"end\"]);
        assert_eq!(words("''"), [""]);
    }

    #[test]
    fn a_quoted_word_is_marked_and_knows_where_it_starts() {
        let lexed = lex(r#"x 'y' z\z w"#);
        let marks: Vec<(bool, usize)> = lexed
            .tokens
            .iter()
            .map(|token| (token.quoted, token.start))
            .collect();
        assert_eq!(marks, [(false, 0), (true, 2), (true, 6), (false, 10)]);
        assert!(lexed.ends_in_word);
        assert!(!lex("x ").ends_in_word);
    }

    #[test]
    fn an_option_is_a_word_whose_name_is_typed_plainly() {
        let option = |line: &str| lex(line).tokens[0].is_option();
        assert!(option("--all"));
        assert!(option("--iso='my disc.iso'"));
        assert!(option(r"--disk-path=/my\ disks"));
        assert!(option("--memory="));
        assert!(!option("'--all'"));
        assert!(!option(r"\--all"));
        assert!(!option("--'all'"));
        assert!(!option("'--iso'=x"));
        assert!(!option("-x"));
        assert!(!option("x--"));
    }

    #[test]
    fn an_open_quote_is_reported() {
        let lexed = lex("start 'my v");
        assert_eq!(lexed.open_quote, Some('\''));
        assert_eq!(lexed.tokens.last().unwrap().text, "my v");
        assert_eq!(lex(r#"start "my"#).open_quote, Some('"'));
        assert_eq!(lex(r#"start "a\""#).open_quote, Some('"'));
    }

    #[test]
    fn a_hash_at_a_word_start_is_a_comment() {
        let lexed = lex("start web # a note");
        assert_eq!(lexed.tokens.len(), 2);
        assert!(lexed.comment);
        assert_eq!(words("a#b '#c'"), ["a#b", "#c"]);
    }

    #[test]
    fn an_unquoted_semicolon_ends_a_command() {
        let commands = |line: &str| -> Vec<Vec<String>> {
            lex(line)
                .commands()
                .iter()
                .map(|words| words.iter().map(|token| token.text.clone()).collect())
                .collect()
        };
        assert_eq!(
            commands("list; domid web"),
            [vec!["list"], vec!["domid", "web"]]
        );
        assert_eq!(
            commands("a;b ;; c"),
            [vec!["a"], vec!["b"], vec![], vec!["c"]]
        );
        assert_eq!(commands(r"a 'x;y' x\;y"), [vec!["a", "x;y", "x;y"]]);
        assert_eq!(commands("a # b; c"), [vec!["a"]]);
        assert!(!lex("list;").ends_in_word);
    }

    #[test]
    fn quote_round_trips_through_lex() {
        for word in [
            "web-01",
            "",
            " ",
            "my vm",
            "it's",
            r#"say "hi""#,
            r"C:\isos\x.iso",
            r#"both ' and " and \"#,
            "#hash",
            "--all",
            "-1",
            "tab\there",
            "line\nbreak",
            "веб-сервер",
            "日本語 ディスク",
        ] {
            let quoted = quote(word);
            let lexed = lex(&quoted);
            assert_eq!(lexed.tokens.len(), 1, "{quoted}");
            assert_eq!(lexed.tokens[0].text, word, "{quoted}");
            assert_eq!(lexed.open_quote, None);
        }
    }

    #[test]
    fn safe_words_are_left_alone() {
        for word in ["web-01", "a.b_c", "/var/lib/x.qcow2", "веб-сервер", "k=v"] {
            assert_eq!(quote(word), word);
        }
        assert_eq!(quote("-x"), "'-x'");
        assert_eq!(quote("a;b"), "'a;b'");
        assert_eq!(quote(r#"a'b"c"#), r#""a'b\"c""#);
    }
}
