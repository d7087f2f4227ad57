//! Reading a lesson file's JSON by hand, strict about kinds and keys, every error saying where
//! (`goals[2].check.state.vm`). By hand rather than by serde derive: the errors are the
//! lesson's own typed ones, and the wasm keeps one deserializer per type.

use serde_json::{Map, Value};

use super::error::{JsonKind, LessonError, Vocabulary};
use super::Text;
use crate::config_input::edit_distance;
use crate::i18n::Lang;
use crate::manager::limits::excerpt;

/// `parent.key`, or `key` at the top.
pub(super) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// `parent[index]`.
pub(super) fn at(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// The word of `words` that `found` probably means (at most two edits away).
pub(super) fn closest(found: &str, words: &[&'static str]) -> Option<&'static str> {
    words
        .iter()
        .map(|word| (*word, edit_distance(found, word)))
        .filter(|(_, distance)| *distance <= 2)
        .min_by_key(|(_, distance)| *distance)
        .map(|(word, _)| word)
}

/// The error for `found` where one of `words` belongs.
pub(super) fn unknown(
    path: &str,
    what: Vocabulary,
    found: &str,
    words: &[&'static str],
) -> LessonError {
    LessonError::Unknown {
        path: path.to_owned(),
        what,
        found: excerpt(found).into_owned(),
        suggestion: closest(found, words),
    }
}

fn wrong(path: &str, expected: JsonKind) -> LessonError {
    LessonError::WrongType {
        path: path.to_owned(),
        expected,
    }
}

/// An object whose keys are all among `keys`.
pub(super) fn object<'a>(
    value: &'a Value,
    path: &str,
    keys: &[&'static str],
) -> Result<&'a Map<String, Value>, LessonError> {
    let Value::Object(object) = value else {
        return Err(wrong(path, JsonKind::Object));
    };
    match object.keys().find(|key| !keys.contains(&key.as_str())) {
        Some(key) => Err(unknown(path, Vocabulary::Key, key, keys)),
        None => Ok(object),
    }
}

/// The value under `key`, which must be there.
pub(super) fn required<'a>(
    object: &'a Map<String, Value>,
    path: &str,
    key: &str,
) -> Result<&'a Value, LessonError> {
    object.get(key).ok_or_else(|| LessonError::Missing {
        path: join(path, key),
    })
}

/// A string.
pub(super) fn string(value: &Value, path: &str) -> Result<String, LessonError> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| wrong(path, JsonKind::Text))
}

/// A whole number.
pub(super) fn whole(value: &Value, path: &str) -> Result<u64, LessonError> {
    value.as_u64().ok_or_else(|| wrong(path, JsonKind::Number))
}

/// A list.
pub(super) fn list<'a>(value: &'a Value, path: &str) -> Result<&'a [Value], LessonError> {
    value
        .as_array()
        .map(Vec::as_slice)
        .ok_or_else(|| wrong(path, JsonKind::List))
}

/// A list that holds something.
pub(super) fn nonempty_list<'a>(value: &'a Value, path: &str) -> Result<&'a [Value], LessonError> {
    let items = list(value, path)?;
    if items.is_empty() {
        return Err(LessonError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(items)
}

/// A text in every language: `{"en": "...", "ru": "..."}`, none of them blank.
pub(super) fn text(value: &Value, path: &str) -> Result<Text, LessonError> {
    const CODES: [&str; 2] = ["en", "ru"];
    let object = object(value, path, &CODES)?;
    let mut texts = Lang::ALL.map(|lang| (lang, String::new()));
    for (lang, text) in &mut texts {
        let place = join(path, lang.code());
        let found = string(required(object, path, lang.code())?, &place)?;
        if found.trim().is_empty() {
            return Err(LessonError::Missing { path: place });
        }
        *text = found;
    }
    let [(_, en), (_, ru)] = texts;
    Ok(Text { en, ru })
}
