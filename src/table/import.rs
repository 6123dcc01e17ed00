//! A blueprint built from a steps table: lanes and stages from the values of their columns, in
//! order of appearance; the five standard lanes recognised by name; flows and markers from their
//! cells.

use super::cells::{
    lane_kind, read_basis, read_emotion, read_flow, read_lane_kind, read_marker, read_minutes, read_order, read_value,
    unit_minutes,
};
use super::problem::{CellProblem, column_zh};
use super::{Column, header_note};
use crate::i18n::Lang;
use crate::model::{
    Blueprint, Flow, FlowId, Lane, LaneId, LaneKind, Marker, MarkerId, MarkerTarget, Stage, StageId, Step, StepId,
    template, validate,
};
use std::collections::HashMap;
use std::path::Path;

/// Why a table could not become a blueprint; rows and columns as the spreadsheet numbers them.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read as a table.
    #[error("{0}")]
    File(String),
    /// A cell holds what its column cannot take.
    #[error("row {row}, column {column} ({header}): {problem}")]
    Cell {
        /// 1-based row, the header being row 1.
        row: usize,
        /// Column letter as in Excel: A, B, …, AA.
        column: String,
        /// The column's header.
        header: String,
        /// What is wrong.
        problem: CellProblem,
    },
    /// The header row lacks a column every step needs.
    #[error("the first row has no “{0}” column; it names the columns (title, lane, stage, …)")]
    MissingColumn(&'static str),
    /// The steps read, but the blueprint they make breaks a rule.
    #[error("{0}")]
    Invalid(String),
    /// Several cells at once, in table order, so they can all be put right in one go.
    #[error("{}", several(.0, Lang::En))]
    Several(Vec<ImportError>),
}

/// How many of several problems a message lists before it counts the rest.
const LISTED: usize = 10;

/// Several problems, one a line, the first [`LISTED`] of them and a count of the rest.
fn several(problems: &[ImportError], lang: Lang) -> String {
    let mut lines: Vec<String> = problems.iter().take(LISTED).map(|p| p.text(lang)).collect();
    let rest = problems.len().saturating_sub(LISTED);
    if rest > 0 {
        lines.push(match lang {
            Lang::En => format!("… and {rest} more"),
            Lang::Zh => format!("……还有 {rest} 处"),
        });
    }
    lines.join("\n")
}

impl ImportError {
    pub(super) fn file(message: String) -> Self {
        ImportError::File(message)
    }

    /// The error in `lang`: for the editor's Chinese interface. The system's own words (a file
    /// that cannot be read) and the rule a blueprint breaks stay as they are written.
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ImportError::File(message) => match message.as_str() {
                "the table is empty" => "表格是空的".to_owned(),
                "the table has a header row but no steps" => "表格只有列名这一行，没有步骤".to_owned(),
                "the workbook has no sheet" => "工作簿里没有工作表".to_owned(),
                m if m.starts_with("import reads .csv and .xlsx") => {
                    "导入只读取 .csv 和 .xlsx 文件（Excel 或 WPS 保存的）；请把表格另存为其中一种".to_owned()
                }
                m if m.starts_with("the file is neither UTF-8 nor GBK") => {
                    "文件既不是 UTF-8 也不是 GBK 文本；请在 Excel 中另存为“CSV UTF-8”".to_owned()
                }
                other => format!("无法读取表格：{other}"),
            },
            ImportError::Cell {
                row,
                column,
                header,
                problem,
            } => format!("第 {row} 行，{column} 列（{header}）：{}", problem.zh()),
            ImportError::MissingColumn(name) => format!(
                "第一行没有“{}”列（{name}）；第一行写列名（标题、泳道、阶段……）",
                column_zh(name)
            ),
            ImportError::Invalid(message) => format!("这些步骤组成的蓝图不符合规则：{message}"),
            ImportError::Several(problems) => several(problems, lang),
        }
    }
}

/// A blueprint built from a table, and the columns of the table it did not read.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The blueprint.
    pub blueprint: Blueprint,
    /// Columns left out: a header that names no column, a column named a second time, or
    /// cells under no header.
    pub ignored: Vec<IgnoredColumn>,
}

