//! Steps as a table, one row per step: the spreadsheets practitioners collect process steps in
//! before they draw. [`write_csv`] exports a blueprint's steps; [`import`] builds a blueprint from
//! such a table (CSV in UTF-8 or GBK, or .xlsx). Column rules: docs/FORMAT.md, "Steps as a table".

mod cells;
mod import;
mod problem;
mod read;

pub use import::{IgnoredColumn, ImportError, Imported, import, import_rows};
pub use problem::CellProblem;
pub use read::read_rows;

use crate::model::{Blueprint, MarkerTarget};
use cells::{flow_text, format_name, marker_text, minutes_text};

/// The columns, in the order [`write_csv`] writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// The step's id.
    Id,
    /// Its lane, by name.
    Lane,
    /// The kind of its lane, so a standard lane with a name of the team's own (触点, 店员) is
    /// that lane again when read back.
    LaneKind,
    /// Its stage, by name.
    Stage,
    /// Its place from the top within the lane × stage cell.
    Order,
    /// The text on the card.
    Title,
    /// The longer text.
    Description,
    /// Who does it.
    Owner,
    /// Channel or touchpoint.
    Channel,
    /// Minutes it takes.
    Duration,
    /// Minutes waited before it.
    Wait,
    /// Service standard or KPI.
    Standard,
    /// Lean class.
    Value,
    /// The customer's feeling, −2 … 2.
    Emotion,
    /// How sure the team is of it.
    Basis,
    /// Its markers, one a line: `PainPoint 4: note`.
    Markers,
    /// The steps it flows to, one a line: `ID`, `<>ID` for two-way, `ID: label`.
    FlowsTo,
}

impl Column {
    /// Every column, in order.
    pub const ALL: [Column; 17] = [
        Column::Id,
        Column::Lane,
        Column::LaneKind,
        Column::Stage,
        Column::Order,
        Column::Title,
        Column::Description,
        Column::Owner,
        Column::Channel,
        Column::Duration,
        Column::Wait,
        Column::Standard,
        Column::Value,
        Column::Emotion,
        Column::Basis,
        Column::Markers,
        Column::FlowsTo,
    ];

    /// The header [`write_csv`] writes, as the file format names the field.
    pub fn header(self) -> &'static str {
        self.names()[0]
    }

    /// Headers read as this column: the English one first, then other spellings and Chinese.
    fn names(self) -> &'static [&'static str] {
        match self {
            Column::Id => &["id", "编号", "步骤编号"],
            Column::Lane => &["lane", "泳道"],
            Column::LaneKind => &["lane_kind", "lane kind", "泳道类型"],
            Column::Stage => &["stage", "阶段"],
            Column::Order => &["order", "顺序"],
            Column::Title => &["title", "标题", "步骤"],
            Column::Description => &["description", "描述", "说明"],
            Column::Owner => &["owner", "负责人", "执行者"],
            Column::Channel => &["channel", "渠道", "触点"],
            Column::Duration => &["duration_min", "duration", "用时", "耗时"],
            Column::Wait => &["wait_min", "wait", "等待", "等待时间"],
            Column::Standard => &["standard", "标准", "服务标准"],
            Column::Value => &["value", "价值", "价值分类"],
            Column::Emotion => &["emotion", "情绪"],
            Column::Basis => &["basis", "依据"],
            Column::Markers => &["markers", "标记"],
            Column::FlowsTo => &["flows_to", "flows to", "流向", "下一步"],
        }
    }

    /// The column a header names, ignoring case, blanks and a unit in brackets ("用时（分钟）").
    pub fn from_header(header: &str) -> Option<Column> {
        let bare = header
            .split(['(', '（', '['])
            .next()
            .unwrap_or_default()
            .trim()
            .to_lowercase();
        Column::ALL
            .into_iter()
            .find(|c| c.names().iter().any(|n| *n == bare || n.replace('_', " ") == bare))
    }
}

