//! One cell of the steps table: how a value is written, and how a typed one is read back. Reading
//! is forgiving where a person types (case, blanks, Chinese words); what it cannot read is an
//! error that says what it expected.

use super::problem::CellProblem;
use crate::model::{Basis, Flow, LaneKind, Marker, MarkerKind, ValueClass};

/// Minutes without a trailing ".0".
pub(super) fn minutes_text(minutes: f64) -> String {
    format!("{minutes}")
}

/// A variant's name as the file format writes it (`ValueAdding`, `PainPoint`): serde's own,
/// so the table and the file never disagree.
pub(super) fn format_name<T: serde::Serialize>(value: &T) -> String {
    ron::to_string(value).unwrap_or_default()
}

/// `PainPoint 4: note`, on one line.
pub(super) fn marker_text(marker: &Marker) -> String {
    let mut text = format_name(&marker.kind);
    if let Some(severity) = marker.severity {
        text.push_str(&format!(" {severity}"));
    }
    let note = one_line(&marker.note);
    if !note.is_empty() {
        text.push_str(": ");
        text.push_str(&note);
    }
    text
}

/// `ID`, `<>ID` when two-way, then `: label`, on one line.
pub(super) fn flow_text(flow: &Flow) -> String {
    let mut text = if flow.two_way { "<>".to_owned() } else { String::new() };
    text.push_str(flow.to.as_str());
    let label = one_line(&flow.label);
    if !label.is_empty() {
        text.push_str(": ");
        text.push_str(&label);
    }
    text
}

/// A cell holds one marker or flow a line, so line breaks inside one become spaces.
fn one_line(text: &str) -> String {
    text.split(['\n', '\r'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lower case without blanks, hyphens or underscores: "Value-adding" and "value adding" agree.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// How many minutes one of a unit of time is, by the ways tables write it (`h`, `小时`, `days`);
/// `d` and `天` are whole days of 24 hours, as the cards' "3 d" are.
pub(super) fn unit_minutes(unit: &str) -> Option<f64> {
    Some(match squash(unit).trim_end_matches('.') {
        "min" | "mins" | "minute" | "minutes" | "分钟" | "分" => 1.0,
        "h" | "hr" | "hrs" | "hour" | "hours" | "小时" | "时" | "个小时" | "钟头" => 60.0,
        "d" | "day" | "days" | "天" | "日" => 1440.0,
        "w" | "wk" | "week" | "weeks" | "周" | "星期" => 7.0 * 1440.0,
        "s" | "sec" | "secs" | "second" | "seconds" | "秒" | "秒钟" => 1.0 / 60.0,
        _ => return None,
    })
}

/// A time 0 or more, in minutes; empty is none. A bare number is in `unit` minutes (its
/// column's unit: `用时（小时）` is in hours); a number may carry its own unit, and parts add up
/// (`1 h 30 min`, `1小时30分钟`, `2 d`, as cards write times).
pub(super) fn read_minutes(text: &str, unit: f64) -> Result<Option<f64>, CellProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    // Full-width digits, as a Chinese input method types them.
    let digits: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            c => c,
        })
        .collect();
    let wrong = || CellProblem::NotTime(text.to_owned());
    let (mut rest, mut total, mut parts) = (digits.as_str(), 0.0, 0);
    while !rest.is_empty() {
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let value: f64 = rest[..number_end].parse().map_err(|_| wrong())?;
        rest = rest[number_end..].trim_start();
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c.is_whitespace())
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_end] {
            // A second bare number (`1 h 30`) could be minutes or hours.
            "" if parts > 0 => return Err(wrong()),
            "" => unit,
            written => unit_minutes(written).ok_or_else(wrong)?,
        };
        total += value * factor;
        parts += 1;
        rest = rest[unit_end..].trim_start();
    }
    if total.is_finite() {
        Ok(Some(total))
    } else {
        Err(wrong())
    }
}

/// A whole number 0 or more; empty is 0.
pub(super) fn read_order(text: &str) -> Result<Option<u32>, CellProblem> {
    let text = text.trim().trim_end_matches(".0");
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        // The next row of the cell goes one further.
        Ok(order) if order < u32::MAX => Ok(Some(order)),
        _ if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) => {
            Err(CellProblem::OrderTooLarge(text.to_owned()))
        }
        _ => Err(CellProblem::NotWholeNumber(text.to_owned())),
    }
}

/// −2 … 2; empty is none.
pub(super) fn read_emotion(text: &str) -> Result<Option<i8>, CellProblem> {
    let text = text.trim().trim_end_matches(".0").replace('−', "-");
    if text.is_empty() {
        return Ok(None);
    }
    match text.trim_start_matches('+').parse::<i8>() {
        Ok(e) if (-2..=2).contains(&e) => Ok(Some(e)),
        _ => Err(CellProblem::NotEmotion(text)),
    }
}

