//! The page's language: chosen at start-up, switched live from the language menu, remembered
//! in storage and in the address (`?lang=`), and said in `<html lang>`, `<title>` and the meta
//! description.

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use wasm_bindgen::JsValue;

use super::fetch::fetch_text;
use super::store;
use crate::i18n::{Lang, Texts};
use crate::storage::LANG_KEY;

thread_local! {
    /// The page's language for code that has no reactive context (the JS API's errors).
    static CURRENT: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::En) };
}

/// The page's language now, untracked: for code outside the component tree.
pub fn current() -> Lang {
    CURRENT.with(std::cell::Cell::get)
}

/// The current language, shared through context. Components read [`Language::texts`] inside
/// reactive closures, so a switch re-renders just the words.
#[derive(Debug, Clone, Copy)]
pub struct Language {
    lang: RwSignal<Lang>,
    /// Whether the words of a language asked for could not be had (see [`words_of`]), so the
    /// page stayed in another: said by the part-failed alert, which offers a reload.
    words_missing: RwSignal<bool>,
}

/// The page's address, if it has one.
fn address() -> Option<web_sys::Url> {
    let href = window().location().href().ok()?;
    web_sys::Url::new(&href).ok()
}

/// The browser's preferred languages, most wanted first.
fn browser_languages() -> Vec<String> {
    let navigator = window().navigator();
    let listed: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if listed.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        listed
    }
}

/// The language to open in (see [`Lang::choose`]). A `?lang=` the app has is remembered as the
/// user's choice, so that a teacher's link sticks after the class reloads without it.
pub fn chosen_at_start() -> Lang {
    let from_address = address().and_then(|url| url.search_params().get("lang"));
    let stored = store::read(LANG_KEY).ok().flatten();
    let browser = browser_languages();
    let browser: Vec<&str> = browser.iter().map(String::as_str).collect();
    let lang = Lang::choose(from_address.as_deref(), stored.as_deref(), &browser);
    if from_address.as_deref().and_then(Lang::from_tag).is_some()
        && stored.as_deref() != Some(lang.code())
    {
        let _ = store::write(LANG_KEY, lang.code());
    }
    lang
}

/// `lang` once its words are in: fetched from its file if the build doesn't carry them
/// ([`Lang::file`]; the service worker keeps it for offline use). English if the file can't
/// be had (offline before the service worker kept it) or isn't this build's.
pub async fn words_of(lang: Lang) -> Lang {
    let Some(file) = lang.file() else {
        return lang;
    };
    // The reader's chunk is asked for now, so that it comes while the file does (wasm-bindgen's
    // executor: this may run before the mount sets up Leptos's).
    wasm_bindgen_futures::spawn_local(async {
        let _ = reader().await;
    });
    let problem = match fetch_text(file).await {
        Ok(text) => match read(lang, text).await {
            Ok(true) => return lang,
            Ok(false) => "not this build's words".to_owned(),
            Err(error) => error.to_string(),
        },
        Err(error) => error,
    };
    leptos::logging::error!("{file}: {problem}");
    Lang::En
}

/// The chunk that reads a language file: its code (~25 KB, a few lines of machine code per
/// message) is needed only by a page in a language the build doesn't carry.
#[wasm_split(language_file, wasm_split_path = ::leptos::wasm_split, fallible)]
fn read(lang: Lang, file: String) -> Result<bool, SplitLoaderError> {
    Ok(lang.read(file))
}

/// [`read`]'s chunk, fetched.
#[wasm_split(language_file, wasm_split_path = ::leptos::wasm_split, fallible)]
fn reader() -> Result<(), SplitLoaderError> {
    Ok(())
}

impl Language {
    /// The page's language, `lang`, whose words are in (see [`words_of`]); `wanted` is the
    /// language the page was opened in, whose words may not have come.
    pub fn new(lang: Lang, wanted: Lang) -> Self {
        show_in_document(lang);
        Language {
            lang: RwSignal::new(lang),
            words_missing: RwSignal::new(lang != wanted),
        }
    }

    /// Whether the words of a language asked for could not be had, tracked.
    pub fn words_missing(&self) -> bool {
        self.words_missing.get()
    }

    /// The language now, tracked.
    pub fn get(&self) -> Lang {
        self.lang.get()
    }

    /// The language now, untracked (for views rebuilt as a whole when it changes).
    pub fn get_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// Every message in the current language, tracked.
    pub fn texts(&self) -> &'static Texts {
        self.get().texts()
    }

    /// A reactive text: the message `pick` chooses, in the current language. Every call site
    /// shares this one closure type, so the page carries one copy of the code that renders a
    /// reactive text rather than one per message (measured: ~10 KB of gzip for the first
    /// screens' ~60 messages).
    pub fn text(
        self,
        pick: fn(&Texts) -> &'static str,
    ) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || pick(self.texts())
    }

    /// Every message in the current language, untracked.
    pub fn texts_untracked(&self) -> &'static Texts {
        self.get_untracked().texts()
    }

    /// Switches the page to `lang` once its words are in ([`words_of`]; at once for a
    /// language the build carries): the words change in place, the choice is remembered, and
    /// the address says it, so a reload or a copied link keeps it.
    pub fn switch_to(self, lang: Lang) {
        if lang.file().is_none() {
            self.switch(lang);
            return;
        }
        leptos::task::spawn_local(async move {
            let got = words_of(lang).await;
            self.switch(got);
            self.words_missing.set(got != lang);
            if got != lang {
                // The menu shows the page's language again.
                self.lang.notify();
            }
        });
    }

    /// Switches the page to `lang`, whose words are in.
    fn switch(&self, lang: Lang) {
        if self.get_untracked() == lang {
            return;
        }
        self.lang.set(lang);
        let _ = store::write(LANG_KEY, lang.code());
        if let Some(url) = address() {
            url.search_params().set("lang", lang.code());
            if let Ok(history) = window().history() {
                let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url.href()));
            }
        }
        show_in_document(lang);
    }
}

/// `<html lang>`, `<title>` and the meta description in `lang`.
fn show_in_document(lang: Lang) {
    CURRENT.with(|current| current.set(lang));
    let document = document();
    let texts = lang.texts();
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
    document.set_title(texts.app_name);
    if let Ok(Some(meta)) = document.query_selector("meta[name=description]") {
        let _ = meta.set_attribute("content", texts.meta_description);
    }
}

/// The language menu: a `<select>` named "Language" ("Язык"), each option in its own
/// language.
#[component]
pub fn LanguageMenu() -> impl IntoView {
    let language = expect_context::<Language>();
    view! {
        <label class="language">
            <span>{language.text(|t| t.language)}</span>
            <select
                prop:value=move || language.get().code()
                on:change=move |event| {
                    if let Some(lang) = Lang::from_tag(&event_target_value(&event)) {
                        language.switch_to(lang);
                    }
                }
            >
                {Lang::ALL
                    .into_iter()
                    .map(|lang| view! { <option value=lang.code() lang=lang.code()>{lang.own_name()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
