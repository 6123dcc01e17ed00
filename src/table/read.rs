//! A table file as rows of text: CSV in UTF-8 (with or without a byte-order mark) or in GBK, as
//! Chinese Excel and WPS save it, with commas, semicolons or tabs; or the first sheet of a .xlsx.

use super::ImportError;
use std::path::Path;

/// The rows of the table in `path`, header first, every cell as text.
pub fn read_rows(path: &Path) -> Result<Vec<Vec<String>>, ImportError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "xlsx" | "xlsm" => xlsx_rows(path),
        "csv" | "txt" | "tsv" => {
            let bytes = std::fs::read(path).map_err(|e| ImportError::file(e.to_string()))?;
            csv_rows(&decode(&bytes)?)
        }
        _ => Err(ImportError::file(
            "import reads .csv and .xlsx files (from Excel or WPS); save the sheet as one of those".to_owned(),
        )),
    }
}

/// The text of a CSV file: UTF-8 when it is valid UTF-8, otherwise GBK (read as GB18030, its
/// superset), which is what Excel in a Chinese locale writes.
fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors {
        return Err(ImportError::file(
            "the file is neither UTF-8 nor GBK text; save it from Excel as “CSV UTF-8”".to_owned(),
        ));
    }
    Ok(text.into_owned())
}

/// Rows of CSV text; the separator is whichever of `,` `;` tab the header line uses most.
fn csv_rows(text: &str) -> Result<Vec<Vec<String>>, ImportError> {
    let header = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| header.matches(char::from(d)).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|record| {
            record
                .map(|r| r.iter().map(str::to_owned).collect())
                .map_err(|e| ImportError::file(e.to_string()))
        })
        .collect()
}

/// The first sheet of a workbook, numbers written as a person would type them.
fn xlsx_rows(path: &Path) -> Result<Vec<Vec<String>>, ImportError> {
    use calamine::{Data, Reader};
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook(path).map_err(|e: calamine::XlsxError| ImportError::file(e.to_string()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| ImportError::file("the workbook has no sheet".to_owned()))?
        .map_err(|e| ImportError::file(e.to_string()))?;
    // Rows and columns count from A1 even when the sheet's first cells are empty, so that the
    // row numbers in messages are Excel's.
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); top as usize];
    rows.extend(range.rows().map(|row| {
        let mut cells = vec![String::new(); left as usize];
        cells.extend(row.iter().map(|cell| match cell {
            Data::Empty => String::new(),
            Data::String(s) => s.clone(),
            Data::Float(f) => format!("{f}"),
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(t) => excel_time(t.as_f64(), t.is_duration()),
            other => other.to_string(),
        }));
        cells
    }));
    Ok(rows)
}

/// A date or time cell as a person would type it. Excel keeps days since 1899-12-30: a clock
/// time such as 1:30 (a fraction of a day) or a duration is a time, written in minutes so it
/// reads the same whatever unit its column's header gives; a date is a date, which a time
/// column then refuses by name rather than reading its day number as a time.
fn excel_time(days: f64, duration: bool) -> String {
    if duration || (0.0..1.0).contains(&days) {
        return format!("{} min", (days * 1440.0 * 10.0).round() / 10.0);
    }
    // Days to a civil date (Howard Hinnant's algorithm), from 1970-01-01 = Excel day 25569.
    let whole = days.floor();
    let z = whole as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let minutes = ((days - whole) * 1440.0).round() as i64;
    match minutes {
        0 => format!("{year:04}-{month:02}-{day:02}"),
        m => format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", m / 60, m % 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_and_semicolons_read_as_utf8_and_commas_do() {
        let text = "标题;泳道;阶段\r\n排队;顾客行为;点单\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert!(std::str::from_utf8(&gbk).is_err(), "really GBK bytes");
        let rows = csv_rows(&decode(&gbk).expect("GBK decodes")).expect("rows");
        assert_eq!(rows[1], ["排队", "顾客行为", "点单"]);
        let bom = [b"\xef\xbb\xbf".as_slice(), "title,lane\n\"a, b\",c\n".as_bytes()].concat();
        assert_eq!(csv_rows(&decode(&bom).expect("utf-8")).expect("rows")[1], ["a, b", "c"]);
        assert!(decode(&[0xff, 0xfe, 0x00, 0x41, 0xff]).is_err());
    }

    #[test]
    fn excel_times_read_as_minutes_and_dates_as_dates() {
        assert_eq!(excel_time(0.0625, false), "90 min", "1:30 typed in a time cell");
        assert_eq!(excel_time(1.5, true), "2160 min", "a duration of 36 hours");
        assert_eq!(excel_time(46_023.0, false), "2026-01-01");
        assert_eq!(excel_time(46_023.375, false), "2026-01-01 09:00");
        assert_eq!(excel_time(25_569.0, false), "1970-01-01");
        assert!(super::super::cells::read_minutes(&excel_time(46_023.0, false), 60.0).is_err());
    }
}
