//! Text → Brief, as a pipeline of small passes: decode, clean, scan, outline,
//! measures, figures, themes, meta.

pub mod clean;
pub mod markers;
pub mod outline;
pub mod scan;
pub mod decode;
pub mod figures;
