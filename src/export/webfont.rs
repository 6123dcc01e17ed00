//! The bundled faces cut down to the characters one drawing uses, for an SVG to carry as web
//! fonts, so it shows the same letters on a machine without any CJK font.
//!
//! `subsetter` does the hard part (the CFF outlines and their subroutines), but it writes fonts
//! for PDF, where the writer maps characters itself: it drops `cmap` and `OS/2`. A browser needs
//! both to use a font, so they are added back here: a `cmap` for exactly the characters kept, and
//! the original `OS/2` (weight class, vertical metrics).

use base64::Engine as _;
use skrifa::raw::FontRef;
use skrifa::raw::types::Tag;
use std::collections::BTreeMap;

/// Why a face could not be cut down.
#[derive(Debug, thiserror::Error)]
pub enum WebFontError {
    /// The subsetter refused the font.
    #[error("cannot subset the bundled font: {0}")]
    Subset(subsetter::Error),
    /// The subsetter wrote something that does not parse as a font.
    #[error("the font subset does not parse: {0}")]
    Parse(skrifa::raw::ReadError),
}

/// A font with only the glyphs of `chars` (those it has; the rest are left to fallback fonts),
/// mapped from those characters, as OpenType (CFF outlines) bytes.
pub fn subset_font(font_bytes: &[u8], chars: impl IntoIterator<Item = char>) -> Result<Vec<u8>, WebFontError> {
    let font = FontRef::new(font_bytes).map_err(WebFontError::Parse)?;
    let charmap = skrifa::MetadataProvider::charmap(&font);
    // Sorted, so that runs of consecutive characters get consecutive glyph ids (short cmap) and
    // the same text always gives the same bytes.
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut mapping: BTreeMap<u32, u16> = BTreeMap::new();
    let chars: std::collections::BTreeSet<char> = chars.into_iter().collect();
    for c in chars {
        let Some(gid) = charmap.map(c) else { continue };
        let Ok(gid) = u16::try_from(gid.to_u32()) else { continue };
        if gid != 0 {
            mapping.insert(c as u32, remapper.remap(gid));
        }
    }
    let subset = subsetter::subset(font_bytes, 0, &remapper).map_err(WebFontError::Subset)?;
    let sub = FontRef::new(&subset).map_err(WebFontError::Parse)?;
    let mut tables: Vec<(Tag, Vec<u8>)> = sub
        .table_directory()
        .table_records()
        .iter()
        .filter_map(|record| {
            let tag = record.tag();
            sub.table_data(tag).map(|data| (tag, data.as_bytes().to_vec()))
        })
        .collect();
    tables.retain(|(tag, _)| *tag != Tag::new(b"cmap") && *tag != Tag::new(b"OS/2"));
    tables.push((Tag::new(b"cmap"), cmap_table(&mapping)));
    if let Some(os2) = font.table_data(Tag::new(b"OS/2")) {
        tables.push((Tag::new(b"OS/2"), os2.as_bytes().to_vec()));
    }
    Ok(sfnt(tables))
}

/// `data:` URL of an OpenType font with CFF outlines.
pub fn data_url(font: &[u8]) -> String {
    format!(
        "data:font/otf;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(font)
    )
}

/// A `cmap` with a format 4 subtable (Windows, BMP) and, when characters beyond the BMP are
/// kept or format 4 cannot hold them all, a format 12 one (Windows, full Unicode).
fn cmap_table(mapping: &BTreeMap<u32, u16>) -> Vec<u8> {
    // Runs where both the character and the glyph id go up by one share a segment.
    let mut runs: Vec<(u32, u32, u16)> = Vec::new();
    for (&code, &gid) in mapping {
        match runs.last_mut() {
            Some((start, end, start_gid))
                if code == *end + 1 && u32::from(*start_gid) + (code - *start) == u32::from(gid) =>
            {
                *end = code;
            }
            _ => runs.push((code, code, gid)),
        }
    }
    let format4 = format4(&runs);
    let needs_12 = format4.is_none() || mapping.keys().any(|&c| c > 0xFFFF);
    let mut subtables: Vec<((u16, u16), Vec<u8>)> = Vec::new();
    if let Some(table) = format4 {
        subtables.push(((3, 1), table));
    }
    if needs_12 {
        subtables.push(((3, 10), format12(&runs)));
    }
    let mut out = Vec::new();
    push16(&mut out, 0);
    push16(&mut out, subtables.len() as u16);
    let mut offset = 4 + 8 * subtables.len() as u32;
    for ((platform, encoding), table) in &subtables {
        push16(&mut out, *platform);
        push16(&mut out, *encoding);
        push32(&mut out, offset);
        offset += table.len() as u32;
    }
    for (_, table) in subtables {
        out.extend_from_slice(&table);
    }
    out
}