/// A lean class by its name in the file format, in words, or in Chinese; empty is none.
pub(super) fn read_value(text: &str) -> Result<Option<ValueClass>, CellProblem> {
    match squash(text).as_str() {
        "" => Ok(None),
        "valueadding" | "va" | "增值" => Ok(Some(ValueClass::ValueAdding)),
        "necessary" | "必要" | "必要非增值" => Ok(Some(ValueClass::Necessary)),
        "waste" | "浪费" => Ok(Some(ValueClass::Waste)),
        _ => Err(CellProblem::NotValueClass(text.trim().to_owned())),
    }
}

/// How sure the team is; empty is Observed.
pub(super) fn read_basis(text: &str) -> Result<Basis, CellProblem> {
    match squash(text).as_str() {
        "" | "observed" | "已观察" | "观察" => Ok(Basis::Observed),
        "assumed" | "推测" | "假设" => Ok(Basis::Assumed),
        "proposed" | "提议" | "拟议" | "建议" => Ok(Basis::Proposed),
        _ => Err(CellProblem::NotBasis(text.trim().to_owned())),
    }
}

/// A lane's kind as the `lane_kind` column gives it; empty is none (the lane's name decides).
pub(super) fn read_lane_kind(text: &str) -> Result<Option<LaneKind>, CellProblem> {
    match squash(text).as_str() {
        "" => Ok(None),
        "evidence" | "有形展示" => Ok(Some(LaneKind::Evidence)),
        "customer" | "客户" | "顾客" => Ok(Some(LaneKind::Customer)),
        "frontstage" | "前台" => Ok(Some(LaneKind::Frontstage)),
        "backstage" | "后台" => Ok(Some(LaneKind::Backstage)),
        "support" | "支持" => Ok(Some(LaneKind::Support)),
        "custom" | "自定义" => Ok(Some(LaneKind::Custom)),
        _ => Err(CellProblem::NotLaneKind(text.trim().to_owned())),
    }
}

/// The standard lane a lane name stands for: its name alone or with a word for what the lane
/// holds ("Customer actions", "客户行为", "Support processes"); `None` for a custom lane, also
/// one whose name only begins with such a name ("客户经理", an account manager, is staff).
pub(super) fn lane_kind(name: &str) -> Option<LaneKind> {
    let name = squash(name);
    let holds = [
        "actions",
        "action",
        "processes",
        "process",
        "staff",
        "employees",
        "lane",
        "员工行为",
        "行为",
        "员工",
        "人员",
        "流程",
        "过程",
        "泳道",
    ];
    let stem = holds.iter().find_map(|h| name.strip_suffix(h)).unwrap_or(&name);
    let is = |names: &[&str]| names.contains(&stem);
    if is(&["evidence", "physicalevidence", "有形展示", "有形证据", "实体证据"]) {
        Some(LaneKind::Evidence)
    } else if is(&["customer", "customers", "顾客", "客户"]) {
        Some(LaneKind::Customer)
    } else if is(&["frontstage", "前台"]) {
        Some(LaneKind::Frontstage)
    } else if is(&["backstage", "后台"]) {
        Some(LaneKind::Backstage)
    } else if is(&["support", "支持"]) {
        Some(LaneKind::Support)
    } else {
        None
    }
}

/// One line of a markers cell: a kind, an optional severity, an optional `: note`.
pub(super) fn read_marker(line: &str) -> Result<(MarkerKind, Option<u8>, String), CellProblem> {
    let (head, note) = match line.split_once([':', '：']) {
        Some((head, note)) => (head, note.trim().to_owned()),
        None => (line, String::new()),
    };
    let head = head.trim();
    let (kind, severity) = match head.rsplit_once(' ') {
        Some((kind, number)) if number.chars().all(|c| c.is_ascii_digit()) => (kind, Some(number)),
        _ => match head.char_indices().rev().take_while(|(_, c)| c.is_ascii_digit()).last() {
            Some((at, _)) => (&head[..at], Some(&head[at..])),
            None => (head, None),
        },
    };
    let kind = match squash(kind).as_str() {
        "painpoint" | "pain" | "痛点" => MarkerKind::PainPoint,
        "failpoint" | "fail" | "失误点" | "故障点" => MarkerKind::FailPoint,
        "waitpoint" | "wait" | "等待点" => MarkerKind::WaitPoint,
        "momentoftruth" | "关键时刻" => MarkerKind::MomentOfTruth,
        "opportunity" | "机会点" | "机会" => MarkerKind::Opportunity,
        _ => {
            return Err(CellProblem::NotMarker(kind.trim().to_owned()));
        }
    };
    let severity = match severity {
        None => None,
        Some(number) => match number.parse::<u8>() {
            Ok(s) if (1..=5).contains(&s) => Some(s),
            _ => return Err(CellProblem::NotSeverity(number.to_owned())),
        },
    };
    Ok((kind, severity, note))
}

