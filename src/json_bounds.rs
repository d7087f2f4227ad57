//! Bounds on the shape of a JSON text, checked by one linear pass over its bytes *before* it is
//! parsed, so that a hostile file (millions of tiny values, a thousand nested brackets) is
//! refused at the door instead of being built into a tree hundreds of megabytes large.
//!
//! The pass does not validate the JSON (the parser does that afterwards); it only counts, and
//! it stops at the first bound exceeded: the work is proportional to the part of the text up
//! to the limit, never to what lies beyond it.

/// Where a text stops being JSON, as the parser found it: put into words at the edge, in the
/// user's language (the parser's own message is English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonSyntaxError {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1.
    pub column: usize,
}

impl From<&serde_json::Error> for JsonSyntaxError {
    fn from(error: &serde_json::Error) -> Self {
        JsonSyntaxError {
            line: error.line(),
            column: error.column(),
        }
    }
}

/// The bounds a JSON text must keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonBounds {
    /// How many arrays and objects may be open at once.
    pub max_depth: usize,
    /// How many elements one array (or members one object) may hold.
    pub max_breadth: usize,
    /// How many values the whole text may hold (scalars, arrays and objects; keys excluded).
    pub max_values: usize,
}

/// The first bound a text exceeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonBoundError {
    /// More than [`JsonBounds::max_depth`] arrays and objects open at once.
    TooDeep {
        /// The bound.
        max: usize,
    },
    /// An array or object with more than [`JsonBounds::max_breadth`] entries.
    TooBroad {
        /// The bound.
        max: usize,
    },
    /// More than [`JsonBounds::max_values`] values in all.
    TooManyValues {
        /// The bound.
        max: usize,
    },
}

/// Where the pass stopped and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonBoundStop {
    /// The bound exceeded.
    pub error: JsonBoundError,
    /// The byte offset of the token that exceeded it: nothing after it was looked at.
    pub at: usize,
}

impl std::fmt::Display for JsonBoundError {
    /// In English; `Lang::import_error` says it in any language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Lang::En.json_bound(self))
    }
}

impl std::error::Error for JsonBoundError {}

/// One open array or object.
struct Open {
    is_object: bool,
    /// Commas seen directly inside it: its entries are one more (when it has any).
    commas: usize,
}

impl JsonBounds {
    /// Checks `text` against the bounds in one pass, stopping at the first one exceeded.
    pub fn check(&self, text: &str) -> Result<(), JsonBoundStop> {
        let bytes = text.as_bytes();
        let stop = |error, at| Err(JsonBoundStop { error, at });
        let mut open: Vec<Open> = Vec::new();
        let mut values = 0usize;
        // In an object, the next string is a key (right after `{` or a comma), not a value.
        let mut expect_key = false;
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' | b':' => at += 1,
                b',' => {
                    if let Some(top) = open.last_mut() {
                        top.commas += 1;
                        if top.commas >= self.max_breadth {
                            return stop(
                                JsonBoundError::TooBroad {
                                    max: self.max_breadth,
                                },
                                at,
                            );
                        }
                        expect_key = top.is_object;
                    }
                    at += 1;
                }
                b'}' | b']' => {
                    open.pop();
                    expect_key = false;
                    at += 1;
                }
                b'"' => {
                    let start = at;
                    at = string_end(bytes, at + 1);
                    if expect_key {
                        expect_key = false;
                    } else {
                        values += 1;
                        if values > self.max_values {
                            return stop(
                                JsonBoundError::TooManyValues {
                                    max: self.max_values,
                                },
                                start,
                            );
                        }
                    }
                }
                _ => {
                    values += 1;
                    if values > self.max_values {
                        return stop(
                            JsonBoundError::TooManyValues {
                                max: self.max_values,
                            },
                            at,
                        );
                    }
                    if byte == b'{' || byte == b'[' {
                        open.push(Open {
                            is_object: byte == b'{',
                            commas: 0,
                        });
                        if open.len() > self.max_depth {
                            return stop(
                                JsonBoundError::TooDeep {
                                    max: self.max_depth,
                                },
                                at,
                            );
                        }
                        expect_key = byte == b'{';
                        at += 1;
                    } else {
                        // A number, `true`, `false`, `null` (or garbage the parser will name):
                        // one value up to the next delimiter.
                        expect_key = false;
                        at += 1;
                        while at < bytes.len() && !is_delimiter(bytes[at]) {
                            at += 1;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// The offset just past the closing quote of the string whose content starts at `at` (or the
/// text's end, for a string left open).
fn string_end(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() {
        match bytes[at] {
            b'"' => return at + 1,
            b'\\' => at += 2,
            _ => at += 1,
        }
    }
    bytes.len()
}

fn is_delimiter(byte: u8) -> bool {
    matches!(
        byte,
        b',' | b']' | b'}' | b':' | b'"' | b'[' | b'{' | b' ' | b'\t' | b'\n' | b'\r'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: JsonBounds = JsonBounds {
        max_depth: 3,
        max_breadth: 4,
        max_values: 10,
    };

    fn error(text: &str) -> Option<JsonBoundError> {
        SMALL.check(text).err().map(|stop| stop.error)
    }

    #[test]
    fn texts_within_the_bounds_pass() {
        for text in [
            "",
            "1",
            "[]",
            "{}",
            r#"{"a":[1,2,3,4],"b":{"c":null}}"#,
            r#"["a,b]}{[", "\"]", "\\"]"#,
            r#"{"k1":1,"k2":2,"k3":3,"k4":4}"#,
            "[[[]]]",
        ] {
            assert_eq!(SMALL.check(text), Ok(()), "{text}");
        }
    }

    #[test]
    fn depth_breadth_and_values_are_counted() {
        assert_eq!(error("[[[[]]]]"), Some(JsonBoundError::TooDeep { max: 3 }));
        assert_eq!(
            error("[1,2,3,4,5]"),
            Some(JsonBoundError::TooBroad { max: 4 })
        );
        assert_eq!(
            error(r#"{"a":1,"b":2,"c":3,"d":4,"e":5}"#),
            Some(JsonBoundError::TooBroad { max: 4 })
        );
        assert_eq!(
            error("[[1,2,3],[4,5,6],[7,8,9]]"),
            Some(JsonBoundError::TooManyValues { max: 10 })
        );
    }

    #[test]
    fn keys_are_not_values() {
        // 1 object + 4 values; the 4 keys don't count.
        assert_eq!(SMALL.check(r#"{"a":"x","b":"y","c":"z","d":"w"}"#), Ok(()));
    }

    #[test]
    fn the_pass_stops_at_the_first_bound_exceeded() {
        let stop = SMALL.check("[1,2,3,4,5,6,7,8,9 garbage").unwrap_err();
        assert_eq!(stop.at, "[1,2,3,4".len());
    }
}
