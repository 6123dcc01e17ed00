//! The sample blueprints, built into the program so "Open sample" works anywhere.

use crate::i18n::Lang;

/// One bundled sample.
pub struct Sample {
    /// File name under `samples/<lang>/`.
    pub file: &'static str,
    /// Language it is written in.
    pub lang: Lang,
    /// The RON text.
    pub text: &'static str,
}

/// Every sample, English first.
pub const SAMPLES: [Sample; 18] = [
    Sample {
        file: "bank-loan-to-be.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/bank-loan-to-be.ron"),
    },
    Sample {
        file: "bank-loan.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/bank-loan.ron"),
    },
    Sample {
        file: "clinic-visit-to-be.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/clinic-visit-to-be.ron"),
    },
    Sample {
        file: "clinic-visit.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/clinic-visit.ron"),
    },
    Sample {
        file: "coffee-shop.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/coffee-shop.ron"),
    },
    Sample {
        file: "complaint-handling.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/complaint-handling.ron"),
    },
    Sample {
        file: "employee-onboarding.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/employee-onboarding.ron"),
    },
    Sample {
        file: "retail-checkout.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/retail-checkout.ron"),
    },
    Sample {
        file: "telecom-plan-change.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/telecom-plan-change.ron"),
    },
    Sample {
        file: "bank-loan-to-be.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/bank-loan-to-be.ron"),
    },
    Sample {
        file: "bank-loan.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/bank-loan.ron"),
    },
    Sample {
        file: "clinic-visit-to-be.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/clinic-visit-to-be.ron"),
    },
    Sample {
        file: "clinic-visit.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/clinic-visit.ron"),
    },
    Sample {
        file: "coffee-shop.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/coffee-shop.ron"),
    },
    Sample {
        file: "complaint-handling.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/complaint-handling.ron"),
    },
    Sample {
        file: "employee-onboarding.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/employee-onboarding.ron"),
    },
    Sample {
        file: "retail-checkout.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/retail-checkout.ron"),
    },
    Sample {
        file: "telecom-plan-change.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/telecom-plan-change.ron"),
    },
];

impl Sample {
    /// The sample's title, read from its text.
    pub fn title(&self) -> String {
        crate::file::parse(self.text)
            .map(|b| b.title)
            .unwrap_or_else(|_| self.file.to_owned())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_bundled_sample_parses_and_matches_its_file() {
        for sample in &super::SAMPLES {
            let dir = match sample.lang {
                crate::i18n::Lang::En => "en",
                crate::i18n::Lang::Zh => "zh",
            };
            let on_disk = std::fs::read_to_string(format!("samples/{dir}/{}", sample.file)).expect("sample file");
            assert_eq!(on_disk, sample.text);
            assert!(crate::file::parse(sample.text).is_ok(), "{}", sample.file);
        }
        let on_disk = std::fs::read_dir("samples/en").expect("dir").count()
            + std::fs::read_dir("samples/zh").expect("dir").count();
        assert_eq!(on_disk, super::SAMPLES.len(), "every sample file is bundled");
    }
}
