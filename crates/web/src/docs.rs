//! The rules' long explanations (what a rule checks, why, an example), loaded from `rules.json`
//! the first time a person opens a finding. The module is built without them (the core's `docs`
//! feature is off for the web: they were an eighth of its compressed size), so the page loads them
//! only when they are read. `rules.json` is generated from the catalogue and kept equal to it by
//! tests/rule_fixtures.rs.

use serde::Deserialize;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Where the explanations are, relative to the page.
const URL: &str = "rules.json";

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct LongDoc {
    pub what: String,
    pub why: String,
    pub example: String,
}

/// Every rule's (and reading note's) explanation, by code.
pub type Docs = Rc<BTreeMap<String, LongDoc>>;

thread_local! {
    static LOADED: RefCell<Option<Docs>> = const { RefCell::new(None) };
}

/// The explanations, if already loaded.
pub fn cached() -> Option<Docs> {
    LOADED.with(|l| l.borrow().clone())
}

/// Loads the explanations (once; later calls answer from memory).
pub async fn load() -> Result<Docs, String> {
    if let Some(docs) = cached() {
        return Ok(docs);
    }
    let docs: Docs = Rc::new(crate::dom::fetch_json(URL).await?);
    LOADED.with(|l| *l.borrow_mut() = Some(docs.clone()));
    Ok(docs)
}
