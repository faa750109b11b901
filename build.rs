//! Writes the compact classification dictionary (src/classification/compact.rs) into OUT_DIR for
//! builds without the `docs` feature (the web module).

#[path = "src/classification/compact.rs"]
mod compact;

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in ["function.tsv", "economic.tsv"] {
        let src = format!("src/classification/data/{name}");
        println!("cargo:rerun-if-changed={src}");
        let full = std::fs::read_to_string(&src).expect("the dictionary is readable");
        std::fs::write(out.join(name), compact::compact(&full)).expect("OUT_DIR is writable");
    }
    println!("cargo:rerun-if-changed=src/classification/compact.rs");
}
