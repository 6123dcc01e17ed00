//! Every user command with its label and shortcut. Menus, toolbar buttons, shortcuts and
//! context menus only queue these; one place runs them.

use super::dialogs::{PathPurpose, Pending};
use super::recovery::Recovered;
use crate::file::{DiskStamp, Repaired};
use crate::model::{FlowId, LaneId, MarkerKind, StageId, StepId};
use egui::{Key, KeyboardShortcut, Modifiers};

/// A command the user can give from a menu, a button or a shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// New blueprint from the template.
    New,
    /// Open a file.
    Open,
    /// Save to the current file.
    Save,
    /// Save under a new name.
    SaveAs,
    /// The export dialog.
    Export,
    /// Build a new blueprint from a steps table (.csv, .xlsx).
    ImportSteps,
    /// Write the steps as a table (.csv).
    ExportSteps,
    /// Copy the blueprint as a PNG image to the clipboard.
    CopyImage,
    /// Close the window.
    Quit,
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Copy the selection (as RON) and delete it.
    Cut,
    /// Copy the selection as RON.
    Copy,
    /// Paste steps copied as RON.
    Paste,
    /// Duplicate the selected steps.
    Duplicate,
    /// Delete the selection.
    Delete,
    /// Select every step.
    SelectAll,
    /// Add a step (in the selected step's cell, or the first stage).
    AddStep,
    /// Add the next step after the selected one, in the same lane, joined by a flow.
    AddNextStep,
    /// Edit the selected step's title in place.
    EditTitle,
    /// Put a marker on the selected steps.
    AddMarker(MarkerKind),
    /// Switch the selected flow between one-way and two-way.
    ToggleTwoWay,
    /// Zoom in.
    ZoomIn,
    /// Zoom out.
    ZoomOut,
    /// Fit the whole blueprint in the window.
    ZoomFit,
    /// Move the selection one stage left.
    NudgeLeft,
    /// Move the selection one stage right.
    NudgeRight,
    /// Move the selection one lane up.
    NudgeUp,
    /// Move the selection one lane down.
    NudgeDown,
    /// Show or hide the analysis panel.
    ToggleAnalysis,
    /// Show or hide the inspector, for more room for the drawing.
    ToggleInspector,
    /// Present the blueprint's deck full screen.
    Present,
    /// Switch between English and Chinese.
    ToggleLanguage,
    /// Switch between the light and dark theme.
    ToggleTheme,
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

impl Action {
    /// Every action with a fixed meaning, for menus and the shortcut table.
    pub const ALL: [Action; 38] = [
        Action::New,
        Action::Open,
        Action::Save,
        Action::SaveAs,
        Action::Export,
        Action::ImportSteps,
        Action::ExportSteps,
        Action::CopyImage,
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::Cut,
        Action::Copy,
        Action::Paste,
        Action::Duplicate,
        Action::Delete,
        Action::SelectAll,
        Action::AddStep,
        Action::AddNextStep,
        Action::EditTitle,
        Action::AddMarker(MarkerKind::PainPoint),
        Action::AddMarker(MarkerKind::FailPoint),
        Action::AddMarker(MarkerKind::WaitPoint),
        Action::AddMarker(MarkerKind::MomentOfTruth),
        Action::AddMarker(MarkerKind::Opportunity),
        Action::ToggleTwoWay,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::ZoomFit,
        Action::NudgeLeft,
        Action::NudgeRight,
        Action::NudgeUp,
        Action::NudgeDown,
        Action::ToggleAnalysis,
        Action::ToggleInspector,
        Action::Present,
        Action::ToggleLanguage,
        Action::ToggleTheme,
    ];

