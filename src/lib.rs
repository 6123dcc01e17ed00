//! Blueprint Studio: a desktop editor for service blueprints.
//!
//! Data flows one way (DESIGN.md §2): [`file`] ⇄ [`model`] → [`layout`] → [`scene`] → canvas,
//! PNG and SVG ([`export`]).

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
pub mod text;
