//! What is wrong with a table, in English (the command line, messages in tests) and in Chinese
//! (the editor's Chinese interface): one type, so both say the same thing.

use crate::i18n::Lang;
use std::fmt;

/// What is wrong with one cell; the text is the cell's, trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellProblem {
    /// Not a time.
    NotTime(String),
    /// A header's unit that is not one of time.
    NotTimeUnit(String),
    /// A place in a cell beyond what a cell can hold.
    OrderTooLarge(String),
    /// Not a whole number 0 or more.
    NotWholeNumber(String),
    /// Not an emotion from −2 to 2.
    NotEmotion(String),
    /// Not a lean class.
    NotValueClass(String),
    /// Not a basis.
    NotBasis(String),
    /// Not a lane kind.
    NotLaneKind(String),
    /// Not a marker kind.
    NotMarker(String),
    /// A severity other than 1 to 5.
    NotSeverity(String),
    /// An empty cell every step needs: `title`, `lane` or `stage`.
    Missing(&'static str),
    /// An id already on an earlier row.
    DuplicateId {
        /// The id.
        id: String,
        /// The row it is on first.
        first: usize,
    },
    /// A flow to an id no step has.
    NoSuchStep(String),
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CellProblem::NotTime(t) => write!(
                f,
                "“{t}” is not a time: a number of minutes, or with its unit (90 s, 2 h, 1.5 小时, 3 d)"
            ),
            CellProblem::NotTimeUnit(t) => write!(
                f,
                "“{t}” is not a unit of time: write minutes, hours or days (分钟, 小时, 天)"
            ),
            CellProblem::OrderTooLarge(t) => write!(f, "“{t}” is too large for a place in a cell"),
            CellProblem::NotWholeNumber(t) => write!(f, "“{t}” is not a whole number 0 or more"),
            CellProblem::NotEmotion(t) => write!(f, "“{t}” is not an emotion from -2 to 2"),
            CellProblem::NotValueClass(t) => {
                write!(f, "“{t}” is not a value class: ValueAdding, Necessary or Waste")
            }
            CellProblem::NotBasis(t) => write!(f, "“{t}” is not a basis: Observed, Assumed or Proposed"),
            CellProblem::NotLaneKind(t) => write!(
                f,
                "“{t}” is not a lane kind: Evidence, Customer, Frontstage, Backstage, Support or Custom"
            ),
            CellProblem::NotMarker(t) => write!(
                f,
                "“{t}” is not a marker: PainPoint, FailPoint, WaitPoint, MomentOfTruth or Opportunity, then a severity 1–5 and “: note”"
            ),
            CellProblem::NotSeverity(t) => write!(f, "severity “{t}” is not 1 to 5"),
            CellProblem::Missing(what) => write!(f, "every step needs a {what}"),
            CellProblem::DuplicateId { id, first } => {
                write!(f, "the id “{id}” is also on row {first}; ids must differ")
            }
            CellProblem::NoSuchStep(id) => write!(f, "no step has the id “{id}”"),
        }
    }
}

impl CellProblem {
    /// The problem in Chinese.
    pub fn zh(&self) -> String {
        match self {
            CellProblem::NotTime(t) => {
                format!("“{t}”不是时间：请写分钟数，或带上单位（90 秒、2 小时、1.5 小时、3 天）")
            }
            CellProblem::NotTimeUnit(t) => format!("“{t}”不是时间单位：请写分钟、小时或天"),
            CellProblem::OrderTooLarge(t) => format!("“{t}”太大，不能作为单元格中的顺序"),
            CellProblem::NotWholeNumber(t) => format!("“{t}”不是 0 或更大的整数"),
            CellProblem::NotEmotion(t) => format!("“{t}”不是 -2 到 2 之间的情绪值"),
            CellProblem::NotValueClass(t) => format!("“{t}”不是价值分类：增值、必要或浪费"),
            CellProblem::NotBasis(t) => format!("“{t}”不是依据：已观察、推测或提议"),
            CellProblem::NotLaneKind(t) => {
                format!("“{t}”不是泳道类型：有形展示、客户、前台、后台、支持或自定义")
            }
            CellProblem::NotMarker(t) => {
                format!("“{t}”不是标记：痛点、失误点、等待点、关键时刻或机会点，后面可写严重度 1–5 和“：说明”")
            }
            CellProblem::NotSeverity(t) => format!("严重度“{t}”不在 1 到 5 之间"),
            CellProblem::Missing(what) => format!("每个步骤都要有{}", column_zh(what)),
            CellProblem::DuplicateId { id, first } => format!("编号“{id}”在第 {first} 行也有；编号不能重复"),
            CellProblem::NoSuchStep(id) => format!("没有编号为“{id}”的步骤"),
        }
    }

    /// The problem in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => self.zh(),
        }
    }
}

/// A required column's name in Chinese, by its English header.
pub(super) fn column_zh(header: &str) -> &'static str {
    match header {
        "title" => "标题",
        "lane" => "泳道",
        "stage" => "阶段",
        _ => "内容",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_reads_in_chinese_with_no_english_words_but_the_cells_own() {
        let cell = "七".to_owned();
        let problems = [
            CellProblem::NotTime(cell.clone()),
            CellProblem::NotTimeUnit(cell.clone()),
            CellProblem::OrderTooLarge(cell.clone()),
            CellProblem::NotWholeNumber(cell.clone()),
            CellProblem::NotEmotion(cell.clone()),
            CellProblem::NotValueClass(cell.clone()),
            CellProblem::NotBasis(cell.clone()),
            CellProblem::NotLaneKind(cell.clone()),
            CellProblem::NotMarker(cell.clone()),
            CellProblem::NotSeverity(cell.clone()),
            CellProblem::Missing("stage"),
            CellProblem::DuplicateId {
                id: cell.clone(),
                first: 2,
            },
            CellProblem::NoSuchStep(cell.clone()),
        ];
        for problem in &problems {
            let zh = problem.text(Lang::Zh);
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{zh}");
            assert!(zh.contains('七') || matches!(problem, CellProblem::Missing(_)), "{zh}");
            assert_ne!(problem.text(Lang::En), zh);
        }
    }
}
