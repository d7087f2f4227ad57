//! Offers text as a file download (exports and backups), through a Blob and a temporary link.

use wasm_bindgen::JsCast;

/// Starts the download of `text` as `file_name`. Returns false if the browser refused.
pub fn download(file_name: &str, text: &str) -> bool {
    let start = || -> Option<()> {
        let document = web_sys::window()?.document()?;
        let parts = js_sys::Array::of1(&text.into());
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let link: web_sys::HtmlAnchorElement =
            document.create_element("a").ok()?.dyn_into().ok()?;
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
        web_sys::Url::revoke_object_url(&url).ok()?;
        Some(())
    };
    start().is_some()
}
