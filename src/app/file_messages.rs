//! Why a file did not open, in the interface's language. The library words its errors in
//! English for the command line; the editor's Chinese interface says the same in Chinese, with
//! the parser's own words (which name the file's syntax) kept after the place they point at.

use super::texts::tr;
use crate::file::{OpenError, ParseError};
use crate::i18n::Lang;
use std::io::ErrorKind;

/// `error` as the editor shows it in `lang`.
pub fn open_error_text(lang: Lang, error: &OpenError) -> String {
    let (Lang::Zh, OpenError::Parse { path, error }) = (lang, error) else {
        return match (lang, error) {
            (Lang::Zh, OpenError::Invalid { .. }) => format!("文件不符合蓝图的规则：\n{error}"),
            _ => error.to_string(),
        };
    };
    let why = match error {
        ParseError::Io(io) => match io.kind() {
            ErrorKind::NotFound => "找不到这个文件".to_owned(),
            ErrorKind::PermissionDenied => "没有读取这个文件的权限".to_owned(),
            ErrorKind::IsADirectory => "这是一个文件夹，不是文件".to_owned(),
            _ => format!("无法读取文件：{io}"),
        },
        ParseError::TooLarge { size_mb, limit_mb } => {
            format!("文件有 {size_mb:.1} MB；超过 {limit_mb} MB 的蓝图不会打开（是不是选错了文件？）")
        }
        ParseError::NotText { offset } => {
            format!("这不是文本文件（第 {offset} 个字节不是 UTF-8）；蓝图是以 UTF-8 保存的 RON 文本文件")
        }
        ParseError::Gbk { offset } => format!(
            "这个文件是 GBK 编码（第 {offset} 个字节不是 UTF-8），蓝图文件使用 UTF-8：请用文本编辑器打开并另存为 UTF-8"
        ),
        ParseError::Empty => "文件是空的".to_owned(),
        ParseError::Syntax {
            line,
            col,
            message,
            hint,
        } => {
            let hint = hint.map(|h| format!("（提示：{}）", tr(lang, h))).unwrap_or_default();
            format!("第 {line} 行第 {col} 列：{}{hint}", tr(lang, message))
        }
        ParseError::FutureVersion {
            line,
            col,
            found,
            supported,
        } => format!(
            "第 {line} 行第 {col} 列：文件的格式版本是 {found}，本程序最高只能读取版本 {supported}；请用更新版本的 Blueprint Studio 打开"
        ),
        ParseError::UnknownVersion { line, col, found } => {
            format!("第 {line} 行第 {col} 列：格式版本 {found} 不存在；版本从 1 开始")
        }
    };
    format!("{}：{why}", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn open(path: &Path) -> OpenError {
        crate::file::open(path).expect_err("does not open")
    }

    #[test]
    fn a_file_that_does_not_open_says_why_in_chinese_and_keeps_its_place() {
        let missing = open(Path::new("no/such/file.ron"));
        assert_eq!(open_error_text(Lang::Zh, &missing), "no/such/file.ron：找不到这个文件");
        assert_eq!(open_error_text(Lang::En, &missing), missing.to_string());
        let dir = std::env::temp_dir().join(format!("bs-file-messages-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let cut: PathBuf = dir.join("cut.ron");
        let text = std::fs::read_to_string("samples/zh/bank-loan.ron").expect("sample");
        let half = text
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| i >= text.len() / 2)
            .expect("half");
        std::fs::write(&cut, &text[..half]).expect("write");
        let shown = open_error_text(Lang::Zh, &open(&cut));
        assert!(shown.contains("行") && shown.contains("列："), "{shown}");
        assert!(shown.contains("文件意外结束（提示：文件在"), "{shown}");
        assert!(!shown.contains("the file ends"), "{shown}");
        let csv = dir.join("steps.ron");
        std::fs::write(&csv, "id,title,lane,stage\na,Ask,Customer,One\n").expect("write");
        let shown = open_error_text(Lang::Zh, &open(&csv));
        assert!(
            shown.contains("这不是蓝图文件") && shown.contains("导入步骤"),
            "{shown}"
        );
    }
}