/// A column of a table that no field of a step takes.
#[derive(Debug, Clone, PartialEq)]
pub struct IgnoredColumn {
    /// Its letter as in Excel.
    pub letter: String,
    /// Its header; empty when it has none.
    pub header: String,
}

/// Reads the table in `path` and builds a blueprint titled after the file.
pub fn import(path: &Path) -> Result<Imported, ImportError> {
    let rows = super::read_rows(path)?;
    let title = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    import_rows(&rows, &title)
}

/// Excel's letter for 0-based column `k`.
fn column_letter(mut k: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (k % 26) as u8));
        if k < 26 {
            break;
        }
        k = k / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// The cells of one row by column, with what an error needs to point at them.
struct Row<'a> {
    number: usize,
    cells: &'a [String],
    columns: &'a HashMap<Column, usize>,
    headers: &'a [String],
    /// Minutes in one of the unit the header gives each time column.
    units: &'a HashMap<Column, f64>,
}

impl Row<'_> {
    fn get(&self, column: Column) -> &str {
        self.columns
            .get(&column)
            .and_then(|&k| self.cells.get(k))
            .map_or("", |s| s.trim())
    }

    fn error(&self, column: Column, problem: CellProblem) -> ImportError {
        let k = self.columns.get(&column).copied().unwrap_or_default();
        ImportError::Cell {
            row: self.number,
            column: column_letter(k),
            header: self.headers.get(k).cloned().unwrap_or_default(),
            problem,
        }
    }

    fn read<T>(&self, column: Column, read: impl Fn(&str) -> Result<T, CellProblem>) -> Result<T, ImportError> {
        read(self.get(column)).map_err(|problem| self.error(column, problem))
    }

    fn minutes(&self, column: Column) -> Result<Option<f64>, ImportError> {
        let unit = self.units.get(&column).copied().unwrap_or(1.0);
        self.read(column, |text| read_minutes(text, unit))
    }
}

/// Builds a blueprint from `rows` (header first) titled `title`.
pub fn import_rows(rows: &[Vec<String>], title: &str) -> Result<Imported, ImportError> {
    let header_at = rows
        .iter()
        .position(|r| r.iter().any(|c| !c.trim().is_empty()))
        .ok_or_else(|| ImportError::file("the table is empty".to_owned()))?;
    let headers = &rows[header_at];
    let mut columns = HashMap::new();
    let mut ignored = Vec::new();
    let width = rows.iter().map(Vec::len).max().unwrap_or_default();
    for k in 0..width {
        let header = headers.get(k).map_or("", |h| h.trim());
        let read = Column::from_header(header).is_some_and(|column| *columns.entry(column).or_insert(k) == k);
        let filled = || {
            rows[header_at + 1..]
                .iter()
                .any(|r| r.get(k).is_some_and(|c| !c.trim().is_empty()))
        };
        if !read && (!header.is_empty() || filled()) {
            ignored.push(IgnoredColumn {
                letter: column_letter(k),
                header: header.to_owned(),
            });
        }
    }
    for needed in [Column::Title, Column::Lane, Column::Stage] {
        if !columns.contains_key(&needed) {
            return Err(ImportError::MissingColumn(needed.header()));
        }
    }
    let mut units = HashMap::new();
    for column in [Column::Duration, Column::Wait] {
        let Some(&k) = columns.get(&column) else { continue };
        if let Some(note) = header_note(&headers[k]) {
            let unit = unit_minutes(note).ok_or_else(|| ImportError::Cell {
                row: header_at + 1,
                column: column_letter(k),
                header: headers[k].clone(),
                problem: CellProblem::NotTimeUnit(note.to_owned()),
            })?;
            units.insert(column, unit);
        }
    }
    let chinese = rows
        .iter()
        .flatten()
        .any(|c| c.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)));
    let mut builder = Builder::new(title, if chinese { Lang::Zh } else { Lang::En });
    // Every row's first problem, so a table is put right in one go rather than a cell a run.
    let mut problems = Vec::new();
    for (i, cells) in rows.iter().enumerate().skip(header_at + 1) {
        if cells.iter().any(|c| !c.trim().is_empty()) {
            let row = Row {
                number: i + 1,
                cells,
                columns: &columns,
                headers,
                units: &units,
            };
            if let Err(problem) = builder.add_row(&row) {
                problems.push(problem);
            }
        }
    }
    // Flows to a row that failed would only repeat its problem.
    if !problems.is_empty() {
        return Err(one_or_several(problems));
    }
    let flows_to = Row {
        number: 0,
        cells: &[],
        columns: &columns,
        headers,
        units: &units,
    };
    let blueprint = builder.finish(&flows_to)?;
    Ok(Imported { blueprint, ignored })
}

