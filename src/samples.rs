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
pub const SAMPLES: [Sample; 40] = [
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
        file: "employee-onboarding-to-be.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/employee-onboarding-to-be.ron"),
    },
    Sample {
        file: "employee-onboarding.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/employee-onboarding.ron"),
    },
    Sample {
        file: "field-service-to-be.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/field-service-to-be.ron"),
    },
    Sample {
        file: "field-service.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/field-service.ron"),
    },
    Sample {
        file: "insurance-enquiry-to-be.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/insurance-enquiry-to-be.ron"),
    },
    Sample {
        file: "insurance-enquiry.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/insurance-enquiry.ron"),
    },
    Sample {
        file: "order-delivery-to-be.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/order-delivery-to-be.ron"),
    },
    Sample {
        file: "order-delivery.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/order-delivery.ron"),
    },
    Sample {
        file: "retail-checkout-to-be.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/retail-checkout-to-be.ron"),
    },
    Sample {
        file: "retail-checkout.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/retail-checkout.ron"),
    },
    Sample {
        file: "store-promotion-to-be.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/store-promotion-to-be.ron"),
    },
    Sample {
        file: "store-promotion.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/store-promotion.ron"),
    },
    Sample {
        file: "telecom-plan-change-to-be.ron",
        lang: Lang::En,
        text: include_str!("../samples/en/telecom-plan-change-to-be.ron"),
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
        file: "employee-onboarding-to-be.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/employee-onboarding-to-be.ron"),
    },
    Sample {
        file: "employee-onboarding.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/employee-onboarding.ron"),
    },
    Sample {
        file: "field-service-to-be.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/field-service-to-be.ron"),
    },
    Sample {
        file: "field-service.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/field-service.ron"),
    },
    Sample {
        file: "insurance-enquiry-to-be.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/insurance-enquiry-to-be.ron"),
    },
    Sample {
        file: "insurance-enquiry.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/insurance-enquiry.ron"),
    },
    Sample {
        file: "order-delivery-to-be.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/order-delivery-to-be.ron"),
    },
    Sample {
        file: "order-delivery.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/order-delivery.ron"),
    },
    Sample {
        file: "retail-checkout-to-be.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/retail-checkout-to-be.ron"),
    },
    Sample {
        file: "retail-checkout.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/retail-checkout.ron"),
    },
    Sample {
        file: "store-promotion-to-be.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/store-promotion-to-be.ron"),
    },
    Sample {
        file: "store-promotion.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/store-promotion.ron"),
    },
    Sample {
        file: "telecom-plan-change-to-be.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/telecom-plan-change-to-be.ron"),
    },
    Sample {
        file: "telecom-plan-change.ron",
        lang: Lang::Zh,
        text: include_str!("../samples/zh/telecom-plan-change.ron"),
    },
];

impl Sample {
    /// The sample's title, read from its text once: menus ask for every title each frame.
    pub fn title(&self) -> &'static str {
        static TITLES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        let titles = TITLES.get_or_init(|| {
            SAMPLES
                .iter()
                .map(|s| crate::file::parse(s.text).map_or_else(|_| s.file.to_owned(), |b| b.title))
                .collect()
        });
        SAMPLES
            .iter()
            .position(|s| s.file == self.file && s.lang == self.lang)
            .map_or(self.file, |i| titles[i].as_str())
    }
}

/// The other version of sample `index`: `NAME.ron` and `NAME-to-be.ron` in one language.
pub fn pair_of(index: usize) -> Option<usize> {
    let sample = SAMPLES.get(index)?;
    let stem = sample.file.strip_suffix(".ron")?;
    let other = match stem.strip_suffix("-to-be") {
        Some(as_is) => format!("{as_is}.ron"),
        None => format!("{stem}-to-be.ron"),
    };
    SAMPLES.iter().position(|s| s.lang == sample.lang && s.file == other)
}

/// Whether sample `index` is the to-be version of a pair.
pub fn is_to_be(index: usize) -> bool {
    SAMPLES.get(index).is_some_and(|s| s.file.ends_with("-to-be.ron"))
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

    #[test]
    fn each_to_be_sample_pairs_with_its_as_is_version_in_its_language() {
        for (i, sample) in super::SAMPLES.iter().enumerate() {
            let pair = super::pair_of(i);
            if super::is_to_be(i) {
                let j = pair.unwrap_or_else(|| panic!("{} has an as-is version", sample.file));
                assert_eq!(super::pair_of(j), Some(i));
                assert_eq!(super::SAMPLES[j].lang, sample.lang);
            } else if let Some(j) = pair {
                assert!(super::is_to_be(j), "{}", sample.file);
            }
        }
        let en = |file: &str| {
            super::SAMPLES
                .iter()
                .position(|s| s.file == file && s.lang == crate::i18n::Lang::En)
        };
        assert_eq!(
            super::pair_of(en("bank-loan.ron").expect("sample")),
            en("bank-loan-to-be.ron")
        );
        assert_eq!(super::pair_of(en("coffee-shop.ron").expect("sample")), None);
    }
}
