//! Badge strips: rows reserved inside a card or a stage header for its badges, so a badge never
//! covers the text beside it. Badges that do not fit one row wrap to the next.

/// Space between badges in a row and between rows.
pub(super) const GAP: f32 = 4.0;

/// Badges packed into rows.
#[derive(Debug, Default)]
pub(super) struct Strip {
    /// Per badge: its row and its x offset from the strip's left edge.
    pub slots: Vec<(usize, f32)>,
    /// Width of each row's badges and the gaps between them.
    pub row_widths: Vec<f32>,
}

impl Strip {
    /// Packs badges of `widths`, in order, into rows at most `available` wide. A badge wider
    /// than a row gets a row of its own rather than being dropped.
    pub fn pack(widths: &[f32], available: f32) -> Strip {
        let mut strip = Strip::default();
        for &width in widths {
            let fits = strip
                .row_widths
                .last()
                .is_some_and(|&used| used + GAP + width <= available);
            if fits {
                let row = strip.row_widths.len() - 1;
                let x = strip.row_widths[row] + GAP;
                strip.row_widths[row] = x + width;
                strip.slots.push((row, x));
            } else {
                strip.slots.push((strip.row_widths.len(), 0.0));
                strip.row_widths.push(width);
            }
        }
        strip
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.row_widths.len()
    }

    /// Height of the strip with rows `row_height` tall; nothing when empty.
    pub fn height(&self, row_height: f32) -> f32 {
        let rows = self.rows() as f32;
        if rows == 0.0 {
            0.0
        } else {
            rows * row_height + (rows - 1.0) * GAP
        }
    }

    /// Top of row `row`, from the strip's top.
    pub fn row_top(row: usize, row_height: f32) -> f32 {
        row as f32 * (row_height + GAP)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_wrap_to_a_new_row_when_the_row_is_full() {
        let strip = Strip::pack(&[40.0, 40.0, 40.0, 70.0, 200.0], 130.0);
        assert_eq!(strip.slots, vec![(0, 0.0), (0, 44.0), (0, 88.0), (1, 0.0), (2, 0.0)]);
        assert_eq!(strip.rows(), 3);
        assert_eq!(strip.height(20.0), 3.0 * 20.0 + 2.0 * GAP);
        assert_eq!(Strip::pack(&[], 100.0).height(20.0), 0.0);
    }
}
