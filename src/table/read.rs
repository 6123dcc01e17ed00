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
            other => other.to_string(),
        }));
        cells
    }));
    Ok(rows)
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
}
