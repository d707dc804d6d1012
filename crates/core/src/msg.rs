//! A message to be worded later: a table key and its values. The text layer
//! (`gradscape-text`) owns the tables and the words.

/// A message to show later in either language: a key and its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    /// The table key.
    pub key: &'static str,
    /// The values of `{0}`, `{1}`…
    pub args: Vec<String>,
}

impl Msg {
    /// A message from its key and values.
    pub fn new(key: &'static str, args: &[String]) -> Msg {
        Msg {
            key,
            args: args.to_vec(),
        }
    }
}
