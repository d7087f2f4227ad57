//! The manager as a JavaScript API. One class, `MockVmManager`: `new MockVmManager()` is a
//! standalone manager in memory; `window.vmPlayground` is an instance bound to the page, whose
//! every call goes through the same [`App`] methods as a click (so the UI follows and the
//! change is saved). Errors are thrown as `Error`s with a stable `code` (and `field` for
//! InvalidConfig). Arguments arrive as `JsValue` and are checked here, so a wrong type is a
//! clear InvalidConfig, never a panic or a trap.

use leptos::prelude::{untrack, GetUntracked};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::app::{App, StartMode};
use crate::config_input::{config_from_json, describe, expected_type, host_from_json, unknown_key};
use crate::console::ConsoleBackend;
use crate::event_log::{Op, Source};
use crate::manager::limits::{
    chars_over, quoted_excerpt, EXCERPT_CHARS, NAME_MAX_CHARS, SNAPSHOT_DESCRIPTION_MAX_CHARS,
};
use crate::manager::{
    usage_model, ConfigField, ConfigProblem, ConfigUpdate, Expected, Found, MockVmManager as Core,
    NewSnapshot, Snapshot, SnapshotDeletion, SnapshotField, Transition, VmConfig, VmError, VmInfo,
    VmManager,
};
use crate::undo::Direction;

#[allow(
    clippy::large_enum_variant,
    reason = "one per JavaScript object, made once: a box would save nothing that matters"
)]
enum Target {
    Standalone(Core),
    Page(App),
}

/// The VM manager for JavaScript. See the README's "JavaScript API".
#[wasm_bindgen(js_name = MockVmManager)]
pub struct JsVmManager {
    target: Target,
}

/// Converts a core error into a thrown JS `Error` with `code` and, for InvalidConfig, `field`
/// (both language-independent); its `message` is in the page's language.
pub fn to_js_error(error: &VmError) -> JsValue {
    let js_error = js_sys::Error::new(&super::language::current().error(error));
    js_error.set_name("VmError");
    let object: &JsValue = js_error.as_ref();
    let _ = js_sys::Reflect::set(object, &"code".into(), &error.code().into());
    if let Some(resource) = error.resource() {
        let _ = js_sys::Reflect::set(object, &"resource".into(), &resource.json_name().into());
    }
    let not_an_object = matches!(
        error,
        VmError::InvalidConfig {
            problem: ConfigProblem::NotAnObject { .. },
            ..
        }
    );
    if let Some(field) = error.field_name().filter(|_| !not_an_object) {
        let _ = js_sys::Reflect::set(object, &"field".into(), &field.into());
    }
    js_error.into()
}

/// The most values (scalars, arrays and objects, nested ones included) one argument may hold.
/// A config holds 8; the budget is what keeps a shared nested array (`x = [x, x]` thirty
/// times: 2^30 paths to walk, in a few hundred bytes) from hanging the page.
pub const MAX_ARG_VALUES: usize = 64;
/// How deep one argument may nest arrays and objects. No config value nests at all; the
/// limit also makes an object that contains itself an error, not a stack overflow.
pub const MAX_ARG_DEPTH: usize = 32;
/// The longest string an argument may hold, in UTF-16 code units, checked before it is
/// copied out of JavaScript: 64 KiB, far longer than any one field may be (a path: 1,024
/// characters), so no longer string could ever be saved.
pub const MAX_ARG_STRING_UNITS: u32 = 65_536;
/// Keys longer than this (in UTF-16 code units) name no field; only this much of one is
/// copied, to name it in the message.
const MAX_ARG_KEY_UNITS: u32 = 64;

/// Why a JS value has no JSON form within the bounds above.
#[derive(Debug)]
enum Unconvertible {
    /// A function, a symbol, NaN, ...
    NoJsonForm(Found),
    /// Nested deeper than [`MAX_ARG_DEPTH`] (or containing itself).
    TooDeep,
    /// More than [`MAX_ARG_VALUES`] values in all.
    TooManyValues,
    /// An array or object longer than [`MAX_ARG_VALUES`] by itself (counted before any of it
    /// is read): whether it is an array, and its length.
    TooLong {
        /// An array (else an object).
        array: bool,
        /// Its elements or keys.
        length: u32,
    },
    /// A string longer than [`MAX_ARG_STRING_UNITS`], with its length in UTF-16 code units.
    StringTooLong(u32),
    /// Reading it threw (a getter, a Proxy's trap, a revoked Proxy).
    Unreadable,
    /// A string with half of a character (a lone UTF-16 surrogate).
    LoneSurrogate,
}

