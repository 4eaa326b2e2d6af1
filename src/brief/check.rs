//! `brief check`: the rules of "Checks that always hold" in the format.
