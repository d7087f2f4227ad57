//! Keeps the linker's relocations in the browser build's wasm: `scripts/split.mjs` needs them to
//! move the parts marked `#[wasm_split(…)]` into chunks of their own (README, "Size"). Only the
//! binary's link is affected, so the dependencies are not rebuilt.
//!
//! And names the Russian file the browser build fetches (`src/i18n/file.rs`) after its content,
//! `ru-<FNV-1a 64 in hex>.txt`, as `scripts/post-build.mjs` copies it into the build: a browser
//! never pairs a cached file with another build's wasm.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
    let russian = std::fs::read("src/i18n/ru.txt").unwrap_or_default();
    let hash = russian
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    println!("cargo:rustc-env=VM_PLAYGROUND_RU_FILE=ru-{hash:016x}.txt");
    println!("cargo:rerun-if-changed=src/i18n/ru.txt");
    println!("cargo:rerun-if-changed=build.rs");
}