/// `text` as a Rust string, or `None` if it holds half of a character (a lone UTF-16
/// surrogate), which the conversion would silently turn into U+FFFD. Checked only then: the
/// check calls into JavaScript once per unit.
fn js_text(text: &js_sys::JsString) -> Option<String> {
    let converted = String::from(text);
    (!converted.contains('\u{fffd}') || text.is_valid_utf16()).then_some(converted)
}

// The reads of an argument that may run the caller's code (getters, a Proxy's traps), bound
// with `catch`: an exception thrown through the wasm's frames would leave its stack pointer
// behind, ~0.5 KB each time, until the module's memory is corrupt.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(object: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn array_is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// `target[key]`, or [`Unconvertible::Unreadable`] if reading it threw.
fn read(target: &JsValue, key: &JsValue) -> Result<JsValue, Unconvertible> {
    js_sys::Reflect::get(target, key).map_err(|_| Unconvertible::Unreadable)
}

/// Whether `value` is an array (a Proxy of one too), or `Unreadable` (a revoked Proxy).
fn is_array(value: &JsValue) -> Result<bool, Unconvertible> {
    array_is_array(value).map_err(|_| Unconvertible::Unreadable)
}

/// The own enumerable string keys of `object`, as `Object.keys` lists them, refused when
/// there are more than `max`. An object that says it has more (a `String` object, a typed
/// array: one key per element) is refused before they are listed, which would take seconds.
fn own_keys(object: &JsValue, max: usize) -> Result<js_sys::Array, Unconvertible> {
    if let Some(length) = read(object, &"length".into())?.as_f64() {
        if length > MAX_ARG_VALUES as f64 {
            return Err(Unconvertible::TooLong {
                array: false,
                length: length.min(f64::from(u32::MAX)) as u32,
            });
        }
    }
    let keys = object_keys(object).map_err(|_| Unconvertible::Unreadable)?;
    check_length(keys.length(), false, max)?;
    Ok(keys)
}

impl Unconvertible {
    /// What was found, for a message: "memory must be a whole number, got …".
    fn found(self) -> Found {
        match self {
            Unconvertible::NoJsonForm(found) => found,
            Unconvertible::TooDeep => Found::TooDeep,
            Unconvertible::TooManyValues => Found::TooManyValues {
                max: MAX_ARG_VALUES,
            },
            Unconvertible::TooLong {
                array: true,
                length,
            } => Found::ArrayOf(length),
            Unconvertible::TooLong {
                array: false,
                length,
            } => Found::ObjectWith(length),
            Unconvertible::StringTooLong(units) => Found::StringOf(units),
            Unconvertible::Unreadable => Found::Unreadable,
            Unconvertible::LoneSurrogate => Found::LoneSurrogate,
        }
    }
}

/// A JS value as JSON, or why it has none (a function, a symbol, NaN, ...: its type in
/// words), visiting at most [`MAX_ARG_VALUES`] values and copying no string longer than
/// [`MAX_ARG_STRING_UNITS`]: the work is bounded whatever the argument.
///
/// By hand rather than with serde-wasm-bindgen's deserializer, which would add a copy of every
/// derived deserializer to the page for this one use.
fn json_of(value: &JsValue) -> Result<Value, Unconvertible> {
    let mut budget = MAX_ARG_VALUES;
    json_within(value, MAX_ARG_DEPTH, &mut budget)
}

/// [`json_of`] with `depth` levels of nesting and `budget` values left.
fn json_within(value: &JsValue, depth: usize, budget: &mut usize) -> Result<Value, Unconvertible> {
    *budget = budget.checked_sub(1).ok_or(Unconvertible::TooManyValues)?;
    if value.is_null() || value.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(flag) = value.as_bool() {
        return Ok(Value::Bool(flag));
    }
    if value.is_string() {
        let units = value.unchecked_ref::<js_sys::JsString>().length();
        if units > MAX_ARG_STRING_UNITS {
            return Err(Unconvertible::StringTooLong(units));
        }
        return js_text(value.unchecked_ref())
            .map(Value::String)
            .ok_or(Unconvertible::LoneSurrogate);
    }
    if let Some(number) = value.as_f64() {
        return json_number(number)
            .map_err(|word| Unconvertible::NoJsonForm(Found::NotFinite(word)));
    }
    let array = is_array(value)?;
    let nested = array || value.is_object() && !value.is_function();
    if nested && depth == 0 {
        return Err(Unconvertible::TooDeep);
    }
    if array {
        // Checked before walking it: `new Array(1e9)` is refused without a billion visits.
        let length = read(value, &"length".into())?.as_f64().unwrap_or(0.0);
        check_length(length.min(f64::from(u32::MAX)) as u32, true, *budget)?;
        return (0..length as u32)
            .map(|index| json_within(&read(value, &index.into())?, depth - 1, budget))
            .collect();
    }
    if nested {
        let mut object = serde_json::Map::new();
        for (key, item) in entries(value, *budget)? {
            object.insert(key, json_within(&item, depth - 1, budget)?);
        }
        return Ok(Value::Object(object));
    }
    Err(Unconvertible::NoJsonForm(Found::JsType(
        value.js_typeof().as_string().unwrap_or_default(),
    )))
}

