//! Everything the user can ask the viewer to do. Keys and mouse events become
//! actions (`keymap`), and `App::update` is the only code that carries them out.

/// One request to the viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the viewer (the position is saved).
    Quit,
    /// Close the search prompt or help, or go back one view.
    Back,
    /// Show or hide the list of keys.
    ToggleHelp,
    /// Move the selection or scroll by this many rows (negative: up).
    Move(i32),
    /// Move by this many pages.
    Page(i32),
    /// To the first / last row.
    Top,
    Bottom,
    /// Open what is selected: a brief in the reader, a section in the outline.
    Open,
    /// Switch between the outline and the text, or between columns.
    NextPane,
    PrevPane,
    /// Library: mark or unmark the selected brief for the side-by-side view.
    Mark,
    /// Library: open the marked briefs side by side (or the reader's brief and the next).
    Compare,
    /// Library: sort by the next column.
    CycleSort,
    /// Reader: to the next / previous measure, or figure.
    NextMeasure,
    PrevMeasure,
    NextFigure,
    PrevFigure,
    /// Reader: show the source line of the measure or figure in focus.
    ShowSource,
    /// Side by side: scroll all columns together, or each on its own.
    ToggleSync,
    /// Side by side: every column to its next / previous heading of the same level.
    NextSection,
    PrevSection,
    /// Start typing a search (`/`); in the library, a jump to a matching brief.
    StartSearch,
    /// Search: next / previous match.
    NextMatch,
    PrevMatch,
    /// Search prompt: a typed character, a deleted one, the end of typing.
    Type(char),
    Backspace,
    Submit,
    /// Text input: move the caret, delete the character after it.
    CaretLeft,
    CaretRight,
    CaretHome,
    CaretEnd,
    Delete,
    /// Switch to one of the top-level views (1 library … 5 talking points).
    Tab(u8),
    /// Measures / figures: choose themes, cities, statuses or document kinds.
    PickThemes,
    PickCities,
    PickStatuses,
    PickKinds,
    /// Measures / figures: remove the filter added last, or all of them.
    RemoveFilter,
    ClearFilters,
    /// Measures: save the filters under a name; recall a saved set.
    SaveView,
    RecallView,
    /// Theme lens: the next / previous theme.
    CycleTheme(i32),
    /// Figures: sort the other way round.
    ReverseSort,
    /// Add what is in focus to the talking points (or take it out again).
    AddPoint,
    /// Talking points: move the selected point up or down.
    MovePoint(i32),
    /// Talking points: remove the selected one; bring back the one removed last.
    RemovePoint,
    Undo,
    /// Talking points: write a note on the selected one.
    EditNote,
    /// Talking points: export as Markdown (and copy to the clipboard).
    Export,
    /// The terminal changed size.
    Resize(u16, u16),
    /// Mouse: wheel over the pane at this column and row.
    Scroll {
        column: u16,
        row: u16,
        lines: i32,
    },
    /// Mouse: a click at this column and row.
    Click {
        column: u16,
        row: u16,
    },
}
