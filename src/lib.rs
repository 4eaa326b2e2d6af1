//! `brief`: Chinese city-commerce policy documents turned into structured briefs, and
//! the tools to check and read them. The core (`brief`, `convert`, `themes`) knows
//! nothing of the terminal.

pub mod brief;
pub mod convert;
pub mod points;
pub mod query;
pub mod synth;
pub mod text;
pub mod themes;
pub mod tui;
pub mod util;

/// Conversion allocates many small strings (paragraphs, quotes, metrics); mimalloc
/// serves them markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