/// A property key as text; a key too long to name a field is cut (to name it in a message)
/// before it is copied.
fn key_text(key: &JsValue) -> String {
    let key: &js_sys::JsString = key.unchecked_ref();
    if key.length() > MAX_ARG_KEY_UNITS {
        let start = String::from(key.slice(0, 40));
        return format!("{start}…");
    }
    String::from(key)
}

/// Refuses an array or object of `length` entries when more than `budget` values are left.
fn check_length(length: u32, array: bool, budget: usize) -> Result<(), Unconvertible> {
    if length as usize > MAX_ARG_VALUES {
        Err(Unconvertible::TooLong { array, length })
    } else if length as usize > budget {
        Err(Unconvertible::TooManyValues)
    } else {
        Ok(())
    }
}

/// An object's own enumerable string-keyed properties, as `Object.keys` lists them, or
/// an error when there are more than `max` (counted before any is read).
fn entries(object: &JsValue, max: usize) -> Result<Vec<(String, JsValue)>, Unconvertible> {
    own_keys(object, max)?
        .iter()
        .map(|key| Ok((key_text(&key), read(object, &key)?)))
        .collect()
}

/// A JS number as JSON: whole numbers that JS holds exactly as integers (as a JSON text of
/// them would read), others as floats; NaN and the infinities have no JSON form.
fn json_number(number: f64) -> Result<Value, &'static str> {
    const SAFE: f64 = 9_007_199_254_740_991.0; // Number.MAX_SAFE_INTEGER
    if number.is_nan() {
        return Err("NaN");
    }
    if number.is_infinite() {
        return Err(if number > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        });
    }
    if number.fract() == 0.0 && number.abs() <= SAFE {
        return Ok(if number >= 0.0 {
            Value::from(number as u64)
        } else {
            Value::from(number as i64)
        });
    }
    Ok(serde_json::Number::from_f64(number).map_or(Value::Null, Value::Number))
}

fn config_arg(value: &JsValue) -> Result<VmConfig, VmError> {
    let not_an_object = |found: Found| VmError::InvalidConfig {
        field: ConfigField::Name,
        problem: ConfigProblem::NotAnObject { found },
    };
    if value.is_undefined() {
        return Err(not_an_object(Found::Undefined));
    }
    let array = is_array(value).map_err(|found| not_an_object(found.found()))?;
    let is_plain_object = value.is_object() && !array && !value.is_function();
    if !is_plain_object {
        if let Some(text) = value.dyn_ref::<js_sys::JsString>() {
            return Err(not_an_object(Found::String(js_excerpt(text))));
        }
        return config_from_json(&json_of(value).map_err(|found| not_an_object(found.found()))?);
    }
    // Field by field, so that one value without a JSON form is named with its field, and so
    // that an unknown key or an over-long string is refused before its value is read; the
    // keys are counted before any is read, and one budget of values covers the whole config.
    let mut budget = MAX_ARG_VALUES - 1;
    let mut object = serde_json::Map::new();
    let keys = own_keys(value, budget).map_err(|found| not_an_object(found.found()))?;
    for key in keys.iter() {
        let Some(field) = config_field(&key) else {
            let key = key.dyn_ref::<js_sys::JsString>().map(js_prefix);
            return Err(unknown_key(&key.unwrap_or_default()));
        };
        let item = read(value, &key).map_err(|found| unconvertible_field(field, found))?;
        if let Some(text) = item.dyn_ref::<js_sys::JsString>() {
            check_js_length(text, field)?;
        }
        let json = json_within(&item, MAX_ARG_DEPTH, &mut budget)
            .map_err(|found| unconvertible_field(field, found))?;
        if !(item.is_undefined() && field == ConfigField::IsoImage) {
            object.insert(field.json_name().to_owned(), json);
        }
    }
    config_from_json(&Value::Object(object))
}