/// A time typed as a table's cell may hold it, in minutes: a number of minutes, or with its
/// units ("2 h", "1.5 小时", "3 d"); `None` when it is not one.
pub fn parse_minutes(text: &str) -> Option<f64> {
    cells::read_minutes(text, 1.0).ok().flatten()
}

/// What a header writes in brackets after its column's name, such as a unit: "小时" in
/// "用时（小时）".
fn header_note(header: &str) -> Option<&str> {
    let start = header.find(['(', '（', '['])?;
    let mut chars = header[start..].chars();
    chars.next();
    let inner = chars.as_str();
    let end = inner.find([')', '）', ']']).unwrap_or(inner.len());
    Some(inner[..end].trim()).filter(|note| !note.is_empty())
}

/// What of `b` a steps table cannot hold, as counts: markers on stages and review notes (the
/// rest it leaves out, such as the title, comes back from the file name or does not count).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Markers on stages rather than steps.
    pub stage_markers: usize,
    /// Review notes.
    pub notes: usize,
}

impl LeftOut {
    /// What [`write_csv`] leaves out of `b`.
    pub fn of(b: &Blueprint) -> LeftOut {
        LeftOut {
            stage_markers: b
                .markers
                .iter()
                .filter(|m| matches!(m.target, MarkerTarget::Stage(_)))
                .count(),
            notes: b.notes.len(),
        }
    }

    /// Whether nothing is left out.
    pub fn is_empty(self) -> bool {
        self == LeftOut::default()
    }
}

/// The steps of `b` as CSV: a header row, then one row per step, stage by stage and lane by
/// lane, in UTF-8 with a byte-order mark so that Excel and WPS read it as UTF-8.
pub fn write_csv(b: &Blueprint) -> std::io::Result<Vec<u8>> {
    let index = b.index();
    let mut rows: Vec<usize> = (0..b.steps.len()).collect();
    let place = |i: usize| {
        let s = &b.steps[i];
        (index.stage(&s.stage), index.lane(&s.lane), s.order)
    };
    rows.sort_by_key(|&i| place(i));
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xef\xbb\xbf".to_vec());
    out.write_record(Column::ALL.iter().map(|c| c.header()))?;
    for i in rows {
        let s = &b.steps[i];
        let lane = index.lane(&s.lane).map(|l| &b.lanes[l]);
        let (lane_kind, lane) = lane.map_or_else(Default::default, |l| (format_name(&l.kind), l.name.clone()));
        let stage = index
            .stage(&s.stage)
            .map(|k| b.stages[k].name.clone())
            .unwrap_or_default();
        let markers: Vec<String> = b
            .markers
            .iter()
            .filter(|m| m.target == MarkerTarget::Step(s.id.clone()))
            .map(marker_text)
            .collect();
        let flows: Vec<String> = b.flows.iter().filter(|f| f.from == s.id).map(flow_text).collect();
        out.write_record(Column::ALL.iter().map(|c| match c {
            Column::Id => s.id.to_string(),
            Column::Lane => lane.clone(),
            Column::LaneKind => lane_kind.clone(),
            Column::Stage => stage.clone(),
            Column::Order => s.order.to_string(),
            Column::Title => s.title.clone(),
            Column::Description => s.description.clone(),
            Column::Owner => s.owner.clone(),
            Column::Channel => s.channel.clone(),
            Column::Duration => s.duration_min.map(minutes_text).unwrap_or_default(),
            Column::Wait => s.wait_min.map(minutes_text).unwrap_or_default(),
            Column::Standard => s.standard.clone(),
            Column::Value => s.value.as_ref().map(format_name).unwrap_or_default(),
            Column::Emotion => s.emotion.map(|e| e.to_string()).unwrap_or_default(),
            Column::Basis => s.basis.name().to_owned(),
            Column::Markers => markers.join("\n"),
            Column::FlowsTo => flows.join("\n"),
        }))?;
    }
    out.into_inner().map_err(|e| e.into_error())
}
