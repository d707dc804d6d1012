//! Writes `zh.json`, the Chinese rows the page's wasm installs at run time
//! (src/zh.rs; the file is made by src/zh_file.rs): `cargo run --release -p gradscape-text --example zh_data -- OUT`.

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: zh_data OUT.json");
        std::process::exit(2);
    };
    if let Err(e) = std::fs::write(&out, gradscape_text::zh_file::to_json()) {
        eprintln!("zh_data: cannot write {out}: {e}");
        std::process::exit(1);
    }
}