/// The InvalidConfig for a field whose value could not be converted: too long for a string
/// field, the wrong type otherwise.
fn unconvertible_field(field: ConfigField, found: Unconvertible) -> VmError {
    let problem = match (found, field.max_chars()) {
        (Unconvertible::StringTooLong(units), Some(max)) => ConfigProblem::TooLong {
            max,
            got: units as usize,
        },
        (found, _) => ConfigProblem::WrongType {
            expected: expected_type(field),
            found: found.found(),
        },
    };
    VmError::InvalidConfig { field, problem }
}

/// The field a config key names, read only if it is short enough to be one.
fn config_field(key: &JsValue) -> Option<ConfigField> {
    let key = key.dyn_ref::<js_sys::JsString>()?;
    if key.length() as usize > LONGEST_FIELD_NAME {
        return None;
    }
    let key = String::from(key);
    ConfigField::ALL
        .into_iter()
        .find(|field| field.json_name() == key)
}

/// The longest key of a config object ("diskPath", "diskSize", "isoImage").
const LONGEST_FIELD_NAME: usize = 8;

/// How long a string argument may be, in UTF-16 units, and still be copied into wasm to have
/// its characters counted exactly: twice `max` (a character is one or two units), and at
/// least [`READ_UNITS`]. A longer one certainly has more than `max` characters and is
/// refused by its `length`, unread.
fn readable_units(max: usize) -> usize {
    (2 * max).max(READ_UNITS)
}

/// Strings up to this many UTF-16 units are read however short their limit, so that a
/// message counts characters exactly unless the string is far too long.
const READ_UNITS: usize = 8192;

/// Refuses a string for `field` by its `length` before it is copied into wasm: a text field's
/// string longer than [`readable_units`] (the core counts exactly what passes), and a number
/// field's string (the wrong type anyway) longer than an excerpt.
fn check_js_length(text: &js_sys::JsString, field: ConfigField) -> Result<(), VmError> {
    let units = text.length() as usize;
    let problem = match field.max_chars() {
        Some(max) if units > readable_units(max) => ConfigProblem::TooLong { max, got: units },
        Some(_) => return Ok(()),
        None if units > EXCERPT_CHARS => ConfigProblem::WrongType {
            expected: expected_type(field),
            found: Found::String(js_excerpt(text)),
        },
        None => return Ok(()),
    };
    Err(VmError::InvalidConfig { field, problem })
}

/// The start of a JS string, quoted, for a message, "…" after it if there was more.
fn js_excerpt(text: &js_sys::JsString) -> String {
    quoted_excerpt(&js_prefix(text))
}

/// The first [`EXCERPT_CHARS`] + 1 UTF-16 units of a JS string: enough for an excerpt to
/// see that there is more, and all that is copied into wasm.
fn js_prefix(text: &js_sys::JsString) -> String {
    let end = text.length().min(EXCERPT_CHARS as u32 + 1);
    String::from(text.slice(0, end))
}

fn name_arg(value: &JsValue) -> Result<String, VmError> {
    let too_long = |got: usize| VmError::InvalidConfig {
        field: ConfigField::Name,
        problem: ConfigProblem::TooLong {
            max: NAME_MAX_CHARS,
            got,
        },
    };
    if let Some(text) = value.dyn_ref::<js_sys::JsString>() {
        // Refused by its length before it is copied (see check_js_length), then counted.
        let units = text.length() as usize;
        if units > readable_units(NAME_MAX_CHARS) {
            return Err(too_long(units));
        }
        let Some(name) = js_text(text) else {
            return Err(VmError::InvalidConfig {
                field: ConfigField::Name,
                problem: ConfigProblem::WrongType {
                    expected: Expected::VmName,
                    found: Found::LoneSurrogate,
                },
            });
        };
        return match chars_over(&name, NAME_MAX_CHARS) {
            Some(got) => Err(too_long(got)),
            None => Ok(name),
        };
    }
    Err(VmError::InvalidConfig {
        field: ConfigField::Name,
        problem: ConfigProblem::WrongType {
            expected: Expected::VmName,
            found: if value.is_undefined() {
                Found::Undefined
            } else {
                found_in(value)
            },
        },
    })
}

/// A snapshot's name: checked as a VM name is (its type, its length before it is copied),
/// its errors named as the snapshot's.
fn snapshot_name_arg(value: &JsValue) -> Result<String, VmError> {
    name_arg(value).map_err(|error| match error {
        VmError::InvalidConfig { problem, .. } => VmError::InvalidSnapshot {
            field: SnapshotField::Name,
            problem,
        },
        other => other,
    })
}

