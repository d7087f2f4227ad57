//! The browser entry point: Trunk builds this binary for wasm32 and calls `main` on load.

#[cfg(target_arch = "wasm32")]
fn main() {
    vm_playground::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "VM Playground runs in the browser: run scripts/serve and open http://127.0.0.1:8080/"
    );
}
