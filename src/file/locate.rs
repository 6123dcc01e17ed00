//! Finding things in a file's text by id, for messages that give a line (and column).
//!
//! The parsed blueprint keeps no positions, so this reads the text again: a thing starts on the
//! line where `id: "ID"` appears. Ids repeat across kinds and in broken files, so callers say
//! which appearance they mean.

use crate::model::is_stray_control;

/// The 1-based line of the `occurrence`-th (0-based) `id: "ID"` in `text`.
pub fn id_line(text: &str, id: &str, occurrence: usize) -> Option<usize> {
    id_offsets(text, id)
        .nth(occurrence)
        .map(|offset| line_col(text, offset).0)
}

/// Byte offsets of every `id: "ID"`, in order.
fn id_offsets<'a>(text: &'a str, id: &str) -> impl Iterator<Item = usize> + 'a {
    let quoted = format!("\"{}\"", escape(id));
    let found: Vec<usize> = text
        .match_indices(quoted.as_str())
        .map(|(offset, _)| offset)
        .filter(|&offset| {
            let before = text[..offset].trim_end();
            let Some(before) = before.strip_suffix(':') else {
                return false;
            };
            let before = before.trim_end();
            before.ends_with("id")
                && !before[..before.len() - 2]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
        .collect();
    found.into_iter()
}

/// The id as RON writes it between quotes.
fn escape(id: &str) -> String {
    id.replace('\\', "\\\\").replace('"', "\\\"")
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The byte offset of a 1-based line and column, clamped to the text.
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    text[line_start..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// Where the first control character of `field` of the thing with `id` is: a raw one or an
/// escape (`\0`, `\x07`, `\u{0}`) that stands for one.
pub fn control_place(text: &str, id: &str, field: &str) -> Option<(usize, usize)> {
    let start = if id == "blueprint" {
        0
    } else {
        id_offsets(text, id).next()?
    };
    let after = &text[start..];
    let field_at = after
        .match_indices(field)
        .map(|(i, _)| i)
        .find(|&i| after[i + field.len()..].trim_start().starts_with(':'))?;
    let from = start + field_at;
    first_control(&text[from..]).map(|i| line_col(text, from + i))
}

/// Whether more brackets open than close outside text and comments: the mark of a file that
/// stops before its end.
pub fn brackets_left_open(text: &str) -> bool {
    let mut depth: i64 = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                // Skip the text value, escapes included.
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut previous = ' ';
                for c in chars.by_ref() {
                    if previous == '*' && c == '/' {
                        break;
                    }
                    previous = c;
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// Byte offset of the first control character, raw or escaped, in `text`.
fn first_control(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_stray_control(c) {
            return Some(i);
        }
        if c != '\\' {
            continue;
        }
        let rest = &text[i + 1..];
        let code = if let Some(hex) = rest.strip_prefix("u{") {
            hex.split('}').next().and_then(|h| u32::from_str_radix(h, 16).ok())
        } else if let Some(hex) = rest.strip_prefix('x') {
            hex.get(..2).and_then(|h| u32::from_str_radix(h, 16).ok())
        } else if rest.starts_with('0') {
            Some(0)
        } else {
            None
        };
        if code.and_then(char::from_u32).is_some_and(is_stray_control) {
            return Some(i);
        }
        // Skip the escaped character, so `\\0` is a backslash and a digit, not a NUL.
        chars.next();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "(\n  steps: [\n    (id: \"a\", title: \"x\"),\n    (id: \"a\", grid: \"a\"),\n  ],\n  flows: [(id:\"a\", from: \"a\")],\n)";

    #[test]
    fn ids_are_found_by_appearance_not_by_any_quoted_text() {
        assert_eq!(id_line(TEXT, "a", 0), Some(3));
        assert_eq!(id_line(TEXT, "a", 1), Some(4));
        assert_eq!(id_line(TEXT, "a", 2), Some(6), "no space after the colon");
        assert_eq!(id_line(TEXT, "a", 3), None, "`grid:` and `from:` are not ids");
    }

    #[test]
    fn line_col_and_offset_of_agree() {
        let offset = TEXT.find("title").expect("there");
        let (line, col) = line_col(TEXT, offset);
        assert_eq!((line, col), (3, 15));
        assert_eq!(offset_of(TEXT, line, col), offset);
    }

    #[test]
    fn brackets_in_text_and_comments_do_not_count() {
        assert!(!brackets_left_open("(a: \"(\", b: [1]) // (\n/* [ */"));
        assert!(brackets_left_open("(a: \")\\\"\", b: [1"));
        assert!(!brackets_left_open(TEXT));
    }

    #[test]
    fn control_characters_are_found_raw_or_escaped() {
        let raw = "(id: \"s3\", title: \"a\\0\", description: \"ok\u{0}\")";
        assert_eq!(control_place(raw, "s3", "description"), Some((1, 42)));
        assert_eq!(control_place(raw, "s3", "title"), Some((1, 21)), "\\0 is NUL");
        let escaped = "(id: \"s3\",\n description: \"a\\\\0 \\u{7}\")";
        assert_eq!(
            control_place(escaped, "s3", "description"),
            Some((2, 21)),
            "an escaped backslash is not an escape"
        );
    }
}