/// A snapshot's description: a string (refused by its length before it is copied when far
/// too long), or undefined or null for none.
fn description_arg(value: &JsValue) -> Result<String, VmError> {
    let invalid = |problem| VmError::InvalidSnapshot {
        field: SnapshotField::Description,
        problem,
    };
    if value.is_undefined() || value.is_null() {
        return Ok(String::new());
    }
    if let Some(text) = value.dyn_ref::<js_sys::JsString>() {
        let units = text.length() as usize;
        if units > readable_units(SNAPSHOT_DESCRIPTION_MAX_CHARS) {
            return Err(invalid(ConfigProblem::TooLong {
                max: SNAPSHOT_DESCRIPTION_MAX_CHARS,
                got: units,
            }));
        }
        return js_text(text).ok_or_else(|| {
            invalid(ConfigProblem::WrongType {
                expected: Expected::String,
                found: Found::LoneSurrogate,
            })
        });
    }
    Err(invalid(ConfigProblem::WrongType {
        expected: Expected::String,
        found: found_in(value),
    }))
}

/// Whether the options argument (`{ snapshots }`, `{ children }`) sets `option`, the one
/// option the call takes. No options (undefined or null), or the option undefined, sets
/// nothing. Anything else than an object with at most that key, true or false, is refused
/// ([`VmError::InvalidOption`]): `{ snapshots: "false" }` or a misspelt key would otherwise
/// delete more or less than the caller meant.
fn options_arg(options: &JsValue, option: &'static str) -> Result<bool, VmError> {
    let invalid =
        |key: Option<String>, found: Option<Found>| VmError::InvalidOption { option, key, found };
    if options.is_undefined() || options.is_null() {
        return Ok(false);
    }
    let array = is_array(options).map_err(|found| invalid(None, Some(found.found())))?;
    if array || !options.is_object() || options.is_function() {
        return Err(invalid(None, Some(found_in(options))));
    }
    let keys =
        own_keys(options, MAX_ARG_VALUES).map_err(|found| invalid(None, Some(found.found())))?;
    let option_key = JsValue::from_str(option);
    if let Some(key) = keys.iter().find(|key| *key != option_key) {
        return Err(invalid(Some(key_text(&key)), None));
    }
    let value = read(options, &option.into())
        .map_err(|found| invalid(Some(option.to_owned()), Some(found.found())))?;
    if value.is_undefined() {
        return Ok(false);
    }
    value
        .as_bool()
        .ok_or_else(|| invalid(Some(option.to_owned()), Some(found_in(&value))))
}

/// What `value` is, for a message: its JSON form described, or why it has none.
fn found_in(value: &JsValue) -> Found {
    json_of(value).map_or_else(|found| found.found(), |json| describe(&json))
}

/// A snapshot as `listSnapshots` gives it: `{ name, description, createdAt, state, parent,
/// current }`.
fn snapshot_js(info: &VmInfo, snapshot: &Snapshot) -> JsValue {
    to_js(&serde_json::json!({
        "name": snapshot.name,
        "description": snapshot.description,
        "createdAt": snapshot.created_at,
        "state": snapshot.state.as_str(),
        "parent": snapshot.parent,
        "current": info.current_snapshot.as_deref() == Some(snapshot.name.as_str()),
    }))
}

fn to_js<T: serde::Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

type JsResult<T> = Result<T, JsValue>;

fn throw<T>(result: Result<T, VmError>) -> JsResult<T> {
    result.map_err(|error| to_js_error(&error))
}

impl JsVmManager {
    /// The instance bound to the page, installed as `window.vmPlayground`.
    pub fn for_page(app: App) -> Self {
        JsVmManager {
            target: Target::Page(app),
        }
    }

    /// Runs a change on the standalone core, or on the page through the same `App` methods
    /// as a click (logged with the API as its source). Both implement `ConsoleBackend`.
    fn change<T>(
        &self,
        change: impl FnOnce(&dyn ConsoleBackend) -> Result<T, VmError>,
    ) -> JsResult<T> {
        throw(match &self.target {
            Target::Standalone(core) => change(core),
            Target::Page(app) => app.with_source(Source::Api, || change(app)),
        })
    }

    fn create_with(&self, config: &JsValue, mode: StartMode) -> JsResult<()> {
        let config = throw(config_arg(config))?;
        self.change(|backend| backend.create(config, mode == StartMode::Start))
    }

