//! Loading briefs from YAML with errors that name the file and line.
