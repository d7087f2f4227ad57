//! Keeps the linker's relocations in the browser build's wasm: `scripts/split.mjs` needs them to
//! move the parts marked `#[wasm_split(…)]` into chunks of their own (README, "Size"). Only the
//! binary's link is affected, so the dependencies are not rebuilt.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