/// One problem as itself, several as [`ImportError::Several`].
fn one_or_several(mut problems: Vec<ImportError>) -> ImportError {
    if problems.len() == 1 {
        problems.remove(0)
    } else {
        ImportError::Several(problems)
    }
}

/// A blueprint growing row by row.
struct Builder {
    b: Blueprint,
    /// Standard lanes the table has named already.
    named: Vec<LaneKind>,
    lane_of: HashMap<String, LaneId>,
    stage_of: HashMap<String, StageId>,
    /// The next free place in each cell.
    next_in_cell: HashMap<(LaneId, StageId), u32>,
    /// The row each step came from.
    row_of: HashMap<StepId, usize>,
    /// Flows as written (row, from, line of the flows cell), made once every step is known.
    flows: Vec<(usize, StepId, String)>,
}

impl Builder {
    fn new(title: &str, lang: Lang) -> Builder {
        // The standard lanes, named in the table's language until the table names them itself.
        let mut b = template(lang);
        b.title = title.to_owned();
        b.stages.clear();
        Builder {
            b,
            named: Vec::new(),
            lane_of: HashMap::new(),
            stage_of: HashMap::new(),
            next_in_cell: HashMap::new(),
            row_of: HashMap::new(),
            flows: Vec::new(),
        }
    }

    /// The lane a name stands for: a standard one by its kind, when the table gives it, or by
    /// its words; else a new custom lane.
    fn lane(&mut self, name: &str, kind: Option<LaneKind>) -> LaneId {
        if let Some(id) = self.lane_of.get(name) {
            return id.clone();
        }
        let standard = match kind {
            Some(LaneKind::Custom) => None,
            Some(kind) => Some(kind),
            None => lane_kind(name),
        };
        let lanes = &mut self.b.lanes;
        let id = match standard.and_then(|kind| lanes.iter_mut().find(|l| l.kind == kind)) {
            Some(lane) => {
                // The table's own name for a standard lane, the first time it appears.
                if !self.named.contains(&lane.kind) {
                    self.named.push(lane.kind);
                    lane.name = name.to_owned();
                }
                lane.id.clone()
            }
            None => {
                let id = LaneId::from(format!("lane-{}", lanes.len() + 1).as_str());
                lanes.push(Lane {
                    id: id.clone(),
                    kind: LaneKind::Custom,
                    name: name.to_owned(),
                });
                id
            }
        };
        self.lane_of.insert(name.to_owned(), id.clone());
        id
    }

    /// The stage of a name, new ones after the others.
    fn stage(&mut self, name: &str) -> StageId {
        let stages = &mut self.b.stages;
        self.stage_of
            .entry(name.to_owned())
            .or_insert_with(|| {
                let id = StageId::from(format!("stage-{}", stages.len() + 1).as_str());
                stages.push(Stage {
                    id: id.clone(),
                    name: name.to_owned(),
                });
                id
            })
            .clone()
    }

