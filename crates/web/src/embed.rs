//! Embedding: the `?embed=1` compact mode and its postMessage API.
//!
//! A host page puts the checker in an iframe (`…/index.html?embed=1`) and talks to it:
//!
//! - the checker says `{ type: "budget-lint:ready" }` to its parent when it has started (to any
//!   origin: the message carries nothing);
//! - the host sends `{ type: "budget-lint:check", id, text }`: the text is shown in the checker
//!   (marked as if pasted) and checked;
//! - the checker answers `{ type: "budget-lint:report", id, report }` (the report of that text, as
//!   `budget-lint check --format json` prints it) or `{ type: "budget-lint:error", id, error }`
//!   (not a string, or a newer text replaced it before its check ran).
//!
//! Origins: a message is taken only from the parent window, and only when its origin is allowed
//! by the page's `<meta name="budget-lint-embed-origins" content="…">`: `*` for any, else the
//! origins listed (space-separated, exact `scheme://host[:port]`); the checker's own origin is
//! always allowed. Without the meta tag no other origin is. The answer goes to that window with
//! that origin as `targetOrigin`, so only the page that sent a text receives its report.

/// Which origins may send texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origins {
    Any,
    Only(Vec<String>),
}

impl Origins {
    /// From the content of the `budget-lint-embed-origins` meta tag (`None`: no tag).
    pub fn parse(content: Option<&str>) -> Origins {
        let listed: Vec<String> = content
            .unwrap_or("")
            .split_whitespace()
            .map(|o| o.trim_end_matches('/').to_string())
            .collect();
        if listed.iter().any(|o| o == "*") {
            Origins::Any
        } else {
            Origins::Only(listed)
        }
    }

    /// May a page of `origin` drive the checker whose own origin is `own`?
    pub fn allows(&self, origin: &str, own: &str) -> bool {
        // "null" is the origin of sandboxed frames and file: pages: never trusted by name.
        if origin == "null" || origin.is_empty() {
            return matches!(self, Origins::Any);
        }
        origin == own
            || match self {
                Origins::Any => true,
                Origins::Only(list) => list.iter().any(|o| o == origin),
            }
    }
}

/// The meta tag that lists the allowed origins.
pub const ORIGINS_META: &str = "budget-lint-embed-origins";

/// The message types of the API.
pub const CHECK: &str = "budget-lint:check";
pub const REPORT: &str = "budget-lint:report";
pub const ERROR: &str = "budget-lint:error";
pub const READY: &str = "budget-lint:ready";

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: &str = "https://czj.example.gov.cn";

    #[test]
    fn star_allows_any_origin() {
        let o = Origins::parse(Some("*"));
        assert_eq!(o, Origins::Any);
        assert!(o.allows("https://other.example", OWN));
        assert!(o.allows("null", OWN));
    }

    #[test]
    fn a_list_allows_exactly_its_origins_and_the_own_one() {
        let o = Origins::parse(Some(" https://a.example.gov.cn  http://127.0.0.1:8080/ "));
        assert!(o.allows("https://a.example.gov.cn", OWN));
        assert!(o.allows("http://127.0.0.1:8080", OWN));
        assert!(o.allows(OWN, OWN));
        assert!(!o.allows("https://a.example.gov.cn.evil.example", OWN));
        assert!(!o.allows("http://a.example.gov.cn", OWN));
        assert!(!o.allows("null", OWN));
    }

    #[test]
    fn no_tag_allows_only_the_own_origin() {
        let o = Origins::parse(None);
        assert!(o.allows(OWN, OWN));
        assert!(!o.allows("https://a.example", OWN));
        assert!(!Origins::parse(Some("")).allows("https://a.example", OWN));
    }
}
