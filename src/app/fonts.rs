//! The bundled CJK font in egui, so the UI and the canvas show Chinese on any machine.

use super::paint::{BOLD_FAMILY, REGULAR_FAMILY};
use crate::text::{BOLD_OTF, REGULAR_OTF};
use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// Registers the bundled faces: first choice for the UI's proportional text, and the only
/// faces of the canvas families (so the canvas matches the exports).
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert("noto-sc".into(), Arc::new(FontData::from_static(REGULAR_OTF)));
    fonts
        .font_data
        .insert("noto-sc-bold".into(), Arc::new(FontData::from_static(BOLD_OTF)));
    let fallbacks: Vec<String> = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    fonts
        .families
        .entry(FontFamily::Proportional)
        .or_default()
        .insert(0, "noto-sc".into());
    fonts
        .families
        .entry(FontFamily::Monospace)
        .or_default()
        .push("noto-sc".into());
    let mut regular = vec!["noto-sc".to_owned()];
    regular.extend(fallbacks.iter().cloned());
    let mut bold = vec!["noto-sc-bold".to_owned(), "noto-sc".to_owned()];
    bold.extend(fallbacks);
    fonts.families.insert(FontFamily::Name(REGULAR_FAMILY.into()), regular);
    fonts.families.insert(FontFamily::Name(BOLD_FAMILY.into()), bold);
    ctx.set_fonts(fonts);
}
