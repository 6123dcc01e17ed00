//! The blueprint a new document starts from.

use super::blueprint::Blueprint;
use super::ids::StageId;
use super::lane::Stage;
use crate::i18n::Lang;

/// The five standard lanes and five stages (awareness, evaluation, purchase, use, loyalty),
/// named in `lang`.
pub fn template(lang: Lang) -> Blueprint {
    let (title, lanes, stages) = match lang {
        Lang::En => (
            "Untitled service",
            [
                "Physical evidence",
                "Customer actions",
                "Frontstage",
                "Backstage",
                "Support processes",
            ],
            ["Awareness", "Evaluation", "Purchase", "Use", "Loyalty"],
        ),
        Lang::Zh => (
            "未命名服务",
            ["有形展示", "客户行为", "前台行为", "后台行为", "支持流程"],
            ["认知", "评估", "购买", "使用", "忠诚"],
        ),
    };
    let mut blueprint = Blueprint::with_standard_lanes(title, lanes);
    let ids = ["awareness", "evaluation", "purchase", "use", "loyalty"];
    blueprint.stages = ids
        .iter()
        .zip(stages)
        .map(|(&id, name)| Stage {
            id: StageId::from(id),
            name: name.to_owned(),
        })
        .collect();
    blueprint
}
