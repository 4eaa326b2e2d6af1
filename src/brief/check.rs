//! `brief check`: the rules of "Checks that always hold" in the format.

/// Stub until the checker lands.
pub struct CheckReport {
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn summary(&self) -> String {
        String::new()
    }
}

pub fn check_dir(_dir: &std::path::Path) -> CheckReport {
    CheckReport {
        problems: Vec::new(),
    }
}