/// Format 4 (segment mapping to delta values) for the runs within the BMP, or `None` when
/// there are too many to fit its 16-bit length.
fn format4(runs: &[(u32, u32, u16)]) -> Option<Vec<u8>> {
    let mut segments: Vec<(u16, u16, u16)> = runs
        .iter()
        .filter(|(start, _, _)| *start <= 0xFFFE)
        .map(|&(start, end, gid)| {
            let end = end.min(0xFFFE);
            // idDelta is added modulo 65536 to the character code to give the glyph id.
            (start as u16, end as u16, gid.wrapping_sub(start as u16))
        })
        .collect();
    // The required last segment maps U+FFFF to glyph 0.
    segments.push((0xFFFF, 0xFFFF, 1));
    let count = segments.len();
    let length = 16 + 8 * count;
    if length > usize::from(u16::MAX) {
        return None;
    }
    let entry_selector = count.ilog2() as u16;
    let search_range = 2 * (1u16 << entry_selector);
    let mut out = Vec::with_capacity(length);
    push16(&mut out, 4);
    push16(&mut out, length as u16);
    push16(&mut out, 0);
    push16(&mut out, (2 * count) as u16);
    push16(&mut out, search_range);
    push16(&mut out, entry_selector);
    push16(&mut out, (2 * count) as u16 - search_range);
    segments.iter().for_each(|s| push16(&mut out, s.1));
    push16(&mut out, 0);
    segments.iter().for_each(|s| push16(&mut out, s.0));
    segments.iter().for_each(|s| push16(&mut out, s.2));
    segments.iter().for_each(|_| push16(&mut out, 0));
    Some(out)
}

/// Format 12 (segmented coverage) for every run.
fn format12(runs: &[(u32, u32, u16)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + 12 * runs.len());
    push16(&mut out, 12);
    push16(&mut out, 0);
    push32(&mut out, 16 + 12 * runs.len() as u32);
    push32(&mut out, 0);
    push32(&mut out, runs.len() as u32);
    for &(start, end, gid) in runs {
        push32(&mut out, start);
        push32(&mut out, end);
        push32(&mut out, u32::from(gid));
    }
    out
}

/// An OpenType file of `tables`: directory sorted by tag, tables padded to 4 bytes, checksums
/// and the `head` checksum adjustment filled in.
fn sfnt(mut tables: Vec<(Tag, Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|(tag, _)| *tag);
    let head = Tag::new(b"head");
    for (tag, data) in &mut tables {
        // The adjustment is computed over the whole file with this field zero.
        if *tag == head && data.len() >= 12 {
            data[8..12].fill(0);
        }
    }
    let count = tables.len() as u16;
    let entry_selector = if count == 0 { 0 } else { count.ilog2() as u16 };
    let search_range = 16 * (1u16 << entry_selector);
    let mut out = Vec::new();
    out.extend_from_slice(b"OTTO");
    push16(&mut out, count);
    push16(&mut out, search_range);
    push16(&mut out, entry_selector);
    push16(&mut out, (count * 16).saturating_sub(search_range));
    let mut offset = 12 + 16 * tables.len();
    let mut head_offset = None;
    for (tag, data) in &tables {
        out.extend_from_slice(&tag.to_be_bytes());
        push32(&mut out, checksum(data));
        push32(&mut out, offset as u32);
        push32(&mut out, data.len() as u32);
        if *tag == head {
            head_offset = Some(offset);
        }
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_offset
        && out.len() >= at + 12
    {
        let adjustment = 0xB1B0_AFBA_u32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

/// The OpenType table checksum: the sum of big-endian u32s, zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn push16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_be_bytes());
}

fn push32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_be_bytes());
}
