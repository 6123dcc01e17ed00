//! Curly quotes in the editor's text fields, drawn as the drawing draws them: the bundled CJK
//! font, first among the UI's fonts, sets ‘ ’ “ ” full-width, which tears "customer’s" apart.

use crate::text::latin_quotes;
use egui::text::LayoutJob;
use egui::{Color32, FontId, Galley, Response, TextBuffer, TextEdit, Ui};
use std::sync::Arc;

/// A `TextEdit` layouter that shows what the field holds with the quotes of Latin text made
/// straight ([`latin_quotes`]). It swaps one character for one, so the cursor and the selection
/// keep their places, and the field still holds what was typed. `font` defaults to the body
/// text's, as a `TextEdit`'s does.
pub fn layouter(multiline: bool, font: Option<FontId>) -> impl FnMut(&Ui, &dyn TextBuffer, f32) -> Arc<Galley> {
    move |ui, buffer, wrap_width| {
        let font = font
            .clone()
            .unwrap_or_else(|| egui::TextStyle::Body.resolve(ui.style()));
        let text = latin_quotes(buffer.as_str()).into_owned();
        // The field paints the placeholder colour in its own text colour.
        let mut job = if multiline {
            LayoutJob::simple(text, font.clone(), Color32::PLACEHOLDER, wrap_width)
        } else {
            LayoutJob::simple_singleline(text, font.clone(), Color32::PLACEHOLDER)
        };
        // As a `TextEdit` lays out its text itself: trailing spaces show while typing.
        job.keep_trailing_whitespace = true;
        let line_height = ui.fonts_mut(|f| f.row_height(&font)) + ui.spacing().extra_text_line_spacing;
        for section in &mut job.sections {
            section.format.line_height = Some(line_height);
        }
        ui.fonts_mut(|f| f.layout_job(job))
    }
}

/// Adds a text field holding `text`, shown through [`layouter`] in the body font and set up
/// further by `configure`.
pub fn field(
    ui: &mut Ui,
    text: &mut String,
    multiline: bool,
    configure: impl for<'t> FnOnce(TextEdit<'t>) -> TextEdit<'t>,
) -> Response {
    let mut layouter = layouter(multiline, None);
    let edit = if multiline {
        TextEdit::multiline(text)
    } else {
        TextEdit::singleline(text)
    };
    ui.add(configure(edit.layouter(&mut layouter)))
}

#[cfg(test)]
mod tests {
    use super::layouter;

    #[test]
    fn latin_quotes_show_straight_while_the_field_keeps_what_was_typed() {
        let ctx = egui::Context::default();
        crate::app::fonts::install(&ctx);
        let mut shown = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let mut text = String::from("the customer’s “quote” · 顾客说“请去营业厅”");
            let mut lay = layouter(true, None);
            ui.add(egui::TextEdit::multiline(&mut text).layouter(&mut lay));
            shown.push((text.clone(), lay(ui, &text, 400.0).text().to_owned()));
        });
        // No renderer here takes the font atlas.
        output.textures_delta.clear();
        let (kept, drawn) = &shown[0];
        assert_eq!(
            kept, "the customer’s “quote” · 顾客说“请去营业厅”",
            "the field keeps what was typed"
        );
        assert_eq!(drawn, "the customer's \"quote\" · 顾客说“请去营业厅”");
        assert_eq!(kept.chars().count(), drawn.chars().count(), "one character for one");
    }
}
