//! UI text in English and Chinese. Code names the English text; [`tr`] gives it in the UI
//! language. A test checks every text the code uses has a translation.

use crate::i18n::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;

/// English → Chinese.
const ZH: &[(&str, &str)] = &[
    (" min", " 分钟"),
    ("16:9 (1920×1080)", "16:9（1920×1080）"),
    ("4:3 (1440×1080)", "4:3（1440×1080）"),
    ("4K (3840×2160)", "4K（3840×2160）"),
    ("A blueprint needs at least one stage.", "蓝图至少要有一个阶段。"),
    ("Add custom lane", "添加自定义泳道"),
    ("Add custom lane above", "在上方添加自定义泳道"),
    ("Add custom lane below", "在下方添加自定义泳道"),
    ("Add lane", "添加泳道"),
    ("Add marker", "添加标记"),
    ("Add next step", "添加下一步"),
    ("Add note", "添加批注"),
    ("Add stage", "添加阶段"),
    ("Add stage after", "在后面添加阶段"),
    ("Add stage before", "在前面添加阶段"),
    ("Add step", "添加步骤"),
    ("Add step here", "在此添加步骤"),
    ("Analysis", "分析"),
    ("Analysis highlights", "分析标注"),
    ("Analysis panel", "分析面板"),
    ("Inspector", "属性面板"),
    // Why a file did not open (`file_messages`): the reader's messages and hints.
    ("this is not a blueprint file", "这不是蓝图文件"),
    ("unexpected end of file", "文件意外结束"),
    ("there is no `version` field", "没有 `version` 字段"),
    (
        "the file nests brackets deeper than 128 levels",
        "文件中的括号嵌套超过 128 层",
    ),
    (
        "it looks like a table of steps: File → Import steps… (or `blueprint-studio import`) builds a blueprint from it",
        "它看起来是一张步骤表：用“文件 → 导入步骤…”（或 `blueprint-studio import`）可以用它生成蓝图",
    ),
    (
        "a blueprint file starts with `(version: 2, blueprint: (…))`",
        "蓝图文件以 `(version: 2, blueprint: (…))` 开头",
    ),
    (
        "the file ends before the blueprint is complete — was it cut off while copying or saving?",
        "文件在蓝图完整之前就结束了——是不是在复制或保存时被截断了？",
    ),
    (
        "the file ends inside a text value — was it cut off while copying or saving, or is a closing \" missing?",
        "文件在一段文字中间结束了——是不是在复制或保存时被截断了，或者少了一个结束的 \"？",
    ),
    (
        "a comma or a closing bracket may be missing just before this point",
        "这里前面可能少了一个逗号或右括号",
    ),
    (
        "text values go in double quotes, like title: \"Order coffee\"",
        "文字要放在双引号里，例如 title: \"点咖啡\"",
    ),
    (
        "since format version 2 this field is called `basis`",
        "从格式版本 2 起这个字段叫 `basis`",
    ),
    (
        "check the field's spelling; docs/FORMAT.md lists them",
        "请检查字段名的拼写；docs/FORMAT.md 列出了所有字段",
    ),
    (
        "this field is required; docs/FORMAT.md lists them",
        "这个字段是必需的；docs/FORMAT.md 列出了所有字段",
    ),
    (
        "docs/FORMAT.md lists the allowed values",
        "docs/FORMAT.md 列出了允许的取值",
    ),
    (
        "the file nests far deeper than any blueprint does",
        "文件的嵌套层次远远超过任何蓝图",
    ),
    ("New blueprint", "新建蓝图"),
    ("No step added", "未添加步骤"),
    ("not in the table:", "步骤表中没有："),
    ("stage marker", "个阶段标记"),
    ("stage markers", "个阶段标记"),
    ("review note", "条评审批注"),
    ("review notes", "条评审批注"),
    (
        "Waiting per stage adds up every step's wait, also those beside the critical path, so the stages can add up to more than the lead time.",
        "各阶段的等待是其中每个步骤等待时间之和，也包括关键路径以外的等待，所以各阶段相加可能多于总用时。",
    ),
    ("No talking points on this slide.", "这页没有讲解要点。"),
    ("Present", "演示"),
    (
        "As outlines (for tools without web fonts)",
        "转为轮廓（供不支持网页字体的软件）",
    ),
    ("As-is", "现状"),
    ("As-is and to-be", "现状与未来"),
    ("Assumed", "推测"),
    ("Author", "作者"),
    ("Autosave failed", "自动保存失败"),
    ("Background", "背景"),
    ("Blueprint", "蓝图"),
    (
        "Blueprint Studio did not close properly last time. This work was saved automatically:",
        "Blueprint Studio 上次没有正常关闭。以下内容已自动保存：",
    ),
    ("Border", "边距"),
    ("Cancel", "取消"),
    ("Cancelling…", "正在取消…"),
    ("Cannot apply the change", "无法执行此修改"),
    ("Cannot copy the image", "无法复制图片"),
    ("Cannot delete the lane", "无法删除泳道"),
    ("Cannot delete the stage", "无法删除阶段"),
    ("Cannot export", "无法导出"),
    ("Cannot open the file", "无法打开文件"),
    ("Cannot save", "无法保存"),
    ("Change flow", "修改流程线"),
    ("Channel / touchpoint", "渠道 / 触点"),
    ("Changed", "有修改"),
    ("Check", "检查"),
    ("Close", "关闭"),
    ("Colour", "颜色"),
    ("Compare with", "对比"),
    ("Compare with…", "与…对比"),
    ("Connect steps", "连接步骤"),
    ("Copied", "已复制"),
    ("Copied as image", "已复制为图片"),
    ("Copy", "复制"),
    ("Copy as image", "复制为图片"),
    ("Critical path", "关键路径"),
    ("Crosses:", "穿越："),
    ("Custom lane", "自定义泳道"),
    ("Customer steps without evidence", "没有有形展示的客户步骤"),
    ("Cut", "剪切"),
    ("Dark theme", "深色主题"),
    ("Delete", "删除"),
    ("Delete flow", "删除流程线"),
    ("Delete lane", "删除泳道"),
    ("Delete lane?", "删除泳道？"),
    ("Delete marker", "删除标记"),
    ("Delete note", "删除批注"),
    ("Delete stage", "删除阶段"),
    ("Delete stage?", "删除阶段？"),
    ("Delete steps", "删除步骤"),
    ("Description", "描述"),
    ("Discard", "不保存"),
    ("Discard all", "全部丢弃"),
    ("Done", "完成"),
    (
        "Double-click an empty cell to add a step; drag the dot on a card's edge to another card to connect them.",
        "双击空白格子添加步骤；从卡片边上的圆点拖到另一张卡片即可连接。",
    ),
    (
        "Drag empty canvas to pan, Shift+drag to select, Ctrl+wheel to zoom.",
        "拖动空白画布平移，Shift+拖动框选，Ctrl+滚轮缩放。",
    ),
    (
        "Drag them together, or use the arrow keys to move them between cells.",
        "可一起拖动，或用方向键在格子之间移动。",
    ),
    ("Duplicate", "复制一份"),
    ("Duplicate flows", "重复的流程线"),
    ("Duration", "用时"),
    ("Edit", "编辑"),
    ("Edit blueprint", "编辑蓝图"),
    ("Edit label", "编辑标签"),
    ("Edit marker", "编辑标记"),
    ("Edit note", "编辑批注"),
    ("Edit step", "编辑步骤"),
    ("Edit text", "编辑文字"),
    ("Edit title", "编辑标题"),
    ("Emotion", "情绪"),
    ("Basis", "依据"),
    (
        "How sure the team is that the step happens as drawn",
        "团队对此步骤如图所示发生的把握程度",
    ),
    ("Export", "导出"),
    ("Export table slide", "导出对比表幻灯片"),
    ("Export table slide…", "导出对比表幻灯片…"),
    ("Exported", "已导出"),
    ("Export cancelled", "已取消导出"),
    ("Export…", "导出…"),
    ("Fail point", "失误点"),
    ("Fail points", "失误点"),
    ("Fail points without an owner", "没有负责人的失误点"),
    ("File", "文件"),
    ("Fit", "适合窗口"),
    ("Flow", "流程线"),
    ("Format", "格式"),
    ("Handoffs", "交接"),
    ("Handoffs across the line of interaction", "穿越互动线的交接"),
    (
        "Handoffs across the line of internal interaction",
        "穿越内部互动线的交接",
    ),
    ("Handoffs across the line of visibility", "穿越可见线的交接"),
    ("Help", "帮助"),
    ("Include", "包含"),
    ("Insert", "插入"),
    ("Keyboard shortcuts", "快捷键"),
    ("Known", "已知"),
    ("Label", "标签"),
    ("Lane", "泳道"),
    ("Lanes", "泳道"),
    ("Lead time", "总用时"),
    ("Legend", "图例"),
    ("Markers", "标记"),
    ("Moment of truth", "关键时刻"),
    ("Move left", "左移"),
    ("Move right", "右移"),
    ("Move stage", "移动阶段"),
    ("Move steps", "移动步骤"),
    ("Move to lane above", "移到上一泳道"),
    ("Move to lane below", "移到下一泳道"),
    ("Move to next stage", "移到下一阶段"),
    ("Move to previous stage", "移到上一阶段"),
    ("Necessary", "必要"),
    ("New", "新建"),
    ("New step", "新步骤"),
    (
        "No chain of flows joins the first and the last customer step.",
        "没有流程线把第一个和最后一个客户步骤连起来。",
    ),
    ("No glyph in the bundled font for:", "内置字体缺少这些字符："),
    ("No preview:", "无法预览："),
    ("None yet", "暂无"),
    ("Not set", "未设置"),
    ("Note", "备注"),
    ("Nothing to redo", "没有可重做的操作"),
    ("Nothing to undo", "没有可撤销的操作"),
    ("OK", "确定"),
    ("Observed", "已观察"),
    (
        "On the canvas: green outline = new in this version, purple = changed.",
        "画布上：绿色框表示本版本新增，紫色框表示有修改。",
    ),
    (
        "On the canvas: red outline = gone in the other version, purple = changed.",
        "画布上：红色框表示另一版本已去掉，紫色框表示有修改。",
    ),
    ("One image per stage", "每个阶段一张图"),
    ("One-way / two-way", "单向 / 双向"),
    ("Gone in the other version", "另一版本已去掉"),
    ("New in the other version", "另一版本新增"),
    ("New in this version", "本版本新增"),
    ("Gone since the other version", "较另一版本已去掉"),
    ("Open", "打开"),
    (
        "Open a second version of this service to see what the redesign changes.",
        "打开这项服务的另一个版本，查看优化带来的变化。",
    ),
    ("Open file", "打开文件"),
    ("Open sample", "打开示例"),
    ("Opened", "已打开"),
    ("Open…", "打开…"),
    ("Opportunity", "机会点"),
    ("Owner / role", "负责人 / 角色"),
    ("Pain point", "痛点"),
    ("Pain points", "痛点"),
    ("Pain-point heat per stage", "各阶段痛点热度"),
    ("Paste", "粘贴"),
    ("Path", "路径"),
    ("Per stage", "按阶段"),
    ("Persona", "用户画像"),
    ("Preparing…", "正在准备…"),
    ("Proposed", "提议"),
    ("Quit", "退出"),
    ("Recent files", "最近的文件"),
    ("Redo", "重做"),
    ("Redone", "已重做"),
    ("Remove marker", "去掉标记"),
    ("Rendering preview…", "正在生成预览…"),
    ("Rename lane", "重命名泳道"),
    ("Rename stage", "重命名阶段"),
    ("Restore", "恢复"),
    ("Restore unsaved work?", "恢复未保存的内容？"),
    (
        "Restored unsaved work: save it to keep it.",
        "已恢复未保存的内容：请保存以免丢失。",
    ),
    ("Review notes", "评审批注"),
    ("Rework loops", "返工循环"),
    (
        "Samples open as untitled copies: Save as to keep your changes.",
        "示例以未命名副本打开：如需保留修改请另存为。",
    ),
    ("Save", "保存"),
    ("Save as", "另存为"),
    ("Save as…", "另存为…"),
    ("Save the changes to", "是否保存对以下文件的修改："),
    ("Saved", "已保存"),
    ("Scale", "缩放倍数"),
    ("Scenario", "场景"),
    ("Select a step first.", "请先选择一个步骤。"),
    ("Select all", "全选"),
    ("Select the whole path", "选中整条路径"),
    ("Service standard / KPI", "服务标准 / KPI"),
    ("Share of lead time spent waiting", "等待占总用时比例"),
    ("Show on the blueprint", "在蓝图上显示"),
    ("Size", "尺寸"),
    ("Stage", "阶段"),
    ("Stages", "阶段"),
    ("Step", "步骤"),
    ("Steps", "步骤"),
    ("Steps in the backstage lane", "后台泳道的步骤"),
    ("Steps in the customer lane", "客户行为泳道的步骤"),
    ("Steps in the evidence lane", "有形展示泳道的步骤"),
    ("Steps in the frontstage lane", "前台泳道的步骤"),
    ("Steps in the support lane", "支持流程泳道的步骤"),
    ("Steps with no flow", "没有流程线的步骤"),
    ("Stop comparing", "停止对比"),
    (
        "Switch highlights on in the analysis panel first.",
        "请先在分析面板中打开标注。",
    ),
    ("Text on the canvas", "画布上的文字"),
    (
        "The analysis of this blueprint appears here.",
        "此处显示蓝图的分析结果。",
    ),
    (
        "The clipboard holds no Blueprint Studio steps.",
        "剪贴板里没有 Blueprint Studio 的步骤。",
    ),
    (
        "The five standard lanes define the three lines; they can be renamed, not deleted.",
        "五条标准泳道决定了三条线，只能改名，不能删除。",
    ),
    (
        "The system file dialog is not available here (no desktop portal). Type the path instead.",
        "此处无法打开系统文件对话框（没有桌面门户服务），请直接输入路径。",
    ),
    ("Text", "文字"),
    ("Slides", "幻灯片"),
    (
        "Deck: an overview, then the stages a few at a time",
        "整套幻灯片：先总览，再分阶段展示",
    ),
    ("Smallest text", "最小字号"),
    ("smallest text", "最小字号"),
    ("Handouts", "讲义"),
    (
        "A page of talking points after each slide",
        "每页幻灯片后附一页讲解要点",
    ),
    ("This blueprint has no stages to present.", "这张蓝图没有阶段可以演示。"),
    ("The export stopped unexpectedly:", "导出意外中止："),
    ("Title", "标题"),
    ("To-be", "未来"),
    ("Transparent", "透明"),
    ("Two-way", "双向"),
    ("Type a title, Enter to finish", "输入标题，按回车完成"),
    ("Undo", "撤销"),
    ("Undone", "已撤销"),
    ("Unsaved changes", "未保存的修改"),
    ("Untitled", "未命名"),
    ("Use a file name ending in", "请使用以下扩展名："),
    ("Value", "价值"),
    ("Value-adding", "增值"),
    ("Value-adding share", "增值时间占比"),
    ("View", "视图"),
    ("Wait before", "等待时间"),
    ("Wait point", "等待点"),
    ("Wait points", "等待点"),
    ("Waiting", "等待时间"),
    ("Waste", "浪费"),
    ("What do we know about it?", "我们对它了解多少？"),
    ("Where the customer waits", "客户等待之处"),
    ("White", "白色"),
    ("You can undo this.", "此操作可以撤销。"),
    (
        "Your changes are lost if you do not save them.",
        "如果不保存，修改将会丢失。",
    ),
    ("Zoom in", "放大"),
    ("Zoom out", "缩小"),
    ("Zoom to fit", "适合窗口"),
    ("added", "新增"),
    ("changed", "修改"),
    ("flow", "条流程线"),
    ("flows", "条流程线"),
    ("marker", "个标记"),
    ("markers", "个标记"),
    ("never saved", "从未保存"),
    ("removed", "删除"),
    ("sample", "示例"),
    ("selected", "已选"),
    ("severity", "严重度"),
    ("Rate this marker", "为此标记评定严重度"),
    ("standard", "标准"),
    ("step", "个步骤"),
    ("steps", "个步骤"),
    ("steps selected", "个步骤已选中"),
    ("steps that are deleted with it:", "将一并删除的步骤数："),
    ("value-adding", "增值"),
    ("value-adding not classified", "增值时间未分类"),
    ("evidence item", "项有形展示"),
    ("evidence items", "项有形展示"),
    ("waiting", "等待"),
    ("中文 / English", "中文 / English"),
    // The open file: broken references, changes on disk.
    ("Open anyway", "仍然打开"),
    (
        "The file reads fine, but some parts refer to things that are not there or hold impossible values.",
        "文件本身可以读取，但有些部分引用了不存在的内容，或者含有不可能的值。",
    ),
    (
        "Open anyway keeps what is valid and leaves the rest out. The file on disk stays as it is until you save; saving keeps the original as a backup.",
        "“仍然打开”会保留有效的部分，略去其余部分。保存之前，磁盘上的文件保持原样；保存时，原文件会留作备份。",
    ),
    ("Opened with parts left out", "已打开，部分内容被略去"),
    ("These were left out or cleaned up:", "以下内容被略去或清理："),
    (
        "Save to keep a clean copy; the original file is kept next to it as a backup.",
        "保存即可得到一份干净的文件；原文件会作为备份留在旁边。",
    ),
    (
        "some parts were left out: save to keep a clean copy",
        "部分内容被略去：保存即可得到干净的文件",
    ),
    ("the original is kept as", "原文件保留为"),
    ("Changed on disk", "文件在磁盘上已更改"),
    ("“{name}” has changed on disk.", "“{name}”在磁盘上已被更改。"),
    (
        "You have unsaved changes. Take theirs loads the file from disk and your changes are lost; Keep mine goes on with yours, and saving asks before it replaces theirs.",
        "你有未保存的修改。“采用磁盘上的”会载入磁盘上的文件，你的修改将丢失；“保留我的”继续使用你的版本，保存时会先询问再覆盖磁盘上的版本。",
    ),
    ("Reload to see the version on disk.", "重新载入即可看到磁盘上的版本。"),
    ("Reload", "重新载入"),
    ("Ignore", "忽略"),
    ("Keep mine", "保留我的"),
    ("Take theirs", "采用磁盘上的"),
    ("Save over the changes on disk?", "覆盖磁盘上的更改？"),
    (
        "“{name}” has changed on disk since it was opened or saved. Saving replaces that version with yours.",
        "“{name}”自打开或上次保存以来已在磁盘上被更改。保存会用你的版本替换它。",
    ),
    ("Save anyway", "仍然保存"),
    ("Replace the file?", "替换文件？"),
    (
        "“{name}” already exists. Replacing it overwrites what is in it.",
        "“{name}”已存在。替换会覆盖其中的内容。",
    ),
    ("Replace", "替换"),
    ("Preparing the slides…", "正在准备幻灯片…"),
    (
        "Steps are written as a table: choose a name ending in .csv.",
        "步骤表以表格形式导出：请使用以 .csv 结尾的文件名。",
    ),
    ("Change emotion", "修改情绪"),
    ("Import steps…", "导入步骤表…"),
    ("Export steps…", "导出步骤表…"),
    ("Import steps", "导入步骤表"),
    ("Export steps", "导出步骤表"),
    ("Steps table", "步骤表"),
    ("Imported steps", "导入的步骤"),
    ("Imported", "已导入"),
    ("columns not read:", "未读取的列："),
    ("no header", "无表头"),
    ("Exported steps to", "步骤表已导出到"),
    ("Cannot import the table", "无法导入步骤表"),
    ("Cannot export the steps", "无法导出步骤表"),
];

