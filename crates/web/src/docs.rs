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

/// Where the explanations are: not asked for yet, on their way (with who waits for them), here.
enum State {
    Absent,
    Loading(Vec<Box<dyn FnOnce(Docs)>>),
    Loaded(Docs),
}

thread_local! {
    static STATE: RefCell<State> = const { RefCell::new(State::Absent) };
}

/// The explanations, if already loaded.
pub fn cached() -> Option<Docs> {
    STATE.with(|s| match &*s.borrow() {
        State::Loaded(docs) => Some(docs.clone()),
        _ => None,
    })
}

/// Calls `then` with the explanations: at once if they are here, else when they arrive. They are
/// fetched once however many entries ask (printing opens them all); a failed fetch is tried again
/// by the next entry opened.
pub fn when_loaded(then: impl FnOnce(Docs) + 'static) {
    let start = STATE.with(|s| {
        let mut state = s.borrow_mut();
        match &mut *state {
            State::Loaded(docs) => {
                let docs = docs.clone();
                drop(state);
                then(docs);
                false
            }
            State::Loading(waiting) => {
                waiting.push(Box::new(then));
                false
            }
            State::Absent => {
                *state = State::Loading(vec![Box::new(then)]);
                true
            }
        }
    });
    if start {
        wasm_bindgen_futures::spawn_local(async {
            let fetched: Result<BTreeMap<String, LongDoc>, String> =
                crate::dom::fetch_json(URL).await;
            let waiting = STATE.with(|s| {
                let next = match fetched {
                    Ok(docs) => State::Loaded(Rc::new(docs)),
                    Err(_) => State::Absent,
                };
                match std::mem::replace(&mut *s.borrow_mut(), next) {
                    State::Loading(waiting) => waiting,
                    _ => Vec::new(),
                }
            });
            if let Some(docs) = cached() {
                for then in waiting {
                    then(docs.clone());
                }
            }
        });
    }
}
