//! The status bar's message, kept in parts so that it reads in the UI language shown now, not
//! in the one it was set in.

use super::texts::tr;
use crate::i18n::Lang;

/// One piece of a message.
#[derive(Clone, Debug, PartialEq)]
enum Part {
    /// English UI text, translated when shown.
    Tr(String),
    /// Shown as it is: paths, numbers, the user's own words.
    Raw(String),
}

/// A status message, translated when shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatusText {
    parts: Vec<Part>,
}

impl StatusText {
    /// A message that starts with English UI text.
    pub fn tr(english: impl Into<String>) -> StatusText {
        StatusText::default().then_tr(english)
    }

    /// Adds English UI text.
    #[must_use]
    pub fn then_tr(mut self, english: impl Into<String>) -> StatusText {
        self.parts.push(Part::Tr(english.into()));
        self
    }

    /// Adds text that is never translated.
    #[must_use]
    pub fn then_raw(mut self, text: impl Into<String>) -> StatusText {
        self.parts.push(Part::Raw(text.into()));
        self
    }

    /// The message in `lang`.
    pub fn show(&self, lang: Lang) -> String {
        self.parts
            .iter()
            .map(|part| match part {
                Part::Tr(english) => tr(lang, english),
                Part::Raw(text) => text.as_str(),
            })
            .collect()
    }
}

/// Text that is never translated (it is in the user's words, or already translated).
impl From<String> for StatusText {
    fn from(text: String) -> StatusText {
        StatusText::default().then_raw(text)
    }
}

/// See [`StatusText::from`].
impl From<&str> for StatusText {
    fn from(text: &str) -> StatusText {
        StatusText::default().then_raw(text)
    }
}
