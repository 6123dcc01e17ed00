//! Older files, brought up to the current format version one version at a time before they are
//! read, so the model carries only the current shape.
//!
//! Each upgrade rewrites the file's RON tokens rather than a parsed `ron::Value`: that tree drops
//! enum variant names (`kind: FailPoint`, `target: Step("b")`), and every position in it would be
//! lost, while an error in an old file must still point at its own line and column. A rename
//! therefore pads the new name to the old one's length.

use std::borrow::Cow;

/// One upgrade: the text of a file of version `n` as a file of version `n + 1`.
type Upgrade = fn(&str) -> Cow<'_, str>;

/// `UPGRADES[n - 1]` takes a version-`n` file to version `n + 1`.
const UPGRADES: [Upgrade; 1] = [v1_to_v2];

/// `text`, a file of format `version`, as a file of the current version.
pub(super) fn upgrade(text: &str, version: u32) -> Cow<'_, str> {
    let mut text = Cow::Borrowed(text);
    for step in UPGRADES.iter().skip(version.saturating_sub(1) as usize) {
        if let Cow::Owned(upgraded) = step(&text) {
            text = Cow::Owned(upgraded);
        }
    }
    text
}

/// Version 2 calls a step's `evidence` (how sure the team is of it) `basis`, so it is not taken
/// for the physical evidence of the evidence lane.
fn v1_to_v2(text: &str) -> Cow<'_, str> {
    rename_field(text, "evidence", "basis")
}

/// Every field key `old` (an identifier followed by `:`, outside strings and comments) renamed to
/// `new`, padded with spaces to `old`'s length so positions stay put.
fn rename_field<'a>(text: &'a str, old: &str, new: &str) -> Cow<'a, str> {
    debug_assert!(new.len() <= old.len(), "positions would move");
    let keys = field_keys(text, old);
    if keys.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for at in keys {
        out.push_str(&text[from..at]);
        out.push_str(new);
        out.extend(std::iter::repeat_n(' ', old.len() - new.len()));
        from = at + old.len();
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// Byte offsets of the identifier `name` wherever it is a field key.
fn field_keys(text: &str, name: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(hashes) = raw_string_hashes(bytes, i) {
            i = skip_raw_string(bytes, i + 2 + hashes, hashes);
            continue;
        }
        match bytes[i] {
            b'"' => i = skip_string(bytes, i + 1),
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = skip_line_comment(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_block_comment(bytes, i + 2),
            b'\'' => i = skip_char(bytes, i + 1),
            b if is_ident_start(b) => {
                let end = i + bytes[i..].iter().take_while(|&&b| is_ident(b)).count();
                if &text[i..end] == name && next_is_colon(bytes, end) {
                    found.push(i);
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    found
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether the next token after `at` is `:` (a field key), skipping blanks and comments.
fn next_is_colon(bytes: &[u8], mut at: usize) -> bool {
    loop {
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        match (bytes.get(at), bytes.get(at + 1)) {
            (Some(b'/'), Some(b'/')) => at = skip_line_comment(bytes, at),
            (Some(b'/'), Some(b'*')) => at = skip_block_comment(bytes, at + 2),
            (Some(b':'), _) => return true,
            _ => return false,
        }
    }
}

/// The end of the line a `//` comment at `at` runs to.
fn skip_line_comment(bytes: &[u8], at: usize) -> usize {
    bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |n| at + n)
}

/// Just past the closing quote of a string whose text starts at `at`.
fn skip_string(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// Just past the closing quote of a character literal whose text starts at `at`.
fn skip_char(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'\'' => return at + 1,
            b'\n' => return at,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// The number of `#` of a raw string `r#"…"#` that starts at `at`, if one does.
fn raw_string_hashes(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'r') || at > 0 && is_ident(bytes[at - 1]) {
        return None;
    }
    let hashes = bytes[at + 1..].iter().take_while(|&&b| b == b'#').count();
    (bytes.get(at + 1 + hashes) == Some(&b'"')).then_some(hashes)
}

/// Just past the end of a raw string with `hashes` hashes whose text starts at `at`.
fn skip_raw_string(bytes: &[u8], at: usize, hashes: usize) -> usize {
    let mut close = vec![b'"'];
    close.extend(std::iter::repeat_n(b'#', hashes));
    bytes[at.min(bytes.len())..]
        .windows(close.len())
        .position(|w| w == close.as_slice())
        .map_or(bytes.len(), |n| at + n + close.len())
}

/// Just past the end of a block comment whose text starts at `at`; RON's block comments nest.
fn skip_block_comment(bytes: &[u8], mut at: usize) -> usize {
    let mut depth = 1;
    while at < bytes.len() {
        match (bytes[at], bytes.get(at + 1)) {
            (b'/', Some(b'*')) => {
                depth += 1;
                at += 2;
            }
            (b'*', Some(b'/')) => {
                depth -= 1;
                at += 2;
                if depth == 0 {
                    return at;
                }
            }
            _ => at += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_field_keys_are_renamed_and_positions_stay() {
        let v1 = r##"(version: 1, blueprint: (steps: [
            (id: "evidence", title: "evidence: kept", evidence /* how sure */ : Assumed),
            (title: r#"evidence: raw"#, note: 'e', // evidence: comment
             evidence: Proposed, kind: Evidence),
        ]))"##;
        let v2 = upgrade(v1, 1);
        assert_eq!(v2.len(), v1.len());
        assert_eq!(v2.matches("basis   ").count(), 2);
        for kept in [
            r#""evidence""#,
            "evidence: kept",
            "evidence: raw",
            "// evidence: comment",
            "kind: Evidence",
        ] {
            assert!(v2.contains(kept), "{kept} in {v2}");
        }
        // Every line keeps its length, so a column in the old text is the same column here.
        for (a, b) in v1.lines().zip(v2.lines()) {
            assert_eq!(a.len(), b.len());
        }
    }

    #[test]
    fn a_current_file_is_not_copied() {
        let v2 = "(version: 2, blueprint: (steps: [(basis: Assumed)]))";
        assert!(matches!(upgrade(v2, 2), Cow::Borrowed(_)));
        assert!(matches!(upgrade("(version: 1)", 1), Cow::Borrowed(_)));
    }

    #[test]
    fn unterminated_strings_and_comments_do_not_run_past_the_end() {
        for text in [
            "(\"open evidence: x",
            "(/* open evidence:",
            "(r#\"open evidence:",
            "('",
            "r",
        ] {
            assert!(matches!(upgrade(text, 1), Cow::Borrowed(_)), "{text}");
        }
    }
}
