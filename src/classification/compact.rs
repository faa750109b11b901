//! The dictionary as the web module embeds it: the same entries with their source notes reduced to
//! what the rules read (`obs:`, `n:`, `pub:`, `yr?`), without the comment lines and the corpus
//! document lists. Used by build.rs (the module is built without the `docs` feature) and tested
//! against the full files in `tests.rs`.

/// The TSV `full` with comments dropped and each note reduced to the tokens the rules read.
pub fn compact(full: &str) -> String {
    let mut out = String::with_capacity(full.len() / 2);
    for line in full.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        let note: Vec<&str> = fields
            .get(4)
            .map(|n| n.split(';').map(str::trim).filter_map(kept).collect())
            .unwrap_or_default();
        fields.truncate(4);
        let joined = note.join(";");
        fields.push(&joined);
        out.push_str(fields.join("\t").trim_end_matches('\t'));
        out.push('\n');
    }
    out
}

/// The part of a note token a rule reads: its kind, not the documents it lists.
fn kept(token: &str) -> Option<&str> {
    ["obs:", "n:", "pub:", "yr?"]
        .into_iter()
        .find(|k| token.starts_with(k))
}