    /// The step of one row, with its markers; its flows wait for [`Builder::finish`].
    fn add_row(&mut self, row: &Row<'_>) -> Result<(), ImportError> {
        let needed = |column: Column, what: &'static str| match row.get(column) {
            "" => Err(row.error(column, CellProblem::Missing(what))),
            text => Ok(text),
        };
        let (title, lane, stage) = (
            needed(Column::Title, "title")?,
            needed(Column::Lane, "lane")?,
            needed(Column::Stage, "stage")?,
        );
        let kind = row.read(Column::LaneKind, read_lane_kind)?;
        let (lane, stage) = (self.lane(lane, kind), self.stage(stage));
        let id = match row.get(Column::Id) {
            "" => StepId::from(format!("step-{}", self.b.steps.len() + 1).as_str()),
            id => StepId::from(id),
        };
        if let Some(first) = self.row_of.insert(id.clone(), row.number) {
            return Err(row.error(
                Column::Id,
                CellProblem::DuplicateId {
                    id: id.to_string(),
                    first,
                },
            ));
        }
        let next = self.next_in_cell.entry((lane.clone(), stage.clone())).or_default();
        let order = row.read(Column::Order, read_order)?.unwrap_or(*next);
        *next = (*next).max(order.saturating_add(1));
        let mut step = Step::new(id.clone(), lane, stage, title);
        step.order = order;
        step.description = row.get(Column::Description).to_owned();
        step.owner = row.get(Column::Owner).to_owned();
        step.channel = row.get(Column::Channel).to_owned();
        step.standard = row.get(Column::Standard).to_owned();
        step.duration_min = row.minutes(Column::Duration)?;
        step.wait_min = row.minutes(Column::Wait)?;
        step.value = row.read(Column::Value, read_value)?;
        step.emotion = row.read(Column::Emotion, read_emotion)?;
        step.basis = row.read(Column::Basis, read_basis)?;
        for line in row.get(Column::Markers).lines().filter(|l| !l.trim().is_empty()) {
            let (kind, severity, note) = read_marker(line).map_err(|p| row.error(Column::Markers, p))?;
            self.b.markers.push(Marker {
                id: MarkerId::from(format!("m{}", self.b.markers.len() + 1).as_str()),
                kind,
                target: MarkerTarget::Step(id.clone()),
                severity: severity.or(kind.default_severity()),
                note,
            });
        }
        for line in row.get(Column::FlowsTo).lines().filter(|l| !l.trim().is_empty()) {
            self.flows.push((row.number, id.clone(), line.to_owned()));
        }
        self.b.steps.push(step);
        Ok(())
    }

    /// The flows between the steps read, and the blueprint checked; `table` points errors at
    /// the flows column.
    fn finish(mut self, table: &Row<'_>) -> Result<Blueprint, ImportError> {
        if self.b.steps.is_empty() {
            return Err(ImportError::file("the table has a header row but no steps".to_owned()));
        }
        let mut problems = Vec::new();
        for (number, from, line) in std::mem::take(&mut self.flows) {
            let (to, two_way, label) = read_flow(&line);
            let known = |id: &str| self.row_of.contains_key(&StepId::from(id));
            // Several ids on one line, as people list them: `b, c` or `乙、丙`.
            let listed: Vec<&str> = to.split([',', '，', '、', ';', '；']).map(str::trim).collect();
            let targets = if !known(&to) && label.is_empty() && listed.len() > 1 && listed.iter().all(|id| known(id)) {
                listed
            } else {
                vec![to.as_str()]
            };
            for to in targets {
                let to = StepId::from(to);
                if !self.row_of.contains_key(&to) {
                    let row = Row { number, ..*table };
                    problems.push(row.error(Column::FlowsTo, CellProblem::NoSuchStep(to.to_string())));
                    continue;
                }
                self.b.flows.push(Flow {
                    id: FlowId::from(format!("f{}", self.b.flows.len() + 1).as_str()),
                    from: from.clone(),
                    to,
                    two_way,
                    label: label.clone(),
                });
            }
        }
        if !problems.is_empty() {
            return Err(one_or_several(problems));
        }
        match validate(&self.b).first() {
            None => Ok(self.b),
            Some(problem) => {
                let row = self.row_of.get(&StepId::from(problem.id.as_str()));
                let at = row.map(|r| format!("row {r}: ")).unwrap_or_default();
                Err(ImportError::Invalid(format!("{at}{}: {}", problem.id, problem.message)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MarkerKind;

    fn table(text: &str) -> Vec<Vec<String>> {
        text.lines()
            .map(|l| l.split('|').map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn a_lane_named_for_staff_whose_name_begins_with_a_standard_lanes_is_a_lane_of_its_own() {
        let rows = table(
            "标题|泳道|阶段\n\
             递交申请|客户|申请\n\
             受理申请|客户经理|申请",
        );
        let b = import_rows(&rows, "贷款").expect("imports").blueprint;
        let lane_of = |title: &str| {
            let step = b.steps.iter().find(|s| s.title == title).expect("step");
            b.lanes.iter().find(|l| l.id == step.lane).expect("lane")
        };
        assert_eq!(
            (lane_of("递交申请").kind, lane_of("递交申请").name.as_str()),
            (LaneKind::Customer, "客户")
        );
        assert_eq!(
            (lane_of("受理申请").kind, lane_of("受理申请").name.as_str()),
            (LaneKind::Custom, "客户经理")
        );
    }

    #[test]
    fn a_typed_step_list_becomes_a_blueprint() {
        let rows = table(
            "编号|标题|泳道|阶段|用时（分钟）|流向|标记\n\
             q|排队|顾客行为|到店|5|order|痛点4：高峰排队\n\
             take|点单|前台员工|到店|2||\n\
             |菜单板|有形展示|到店|||\n\
             \n\
             order|下单|顾客行为|点单|1||机会点",
        );
        let b = import_rows(&rows, "咖啡店").expect("imports").blueprint;
        assert_eq!(
            b.stages.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            ["到店", "点单"]
        );
        assert_eq!(b.steps.len(), 4, "the empty row is skipped");
        assert_eq!(b.steps[2].id.as_str(), "step-3", "a row without an id gets one");
        assert_eq!(
            b.lanes.len(),
            5,
            "the five standard lanes, named as the table names them"
        );
        assert_eq!(
            b.lane_of_kind(LaneKind::Customer).map(|l| l.name.as_str()),
            Some("顾客行为")
        );
        assert_eq!(
            b.lane_of_kind(LaneKind::Support).map(|l| l.name.as_str()),
            Some("支持流程")
        );
        assert_eq!(b.flows.len(), 1);
        assert_eq!((b.flows[0].from.as_str(), b.flows[0].to.as_str()), ("q", "order"));
        assert_eq!(b.steps[0].duration_min, Some(5.0));
        let kinds: Vec<_> = b.markers.iter().map(|m| (m.kind, m.severity)).collect();
        assert_eq!(
            kinds,
            [(MarkerKind::PainPoint, Some(4)), (MarkerKind::Opportunity, None)]
        );
        assert_eq!(b.markers[0].note, "高峰排队");
    }

    #[test]
    fn times_follow_the_unit_their_header_gives_and_columns_not_read_are_named() {
        let rows = table(
            "编号|标题|泳道|阶段|用时（小时）|等待 (min)|备注|标题|\n\
             a|受理|前台|申请|1.5|30|急|重复|\n\
             b|审批|后台|审批|2天|1 h|||x\n\
             c|放款|后台|放款||||",
        );
        let imported = import_rows(&rows, "贷款").expect("imports");
        let b = &imported.blueprint;
        assert_eq!(b.steps[0].duration_min, Some(90.0), "1.5 in a column of hours");
        assert_eq!(b.steps[0].wait_min, Some(30.0));
        assert_eq!(b.steps[1].duration_min, Some(2880.0), "a cell's own unit first");
        assert_eq!(b.steps[1].wait_min, Some(60.0));
        let ignored: Vec<_> = imported
            .ignored
            .iter()
            .map(|c| (c.letter.as_str(), c.header.as_str()))
            .collect();
        assert_eq!(
            ignored,
            [("G", "备注"), ("H", "标题"), ("I", "")],
            "a header of no field, a second title, cells under no header"
        );
        let rows = table("title|lane|stage|duration (weeks)\nA|Customer|One|1");
        assert_eq!(
            import_rows(&rows, "t").map(|i| i.blueprint.steps[0].duration_min),
            Ok(Some(7.0 * 1440.0))
        );
        let rows = table("title|lane|stage|wait (avg)\nA|Customer|One|1");
        assert_eq!(
            import_rows(&rows, "t").map(|_| ()).expect_err("no unit").to_string(),
            "row 1, column D (wait (avg)): “avg” is not a unit of time: write minutes, hours or days (分钟, 小时, 天)"
        );
    }

    #[test]
    fn flows_to_take_a_chinese_colon_and_lists_of_ids() {
        let rows = table(
            "编号|标题|泳道|阶段|流向\n\
             甲|提交|客户|申请|乙：线上、 丙\n\
             乙|受理|前台|申请|丙、丁\n\
             丙|审核|后台|审核|\n\
             丁|通知|前台|审核|",
        );
        let b = import_rows(&rows, "t").expect("imports").blueprint;
        let flows: Vec<_> = b
            .flows
            .iter()
            .map(|f| (f.from.as_str(), f.to.as_str(), f.label.as_str()))
            .collect();
        assert_eq!(
            flows,
            [("甲", "乙", "线上、 丙"), ("乙", "丙", ""), ("乙", "丁", "")],
            "a label keeps its commas; a list without one is one flow per id"
        );
        let rows = table("id|title|lane|stage|flows_to\na|A|Customer|One|b, nowhere\nb|B|Customer|One|");
        assert!(
            import_rows(&rows, "t").is_err_and(|e| e.to_string().contains("no step has the id “b, nowhere”")),
            "a list with an unknown id is named whole"
        );
    }

    #[test]
    fn errors_name_the_row_and_the_column() {
        let rows = table("title|lane|stage|wait_min\nA|Customer|One|\nB|Customer|One|ten");
        assert_eq!(
            import_rows(&rows, "t").map(|_| ()).expect_err("a bad cell").to_string(),
            "row 3, column D (wait_min): “ten” is not a time: a number of minutes, or with its unit (90 s, 2 h, 1.5 小时, 3 d)"
        );
        let rows = table("title|lane|stage|wait_min\nA|Customer|One|\nB|Customer|One|ten");
        assert_eq!(
            import_rows(&rows, "t")
                .map(|_| ())
                .expect_err("a bad cell")
                .text(Lang::Zh),
            "第 3 行，D 列（wait_min）：“ten”不是时间：请写分钟数，或带上单位（90 秒、2 小时、1.5 小时、3 天）",
            "in the Chinese interface"
        );
        // Every bad row at once, in table order, each with its first bad cell.
        let rows = table(
            "id|title|lane|stage|emotion|flows_to\n\
             a|A|Customer|One|very bad|\n\
             b|B|Customer|One|1|nowhere\n\
             c||Customer|One|9|\n\
             a|D|Customer|One||",
        );
        let error = import_rows(&rows, "t").map(|_| ()).expect_err("bad cells");
        assert_eq!(
            error.to_string().lines().collect::<Vec<_>>(),
            [
                "row 2, column E (emotion): “very bad” is not an emotion from -2 to 2",
                "row 4, column B (title): every step needs a title",
                "row 5, column A (id): the id “a” is also on row 2; ids must differ",
            ],
            "the flow to nowhere waits until the rows are right"
        );
        assert!(
            error.text(Lang::Zh).starts_with("第 2 行，E 列（emotion）："),
            "{}",
            error.text(Lang::Zh)
        );
        let rows = table("id|title|lane|stage|flows_to\na|A|Customer|One|x\nb|B|Customer|One|y");
        assert_eq!(
            import_rows(&rows, "t")
                .map(|_| ())
                .expect_err("two flows")
                .to_string()
                .lines()
                .count(),
            2,
            "both flows to nothing"
        );
        let many = (0..14).map(|i| format!("\nS{i}|Customer|One|bad")).collect::<String>();
        let text = import_rows(&table(&format!("title|lane|stage|emotion{many}")), "t")
            .map(|_| ())
            .expect_err("many")
            .to_string();
        assert_eq!(text.lines().count(), 11, "ten listed, then a count");
        assert!(text.ends_with("… and 4 more"), "{text}");
        let rows = table("title|lane\nA|Customer");
        assert_eq!(import_rows(&rows, "t"), Err(ImportError::MissingColumn("stage")));
        assert_eq!(
            ImportError::MissingColumn("stage").text(Lang::Zh),
            "第一行没有“阶段”列（stage）；第一行写列名（标题、泳道、阶段……）"
        );
        let rows = table("title|lane|stage|flows_to\nA|Customer|One|nowhere");
        assert!(import_rows(&rows, "t").is_err_and(|e| e.to_string().contains("row 2, column D")));
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(27), "AB");
    }
}
