//! Talking points: the measures, figures and paragraphs a user collects from briefs
//! for a meeting, kept in `talking-points.yaml` (BRIEFS.md), saved atomically on every
//! change, followed back into the briefs to flag the ones a later conversion changed,
//! and exported as Markdown. No terminal code here; the viewer's points screen and
//! `brief points` both build on it.

pub mod clipboard;
pub mod clock;
pub mod export;
pub mod model;
pub mod read;
pub mod resolve;
pub mod store;

pub use clipboard::osc52;
pub use export::{ExportOptions, GroupBy, Language, export_markdown};
pub use model::{Point, Target, point_for};
pub use resolve::{Missing, Resolved, Stale, resolve};
pub use store::{Mode, Notice, NoticeKind, SaveError, Store, default_path};