/// One line of a flows cell: the step it goes to, two-way, and its label.
pub(super) fn read_flow(line: &str) -> (String, bool, String) {
    let line = line.trim();
    let (two_way, rest) = match line.strip_prefix("<>").or_else(|| line.strip_prefix('↔')) {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    // The first colon ends the id: `: ` as the export writes it, or a Chinese `：`.
    let colon = [
        rest.find(": ").map(|i| (i, 2)),
        rest.find('：').map(|i| (i, '：'.len_utf8())),
    ]
    .into_iter()
    .flatten()
    .min();
    let (to, label) = match colon {
        Some((i, len)) => (rest[..i].trim(), rest[i + len..].trim()),
        None => (rest.trim(), ""),
    };
    (to.to_owned(), two_way, label.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_cells_read_in_english_and_chinese() {
        assert_eq!(read_value(" value-adding "), Ok(Some(ValueClass::ValueAdding)));
        assert_eq!(read_value("浪费"), Ok(Some(ValueClass::Waste)));
        assert!(read_value("maybe").is_err_and(|e| e.to_string().contains("ValueAdding")));
        assert_eq!(read_basis("推测"), Ok(Basis::Assumed));
        // The interface's own words read back.
        assert_eq!(read_basis("提议"), Ok(Basis::Proposed));
        assert_eq!(read_minutes("12 min", 1.0), Ok(Some(12.0)));
        assert_eq!(read_order("7"), Ok(Some(7)));
        assert!(read_order("99999999999").is_err_and(|e| e.to_string().contains("too large")));
        assert!(read_order("4294967295").is_err_and(|e| e.to_string().contains("too large")));
        assert!(read_order("-1").is_err_and(|e| e.to_string().contains("not a whole number")));
        assert!(read_minutes("-3", 1.0).is_err());
        assert_eq!(read_emotion("−2"), Ok(Some(-2)));
        assert!(read_emotion("3").is_err());
        assert_eq!(lane_kind("Physical evidence"), Some(LaneKind::Evidence));
        assert_eq!(lane_kind("前台行为"), Some(LaneKind::Frontstage));
        assert_eq!(lane_kind("Ideas"), None);
        assert_eq!(lane_kind("Support processes"), Some(LaneKind::Support));
        assert_eq!(lane_kind("Customer"), Some(LaneKind::Customer));
        assert_eq!(lane_kind("前台员工"), Some(LaneKind::Frontstage));
        // Staff whose names begin with a standard lane's are not that lane.
        assert_eq!(lane_kind("客户经理"), None);
        assert_eq!(lane_kind("Customer service agent"), None);
        assert_eq!(lane_kind("客户反馈"), None);
        assert_eq!(
            read_marker("PainPoint 4: 12 people at 8:30"),
            Ok((MarkerKind::PainPoint, Some(4), "12 people at 8:30".to_owned()))
        );
        assert_eq!(
            read_marker("痛点3：排队"),
            Ok((MarkerKind::PainPoint, Some(3), "排队".to_owned()))
        );
        assert_eq!(
            read_marker("Opportunity"),
            Ok((MarkerKind::Opportunity, None, String::new()))
        );
        assert!(read_marker("PainPoint 9").is_err());
        assert_eq!(read_flow("<>pay: card"), ("pay".to_owned(), true, "card".to_owned()));
        assert_eq!(
            read_flow("pay：刷卡: 或现金"),
            ("pay".to_owned(), false, "刷卡: 或现金".to_owned())
        );
        assert_eq!(read_flow("pay: 8：30"), ("pay".to_owned(), false, "8：30".to_owned()));
    }

    #[test]
    fn times_read_in_their_columns_unit_or_their_own() {
        assert_eq!(read_minutes("12", 1.0), Ok(Some(12.0)));
        assert_eq!(read_minutes("1.5", 60.0), Ok(Some(90.0)), "a column in hours");
        assert_eq!(read_minutes("2 h", 1.0), Ok(Some(120.0)));
        assert_eq!(read_minutes("1小时30分钟", 1.0), Ok(Some(90.0)));
        assert_eq!(read_minutes("1 hour 30 min", 1.0), Ok(Some(90.0)));
        assert_eq!(read_minutes("3 d", 1.0), Ok(Some(3.0 * 1440.0)), "as cards write days");
        assert_eq!(
            read_minutes("2天", 60.0),
            Ok(Some(2880.0)),
            "its own unit over the column's"
        );
        assert_eq!(read_minutes("90 s", 1.0), Ok(Some(1.5)));
        assert_eq!(read_minutes("１５分钟", 1.0), Ok(Some(15.0)), "full-width digits");
        assert_eq!(read_minutes("", 60.0), Ok(None));
        for wrong in ["ten", "1 h 30", "5 months", "1.2.3", "-3 h"] {
            assert!(
                read_minutes(wrong, 1.0) == Err(CellProblem::NotTime(wrong.to_owned())),
                "{wrong}"
            );
        }
        assert_eq!(unit_minutes("Hours"), Some(60.0));
        assert_eq!(unit_minutes("小时"), Some(60.0));
        assert_eq!(unit_minutes("km"), None);
    }
}
