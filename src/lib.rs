//! Blueprint Studio: a desktop editor for service blueprints.
//!
//! Data flows one way (DESIGN.md §2): [`file`] ⇄ [`model`] → [`layout`] → [`scene`] → canvas,
//! PNG, SVG and PDF ([`export`]).

pub mod analysis;
pub mod app;
pub mod cli;
pub mod edit;
pub mod export;
pub mod file;
pub mod generate;
pub mod geom;
pub mod i18n;
pub mod layout;
pub mod model;
pub mod samples;
pub mod scene;
pub mod style;
pub mod table;
pub mod text;

/// The allocator for every binary built on this crate (editor, benches, tests): see
/// docs/PERFORMANCE.md for why it is not glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