    /// The English label; the UI translates it.
    pub fn label(self) -> &'static str {
        match self {
            Action::New => "New",
            Action::Open => "Open…",
            Action::Save => "Save",
            Action::SaveAs => "Save as…",
            Action::Export => "Export…",
            Action::ImportSteps => "Import steps…",
            Action::ExportSteps => "Export steps…",
            Action::CopyImage => "Copy as image",
            Action::Quit => "Quit",
            Action::Undo => "Undo",
            Action::Redo => "Redo",
            Action::Cut => "Cut",
            Action::Copy => "Copy",
            Action::Paste => "Paste",
            Action::Duplicate => "Duplicate",
            Action::Delete => "Delete",
            Action::SelectAll => "Select all",
            Action::AddStep => "Add step",
            Action::AddNextStep => "Add next step",
            Action::EditTitle => "Edit title",
            Action::AddMarker(MarkerKind::PainPoint) => "Pain point",
            Action::AddMarker(MarkerKind::FailPoint) => "Fail point",
            Action::AddMarker(MarkerKind::WaitPoint) => "Wait point",
            Action::AddMarker(MarkerKind::MomentOfTruth) => "Moment of truth",
            Action::AddMarker(MarkerKind::Opportunity) => "Opportunity",
            Action::ToggleTwoWay => "One-way / two-way",
            Action::ZoomIn => "Zoom in",
            Action::ZoomOut => "Zoom out",
            Action::ZoomFit => "Zoom to fit",
            Action::NudgeLeft => "Move to previous stage",
            Action::NudgeRight => "Move to next stage",
            Action::NudgeUp => "Move to lane above",
            Action::NudgeDown => "Move to lane below",
            Action::ToggleAnalysis => "Analysis panel",
            Action::ToggleInspector => "Inspector",
            Action::Present => "Present",
            Action::ToggleLanguage => "中文 / English",
            Action::ToggleTheme => "Dark theme",
        }
    }

    /// The keyboard shortcut, if any. Copy, cut and paste arrive as clipboard events instead,
    /// but are listed so menus show them.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        Some(match self {
            Action::New => ctrl(Key::N),
            Action::Open => ctrl(Key::O),
            Action::Save => ctrl(Key::S),
            Action::SaveAs => ctrl_shift(Key::S),
            Action::Export => ctrl(Key::E),
            Action::CopyImage => ctrl_shift(Key::C),
            Action::Quit => ctrl(Key::Q),
            Action::Undo => ctrl(Key::Z),
            Action::Redo => ctrl_shift(Key::Z),
            Action::Cut => ctrl(Key::X),
            Action::Copy => ctrl(Key::C),
            Action::Paste => ctrl(Key::V),
            Action::Duplicate => ctrl(Key::D),
            Action::Delete => plain(Key::Delete),
            Action::SelectAll => ctrl(Key::A),
            Action::AddNextStep => plain(Key::Tab),
            Action::EditTitle => plain(Key::F2),
            Action::AddMarker(MarkerKind::PainPoint) => plain(Key::P),
            Action::AddMarker(MarkerKind::FailPoint) => plain(Key::F),
            Action::AddMarker(MarkerKind::WaitPoint) => plain(Key::W),
            Action::AddMarker(MarkerKind::MomentOfTruth) => plain(Key::M),
            Action::AddMarker(MarkerKind::Opportunity) => plain(Key::O),
            Action::ToggleTwoWay => plain(Key::T),
            Action::ZoomIn => ctrl(Key::Equals),
            Action::ZoomOut => ctrl(Key::Minus),
            Action::ZoomFit => ctrl(Key::Num0),
            Action::NudgeLeft => plain(Key::ArrowLeft),
            Action::NudgeRight => plain(Key::ArrowRight),
            Action::NudgeUp => plain(Key::ArrowUp),
            Action::NudgeDown => plain(Key::ArrowDown),
            Action::ToggleAnalysis => plain(Key::F9),
            Action::ToggleInspector => plain(Key::F8),
            Action::Present => plain(Key::F5),
            Action::AddStep
            | Action::ToggleLanguage
            | Action::ToggleTheme
            | Action::ImportSteps
            | Action::ExportSteps => return None,
        })
    }

    /// Other keys that do the same (Ctrl+Y for redo, Backspace for delete, Ctrl++ for zoom in).
    pub fn alternative_shortcuts(self) -> &'static [KeyboardShortcut] {
        const REDO: [KeyboardShortcut; 1] = [ctrl(Key::Y)];
        const DELETE: [KeyboardShortcut; 1] = [plain(Key::Backspace)];
        const ZOOM_IN: [KeyboardShortcut; 1] = [ctrl(Key::Plus)];
        const EDIT: [KeyboardShortcut; 1] = [plain(Key::Enter)];
        match self {
            Action::Redo => &REDO,
            Action::Delete => &DELETE,
            Action::ZoomIn => &ZOOM_IN,
            Action::EditTitle => &EDIT,
            _ => &[],
        }
    }

    /// Whether `event` is the key of an action that opens a text editor on the canvas (Tab,
    /// F2, Enter): what is typed after it is for that editor, not for shortcuts.
    pub fn opens_editor(event: &egui::Event) -> bool {
        let egui::Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } = event
        else {
            return false;
        };
        [Action::AddNextStep, Action::EditTitle]
            .into_iter()
            .flat_map(|a| {
                a.shortcut()
                    .into_iter()
                    .chain(a.alternative_shortcuts().iter().copied())
            })
            .any(|s| s.logical_key == *key && modifiers.matches_logically(s.modifiers))
    }

    /// Whether the shortcut is a bare key, which only applies when no text field has focus.
    pub fn is_bare_key(self) -> bool {
        self.shortcut().is_some_and(|s| s.modifiers.is_none())
    }

    /// Whether egui turns the shortcut into a clipboard event rather than a key press.
    pub fn is_clipboard(self) -> bool {
        matches!(self, Action::Cut | Action::Copy | Action::Paste)
    }
}

