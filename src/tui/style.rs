//! Colours and emphasis. Only the 16 basic colours, so it looks the same over ssh and
//! in any terminal; with `NO_COLOR` (or `--no-color`) no colour at all, and what
//! colour marked stays visible through bold, underline and the `>` marker.

use crate::brief::Status;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub color: bool,
}

impl Palette {
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn heading(self, depth: usize) -> Style {
        let style = self.fg(if depth <= 1 { Color::Cyan } else { Color::Blue });
        if depth <= 2 {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        }
    }

    pub fn status(self, status: Status) -> Style {
        self.fg(match status {
            Status::Done => Color::Green,
            Status::Planned => Color::Yellow,
            Status::Ongoing => Color::Magenta,
        })
        .add_modifier(Modifier::BOLD)
    }

    pub fn figure(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn target(self) -> Style {
        self.fg(Color::LightRed)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn search_match(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The selected row: reversed, and (drawn by the views) a `>` marker, so it
    /// stays visible where reverse video is lost.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    /// An active filter.
    pub fn chip(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// A talking point whose brief changed or is gone.
    pub fn stale(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn focused_border(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}