/// `n` things in `lang`: `one` names one of them and `many` several, in English.
pub fn count(lang: Lang, n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", tr(lang, if n == 1 { one } else { many }))
}

/// `english` in `lang` (English itself when no translation is known).
pub fn tr(lang: Lang, english: &str) -> &str {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    match lang {
        Lang::En => english,
        Lang::Zh => TABLE
            .get_or_init(|| ZH.iter().copied().collect())
            .get(english)
            .copied()
            .unwrap_or(english),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Dialog};

    /// Every `tr(…, "text")` in the app's sources, every action label and dialog heading.
    fn used_texts() -> Vec<String> {
        let mut texts = Vec::new();
        for entry in std::fs::read_dir("src/app").expect("sources") {
            let path = entry.expect("entry").path();
            if path.ends_with("texts.rs") {
                continue;
            }
            let source = std::fs::read_to_string(path).expect("read");
            for (i, _) in source.match_indices("tr(") {
                let rest = &source[i + 3..];
                let Some(quote) = rest.find('"') else {
                    continue;
                };
                // Status messages name their English text alone: `StatusText::tr("…")`.
                if let Some(literal) = rest.strip_prefix('"')
                    && let Some(end) = literal.find('"')
                {
                    texts.push(literal[..end].to_owned());
                    continue;
                }
                // Only literal texts: `tr(lang, "…")`.
                if rest[..quote].contains(')') || !rest[..quote].trim_end().ends_with(',') {
                    continue;
                }
                if let Some(end) = rest[quote + 1..].find('"') {
                    texts.push(rest[quote + 1..quote + 1 + end].to_owned());
                }
            }
        }
        texts.extend(Action::ALL.iter().map(|a| a.label().to_owned()));
        let headings = [
            Dialog::Unsaved {
                then: crate::app::dialogs::Pending::New,
            },
            Dialog::Restore(Vec::new()),
            Dialog::Repaired { dropped: Vec::new() },
            Dialog::ChangedOnDisk {
                seen: Default::default(),
            },
            Dialog::ConfirmOverwrite { then: None },
        ];
        texts.extend(headings.iter().map(|d| d.heading().to_owned()));
        // Texts the analysis makes: metric labels, shown translated in the panel (its caveats
        // are translated by the analysis itself, `analysis::caveat`).
        let open = |p: &str| crate::file::open(std::path::Path::new(p)).expect("sample");
        let comparison = crate::analysis::compare(
            &open("samples/en/bank-loan.ron"),
            &open("samples/en/bank-loan-to-be.ron"),
        );
        texts.extend(comparison.metrics.iter().map(|m| m.label.clone()));
        texts.extend(
            [
                "Gone in the other version",
                "New in the other version",
                "New in this version",
                "Gone since the other version",
                "Changed",
                "Wait before",
                "Service standard / KPI",
                "Steps with no flow",
                "Customer steps without evidence",
                "Fail points without an owner",
                "Duplicate flows",
            ]
            .map(String::from),
        );
        texts
    }

    #[test]
    fn every_ui_text_has_a_chinese_translation() {
        let missing: Vec<String> = used_texts()
            .into_iter()
            .filter(|t| tr(Lang::Zh, t) == t && t != "中文 / English")
            .collect();
        assert!(missing.is_empty(), "no Chinese for: {missing:#?}");
        assert_eq!(tr(Lang::Zh, "File"), "文件");
        assert_eq!(tr(Lang::En, "File"), "File");
    }

    #[test]
    fn the_translation_table_has_no_duplicates() {
        let mut keys: Vec<&str> = ZH.iter().map(|(en, _)| *en).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len());
    }
}