/// Anything the UI asks for: an [`Action`] or a change with its own data.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A fixed action.
    Action(Action),
    /// Add a step in a cell at a slot and start editing its title.
    AddStepAt {
        /// Lane.
        lane: LaneId,
        /// Stage.
        stage: StageId,
        /// Position among the cell's cards.
        slot: usize,
    },
    /// Move steps as the first of them moves to a cell: the others keep their places relative
    /// to it.
    MoveSteps {
        /// Which, the card taken hold of first.
        ids: Vec<StepId>,
        /// The first one's target lane.
        lane: LaneId,
        /// The first one's target stage.
        stage: StageId,
        /// Its position among the cards that stay there.
        slot: usize,
    },
    /// Join two steps with a flow.
    Connect {
        /// From.
        from: StepId,
        /// To.
        to: StepId,
    },
    /// Move a stage to a new position.
    MoveStage {
        /// Which.
        id: StageId,
        /// New index.
        to: usize,
    },
    /// Add a stage at an index.
    AddStage(usize),
    /// Remove a stage (asks first when it holds steps).
    RemoveStage(StageId),
    /// Add a custom lane at an index.
    AddLane(usize),
    /// Remove a custom lane (asks first when it holds steps).
    RemoveLane(LaneId),
    /// Start renaming a stage in place.
    RenameStage(StageId),
    /// Start renaming a lane in place.
    RenameLane(LaneId),
    /// Start editing a flow's label in place.
    EditFlowLabel(FlowId),
    /// Put a marker on a stage.
    AddStageMarker(StageId, MarkerKind),
    /// Open a file (from recent files, a dropped file or the path field).
    OpenPath(std::path::PathBuf),
    /// Open a bundled sample.
    OpenSample(usize),
    /// Compare the open blueprint with a bundled sample (its other version).
    CompareWithSample(usize),
    /// Compare the open blueprint with a file.
    CompareWithFile(std::path::PathBuf),
    /// Apply an edit built by a panel (inspector, in-place text).
    Apply {
        /// The edit.
        edit: crate::edit::Edit,
        /// Undo label.
        label: &'static str,
    },
    /// Apply an edit that joins the previous one while the user keeps typing in one field.
    Typing {
        /// The edit.
        edit: crate::edit::Edit,
        /// Undo label.
        label: &'static str,
        /// The field, e.g. `title:s3`.
        key: String,
    },
    /// Select these steps (from the analysis panel).
    Select(Vec<StepId>),
    /// Take back a step just added whose title was never typed, leaving no undo step.
    DiscardNewStep(StepId),
    /// Ask for a blueprint to compare with (analysis panel).
    PickComparison,
    /// Stop comparing (analysis panel).
    StopComparing,
    /// Ask where to write the comparison slide (analysis panel).
    ExportComparison,
    /// Unsaved changes: save, then go on with what was waiting.
    SaveThen(Pending),
    /// Unsaved changes: drop them and go on with what was waiting.
    DiscardThen(Pending),
    /// Delete a stage with its steps, confirmed.
    DeleteStage(StageId),
    /// Delete a custom lane with its steps, confirmed.
    DeleteLane(LaneId),
    /// Open work a crash left behind.
    Restore(Recovered),
    /// Forget work a crash left behind.
    DiscardRecovered(Recovered),
    /// Open what a repair of a broken file kept.
    OpenRepaired(std::path::PathBuf, Repaired),
    /// The file changed on disk: go on with ours and ask no more about that version.
    KeepMine(DiskStamp),
    /// The file changed on disk: load that version.
    Reload(DiskStamp),
    /// Save over a version on disk that changed, then go on with what was waiting.
    SaveOver(Option<Pending>),
    /// A path typed or picked for a purpose.
    PathChosen(PathPurpose, std::path::PathBuf),
    /// The path prompt was cancelled: nothing waits on a save any more.
    CancelPath,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_actions_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, Action)> = Vec::new();
        for action in Action::ALL {
            let keys = action
                .shortcut()
                .into_iter()
                .chain(action.alternative_shortcuts().iter().copied());
            for key in keys {
                if let Some((_, other)) = seen.iter().find(|(k, a)| *k == key && *a != action) {
                    panic!("{action:?} and {other:?} share {key:?}");
                }
                seen.push((key, action));
            }
        }
    }
}