    fn transition(&self, name: &JsValue, transition: Transition) -> JsResult<()> {
        let name = throw(name_arg(name))?;
        self.change(|backend| backend.transition(&name, transition))
            .map(drop)
    }

    fn step(&self, direction: Direction) -> JsResult<JsValue> {
        let change = self.change(|backend| backend.step(direction))?;
        Ok(change.map_or(JsValue::NULL, |change| {
            to_js(&serde_json::json!({ "op": change.op.map_or("", Op::as_str), "vm": change.vm }))
        }))
    }

    fn can(&self, direction: Direction) -> bool {
        match &self.target {
            Target::Standalone(_) => false,
            Target::Page(app) => untrack(|| app.next_change(direction)).is_some(),
        }
    }

    fn read<T>(&self, read: impl FnOnce(&Core) -> Result<T, VmError>) -> JsResult<T> {
        throw(match &self.target {
            Target::Standalone(core) => read(core),
            Target::Page(app) => read(&app.manager()),
        })
    }
}

#[wasm_bindgen(js_class = MockVmManager)]
impl JsVmManager {
    /// A new, empty manager in memory, independent of the page.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsVmManager {
        super::install_normaliser();
        JsVmManager {
            target: Target::Standalone(Core::with_clock(Box::new(|| js_sys::Date::now() as u64))),
        }
    }

    /// Validates the config, creates the VM and starts it.
    #[wasm_bindgen(js_name = createVm)]
    pub fn create_vm(&self, config: JsValue) -> JsResult<()> {
        self.create_with(&config, StartMode::Start)
    }

    /// Like `createVm`, but leaves the VM stopped (virsh's `define`).
    #[wasm_bindgen(js_name = defineVm)]
    pub fn define_vm(&self, config: JsValue) -> JsResult<()> {
        self.create_with(&config, StartMode::Stopped)
    }

    /// Every VM's name, sorted.
    #[wasm_bindgen(js_name = listVms)]
    pub fn list_vms(&self) -> JsResult<Vec<String>> {
        self.read(|core| core.list_vms())
    }

    /// Stopped → running.
    #[wasm_bindgen(js_name = startVm)]
    pub fn start_vm(&self, name: JsValue) -> JsResult<()> {
        self.transition(&name, Transition::Start)
    }

    /// Running or paused → stopped; pending config changes are applied.
    #[wasm_bindgen(js_name = stopVm)]
    pub fn stop_vm(&self, name: JsValue) -> JsResult<()> {
        self.transition(&name, Transition::Stop)
    }

    /// Running → paused.
    #[wasm_bindgen(js_name = pauseVm)]
    pub fn pause_vm(&self, name: JsValue) -> JsResult<()> {
        self.transition(&name, Transition::Pause)
    }

    /// Paused → running.
    #[wasm_bindgen(js_name = resumeVm)]
    pub fn resume_vm(&self, name: JsValue) -> JsResult<()> {
        self.transition(&name, Transition::Resume)
    }

    /// Deletes the VM in any state. A VM with snapshots only with `{ snapshots: true }`
    /// (they go too), else code "InvalidTransition".
    #[wasm_bindgen(js_name = deleteVm)]
    pub fn delete_vm(&self, name: JsValue, options: JsValue) -> JsResult<()> {
        let name = throw(name_arg(&name))?;
        let snapshots = throw(options_arg(&options, "snapshots"))?;
        self.change(|backend| backend.delete(&name, snapshots))
    }

    /// Takes a snapshot of the VM: its config, pending config and state now. Returns it as
    /// `listSnapshots` lists it.
    #[wasm_bindgen(js_name = createSnapshot)]
    pub fn create_snapshot(
        &self,
        vm: JsValue,
        name: JsValue,
        description: JsValue,
    ) -> JsResult<JsValue> {
        let vm = throw(name_arg(&vm))?;
        let name = throw(snapshot_name_arg(&name))?;
        let description = throw(description_arg(&description))?;
        let snapshot = self.change(|backend| {
            backend.create_snapshot(NewSnapshot {
                vm: &vm,
                name: &name,
                description: &description,
            })
        })?;
        let info = self.read(|core| core.get_vm_info(&vm))?;
        Ok(snapshot_js(&info, &snapshot))
    }

    /// The VM's snapshots in tree order (parents before children, siblings by creation
    /// time): `[{ name, description, createdAt, state, parent, current }]`.
    #[wasm_bindgen(js_name = listSnapshots)]
    pub fn list_snapshots(&self, vm: JsValue) -> JsResult<Vec<JsValue>> {
        let vm = throw(name_arg(&vm))?;
        let info = self.read(|core| core.get_vm_info(&vm))?;
        Ok(info
            .snapshots_in_tree_order()
            .into_iter()
            .map(|snapshot| snapshot_js(&info, snapshot))
            .collect())
    }

    /// Reverts the VM to the snapshot: its config and state then (pending changes are
    /// dropped). Returns the VM's state: "running", "paused" or "stopped".
    #[wasm_bindgen(js_name = revertToSnapshot)]
    pub fn revert_to_snapshot(&self, vm: JsValue, name: JsValue) -> JsResult<String> {
        let vm = throw(name_arg(&vm))?;
        let name = throw(snapshot_name_arg(&name))?;
        self.change(|backend| backend.revert_snapshot(&vm, &name))
            .map(|state| state.as_str().to_owned())
    }

    /// Deletes the snapshot (its children go to its parent), or with `{ children: true }`
    /// its whole subtree. Returns the names deleted.
    #[wasm_bindgen(js_name = deleteSnapshot)]
    pub fn delete_snapshot(
        &self,
        vm: JsValue,
        name: JsValue,
        options: JsValue,
    ) -> JsResult<Vec<String>> {
        let vm = throw(name_arg(&vm))?;
        let name = throw(snapshot_name_arg(&name))?;
        let children = throw(options_arg(&options, "children"))?;
        self.change(|backend| {
            backend.delete_snapshot(SnapshotDeletion {
                vm: &vm,
                name: &name,
                children,
            })
        })
    }

    /// Clones a stopped VM as `newName` (virt-clone): same config, a disk of its own next to
    /// the original's, stopped, no snapshots. Returns the clone's info.
    #[wasm_bindgen(js_name = cloneVm)]
    pub fn clone_vm(&self, source: JsValue, new_name: JsValue) -> JsResult<JsValue> {
        let source = throw(name_arg(&source))?;
        let new_name = throw(name_arg(&new_name))?;
        self.change(|backend| backend.clone_vm(&source, &new_name))
            .map(|info| to_js(&info))
    }

    /// `{ config, state, pending, createdAt, stateChangedAt, revision }`.
    #[wasm_bindgen(js_name = getVmInfo)]
    pub fn get_vm_info(&self, name: JsValue) -> JsResult<JsValue> {
        let name = throw(name_arg(&name))?;
        self.read(|core| core.get_vm_info(&name))
            .map(|info| to_js(&info))
    }

    /// "running", "paused" or "stopped".
    #[wasm_bindgen(js_name = getVmState)]
    pub fn get_vm_state(&self, name: JsValue) -> JsResult<String> {
        let name = throw(name_arg(&name))?;
        self.read(|core| core.get_vm_state(&name))
            .map(|state| state.as_str().to_owned())
    }

    /// Changes the config: "applied" (stopped VM), "pending" (active VM, applied at next stop)
    /// or "unchanged".
    #[wasm_bindgen(js_name = updateVmConfig)]
    pub fn update_vm_config(&self, name: JsValue, config: JsValue) -> JsResult<String> {
        let name = throw(name_arg(&name))?;
        let config = throw(config_arg(&config))?;
        let outcome = self.change(|backend| backend.update(&name, config))?;
        Ok(match outcome {
            ConfigUpdate::Applied => "applied",
            ConfigUpdate::Pending => "pending",
            ConfigUpdate::Unchanged => "unchanged",
        }
        .to_owned())
    }

    /// Drops pending config changes; returns whether there were any.
    #[wasm_bindgen(js_name = discardPending)]
    pub fn discard_pending(&self, name: JsValue) -> JsResult<bool> {
        let name = throw(name_arg(&name))?;
        throw(match &self.target {
            Target::Standalone(core) => core.discard_pending(&name),
            Target::Page(app) => app.with_source(Source::Api, || app.discard_pending(&name)),
        })
    }

    /// `{ memory: { total, used }, cpus: { total, used }, storage: { total, used }, overcommit }`:
    /// memory in MB, storage in GB, `cpus.used` in vCPUs; a `total` of `null` is unlimited.
    #[wasm_bindgen(js_name = getHostInfo)]
    pub fn get_host_info(&self) -> JsResult<JsValue> {
        let info = self.read(|core| core.host_info())?;
        let (host, usage) = (info.host, info.usage);
        Ok(to_js(&serde_json::json!({
            "memory": { "total": host.memory, "used": usage.memory },
            "cpus": { "total": host.cpus, "used": usage.vcpus },
            "storage": { "total": host.storage, "used": usage.storage },
            "overcommit": host.overcommit,
        })))
    }

    /// Resizes the host: any subset of `{ memory, cpus, storage, overcommit }`, `null` for
    /// unlimited. Shrinking below what the VMs hold throws code "InsufficientResources".
    #[wasm_bindgen(js_name = setHost)]
    pub fn set_host(&self, host: JsValue) -> JsResult<()> {
        let current = self.read(|core| core.host_info())?.host;
        let value = throw(json_of(&host).map_err(|found| VmError::InvalidHostValue {
            key: String::new(),
            found: Some(found.found()),
        }))?;
        let host = throw(host_from_json(current, &value))?;
        throw(match &self.target {
            Target::Standalone(core) => core.set_host(host),
            Target::Page(app) => app.with_source(Source::Api, || app.set_host(host)),
        })
    }

    /// `{ cpuPercent, memoryUsedMb }`: what the guest uses now, by the simulated clock.
    #[wasm_bindgen(js_name = getVmStats)]
    pub fn get_vm_stats(&self, name: JsValue) -> JsResult<JsValue> {
        let name = throw(name_arg(&name))?;
        let info = self.read(|core| core.get_vm_info(&name))?;
        let t = match &self.target {
            Target::Standalone(_) => 0,
            Target::Page(app) => app.sim_time.get_untracked(),
        };
        let (state, config) = (info.state, &info.config);
        let cpu = usage_model::cpu_permille(&config.name, state, t);
        let memory = usage_model::memory_used_mb(&config.name, state, config.memory, t);
        Ok(to_js(&serde_json::json!({
            "cpuPercent": f64::from(cpu) / 10.0,
            "memoryUsedMb": memory,
        })))
    }

    /// Undoes the page's last change (from a click, the console or a script): `{ op, vm }`, what
    /// was undone (`vm` is "" for an import, a reset or the host), or `null` if there is
    /// nothing to undo. Throws code "Conflict" if another tab changed the VM since (the
    /// change then leaves the history). A standalone manager keeps no history: `null`.
    pub fn undo(&self) -> JsResult<JsValue> {
        self.step(Direction::Undo)
    }

    /// Makes the last undone change again; as `undo`.
    pub fn redo(&self) -> JsResult<JsValue> {
        self.step(Direction::Redo)
    }

    /// Whether `undo()` has something to undo.
    #[wasm_bindgen(js_name = canUndo)]
    pub fn can_undo(&self) -> bool {
        self.can(Direction::Undo)
    }

    /// Whether `redo()` has something to redo.
    #[wasm_bindgen(js_name = canRedo)]
    pub fn can_redo(&self) -> bool {
        self.can(Direction::Redo)
    }

    /// Closes a standalone manager: every later call throws code "Closed". The page's own
    /// manager stays open (closing it would leave the page unusable): there it only logs why.
    pub fn close(&self) -> JsResult<()> {
        match &self.target {
            Target::Standalone(core) => throw(core.close()),
            Target::Page(_) => {
                web_sys::console::info_1(
                    &"vmPlayground.close(): the page's manager stays open. Try `new MockVmManager()` to see close() at work."
                        .into(),
                );
                Ok(())
            }
        }
    }
}

impl Default for JsVmManager {
    fn default() -> Self {
        JsVmManager::new()
    }
}

/// Installs `window.vmPlayground` (bound to the page) and, once Trunk has exposed the module's
/// exports, `window.MockVmManager`; then prints a one-line hint in the console.
pub fn install(app: App) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let live = JsValue::from(JsVmManager::for_page(app));
    let _ = js_sys::Reflect::set(&window, &"vmPlayground".into(), &live);
    // Trunk sets window.wasmBindings right after the module's start function (which mounts
    // the app) returns, and then fires this event.
    let expose = Closure::once_into_js(move || {
        let Some(window) = web_sys::window() else {
            return;
        };
        let class = js_sys::Reflect::get(&window, &"wasmBindings".into())
            .and_then(|bindings| js_sys::Reflect::get(&bindings, &"MockVmManager".into()));
        if let Ok(class) = class {
            let _ = js_sys::Reflect::set(&window, &"MockVmManager".into(), &class);
        }
        web_sys::console::info_1(
            &"VM Playground: try vmPlayground.listVms() — or new MockVmManager() for a manager of your own."
                .into(),
        );
    });
    let _ =
        window.add_event_listener_with_callback("TrunkApplicationStarted", expose.unchecked_ref());
}
