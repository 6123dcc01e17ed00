//! The blueprint as plain data: ids, lanes, stages, steps, flows, markers, notes, and their
//! invariants. No egui types and no I/O here.

mod blueprint;
mod control;
mod flow;
mod ids;
mod index;
mod lane;
mod marker;
mod repair;
mod step;
mod template;
mod validate;

pub use blueprint::{Blueprint, ServiceState};
pub use control::{ControlChars, control_chars, is_stray_control, strip_control_chars};
pub use flow::Flow;
pub use ids::{FlowId, FreshIds, LaneId, MarkerId, NoteId, StageId, StepId, fresh_id};
pub use index::Index;
pub use lane::{Lane, LaneKind, Line, Stage};
pub use marker::{DEFAULT_SEVERITY, Marker, MarkerKind, MarkerTarget, NoteTarget, ReviewNote, SEVERITY_RANGE};
pub use repair::{Dropped, repair};
pub use step::{Basis, Step, ValueClass};
pub use template::template;
pub use validate::{MAX_MINUTES, Problem, duplicate_flows, validate, warnings};
