//! A cache of parsed briefs, so that opening a large directory does not parse its YAML
//! again every time. Parsing YAML is the slow part of loading (about 40 MB/s), and a
//! thousand briefs are 130 MB of it; decoding the same briefs from the cache's binary
//! form is many times faster.
//!
//! The cache is keyed by content: each entry is found by the SHA-256 of the brief
//! file's bytes, so an edited file is a miss whatever its modification time says, and
//! a stale entry can never be served. Files are hashed on every load (SHA-256 runs at
//! over 1 GB/s with the CPU's SHA instructions), never trusted by name or date.
//!
//! One pack file per briefs directory (`<cache dir>/<hash of the directory's path>.pack`),
//! read whole at the start of a load and rewritten, atomically, only when the load met a
//! brief the pack lacked or the pack held briefs no longer there. Small directories are
//! not cached (`Cache::min_bytes`): they parse in milliseconds, and a pack per scratch
//! directory would only litter the cache. A pack that is unreadable, truncated,
//! corrupt, or written by another version is ignored, never trusted: the briefs are then
//! parsed from their YAML, as without a cache. Writing a pack that fails (a read-only
//! cache directory) only costs the speed-up.
//!
//! Entries are only written when decoding them gives back exactly the brief that was
//! parsed, so a codec mistake makes the cache slower, never wrong.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub mod codec;

use super::load::{LoadError, parse_brief, text_of};
use super::{Brief, SCHEMA_VERSION};
use crate::util::write_atomically;

/// The first bytes of a pack. Then come the codec's version (bump `codec::VERSION`
/// whenever the encoding or the model, `Brief` and its parts, changes), the schema
/// version, the crate's version, the number of entries, and the entries: the key, the
/// SHA-256 of the encoded brief, its length, and the encoded brief.
const MAGIC: &[u8; 8] = b"BRIEFPK\x02";

/// Directories whose briefs total less than this are not cached by default.
pub const DEFAULT_MIN_BYTES: u64 = 4 * 1024 * 1024;

/// Where packs are kept and when to use them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    pub dir: PathBuf,
    /// Directories whose brief files total fewer bytes are neither read from nor
    /// written to the cache.
    pub min_bytes: u64,
}

impl Cache {
    /// A cache in `dir` that caches every directory, however small (for tests and
    /// benchmarks).
    pub fn in_dir(dir: impl Into<PathBuf>) -> Cache {
        Cache {
            dir: dir.into(),
            min_bytes: 0,
        }
    }

    /// The user's cache: `$BRIEF_CACHE` if set (`off` turns caching off), else
    /// `$XDG_CACHE_HOME/brief`, else `$HOME/.cache/brief`; `None` when there is none.
    pub fn from_env(env: impl Fn(&str) -> Option<String>) -> Option<Cache> {
        let set = |key: &str| env(key).filter(|v| !v.is_empty());
        let dir = match set("BRIEF_CACHE") {
            Some(v) if v == "off" => return None,
            Some(v) => PathBuf::from(v),
            None => match set("XDG_CACHE_HOME") {
                Some(xdg) => PathBuf::from(xdg).join("brief"),
                None => PathBuf::from(set("HOME")?).join(".cache").join("brief"),
            },
        };
        Some(Cache {
            dir,
            min_bytes: DEFAULT_MIN_BYTES,
        })
    }

    /// The pack of the briefs directory `briefs`.
    fn pack_path(&self, briefs: &Path) -> PathBuf {
        let absolute = std::fs::canonicalize(briefs).unwrap_or_else(|_| briefs.to_path_buf());
        let key = crate::util::sha256_hex(absolute.to_string_lossy().as_bytes());
        self.dir.join(format!("{}.pack", &key[..32]))
    }

    /// Starts a load of `briefs` whose brief files total `total_bytes`.
    pub fn session(&self, briefs: &Path, total_bytes: u64) -> Session {
        if total_bytes < self.min_bytes {
            return Session::disabled();
        }
        let path = self.pack_path(briefs);
        let pack = std::fs::read(&path)
            .ok()
            .and_then(Pack::parse)
            .unwrap_or_default();
        Session {
            path: Some(path),
            pack,
            used: Mutex::new(Vec::new()),
        }
    }
}

/// The SHA-256 of a brief file's bytes.
type Key = [u8; 32];

fn digest(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

/// The entries of a pack file, found by key, pointing into its bytes. Each entry
/// carries the SHA-256 of its bytes, checked before it is used, so a pack damaged on
/// disk gives misses rather than wrong briefs.
#[derive(Debug, Default)]
struct Pack {
    bytes: Vec<u8>,
    entries: HashMap<Key, Entry>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    digest: [u8; 32],
    start: usize,
    end: usize,
}

impl Pack {
    /// The header that marks a pack this build can read.
    fn header() -> Vec<u8> {
        let mut header = MAGIC.to_vec();
        header.extend_from_slice(&codec::VERSION.to_le_bytes());
        header.extend_from_slice(&SCHEMA_VERSION.to_le_bytes());
        let version = env!("CARGO_PKG_VERSION").as_bytes();
        header.push(version.len() as u8);
        header.extend_from_slice(version);
        header
    }

    /// A pack file's index; `None` if it is not one this build wrote whole.
    fn parse(bytes: Vec<u8>) -> Option<Pack> {
        let header = Pack::header();
        let mut at = header.len();
        if bytes.get(..at)? != header.as_slice() {
            return None;
        }
        let count = read_u64(&bytes, &mut at)?;
        let mut entries = HashMap::new();
        for _ in 0..count {
            let key: Key = bytes.get(at..at + 32)?.try_into().ok()?;
            let digest: [u8; 32] = bytes.get(at + 32..at + 64)?.try_into().ok()?;
            at += 64;
            let len = usize::try_from(read_u64(&bytes, &mut at)?).ok()?;
            let end = at.checked_add(len).filter(|&end| end <= bytes.len())?;
            entries.insert(
                key,
                Entry {
                    digest,
                    start: at,
                    end,
                },
            );
            at = end;
        }
        // Trailing bytes mean a pack we did not write.
        (at == bytes.len()).then_some(Pack { bytes, entries })
    }

    /// The bytes of the entry for `key`, if it has one and they are intact.
    fn get(&self, key: &Key) -> Option<&[u8]> {
        let entry = self.entries.get(key)?;
        let bytes = self.bytes.get(entry.start..entry.end)?;
        (digest(bytes) == entry.digest).then_some(bytes)
    }
}

fn read_u64(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let word = bytes.get(*at..*at + 8)?;
    *at += 8;
    Some(u64::from_le_bytes(word.try_into().ok()?))
}

/// A brief met during a load: its key, and its encoding when the pack lacked it.
struct Used {
    /// Position of the file in the directory, so the pack is written in a stable order.
    order: usize,
    key: Key,
    /// `None` when the pack already had it.
    new: Option<Vec<u8>>,
}

/// One load of one directory through the cache. `parse` may be called from several
/// threads; `finish` writes the pack if it changed.
pub struct Session {
    /// `None` when caching is off for this load.
    path: Option<PathBuf>,
    pack: Pack,
    used: Mutex<Vec<Used>>,
}

impl Session {
    /// A session that parses every brief and writes nothing.
    pub fn disabled() -> Session {
        Session {
            path: None,
            pack: Pack::default(),
            used: Mutex::new(Vec::new()),
        }
    }

    /// The brief in `text` (the `order`-th file of the directory, at `path`): from the
    /// pack if it holds this exact text, else parsed (and remembered for the pack).
    /// Errors are not cached: a file that fails is parsed again next time, so its
    /// error always has its current line.
    pub fn parse(&self, order: usize, path: &Path, text: &str) -> Result<Brief, LoadError> {
        if self.path.is_none() {
            return parse_brief(path, text);
        }
        let key = digest(text.as_bytes());
        match self.hit(order, &key) {
            Some(brief) => Ok(brief),
            None => self.miss(order, key, path, text),
        }
    }

    /// `parse` for the bytes of a file: on a hit they need not even be checked for
    /// UTF-8, since they are the bytes of a text that parsed before.
    pub fn load(&self, order: usize, path: &Path, bytes: Vec<u8>) -> Result<Brief, LoadError> {
        if self.path.is_none() {
            return parse_brief(path, &text_of(path, bytes)?);
        }
        let key = digest(&bytes);
        match self.hit(order, &key) {
            Some(brief) => Ok(brief),
            None => self.miss(order, key, path, &text_of(path, bytes)?),
        }
    }

    fn hit(&self, order: usize, key: &Key) -> Option<Brief> {
        let brief = codec::decode(self.pack.get(key)?).ok()?;
        self.remember(order, *key, None);
        Some(brief)
    }

    fn miss(&self, order: usize, key: Key, path: &Path, text: &str) -> Result<Brief, LoadError> {
        let brief = parse_brief(path, text)?;
        // Only what decodes back to the same brief is stored (see the module doc).
        if let Some(encoded) = codec::encode(&brief)
            && codec::decode(&encoded).is_ok_and(|decoded| decoded == brief)
        {
            self.remember(order, key, Some(encoded));
        }
        Ok(brief)
    }

    fn remember(&self, order: usize, key: Key, new: Option<Vec<u8>>) {
        if let Ok(mut used) = self.used.lock() {
            used.push(Used { order, key, new });
        }
    }

    /// Writes the pack if this load added briefs to it or left some of it unused.
    /// Returns whether it wrote one.
    pub fn finish(self) -> std::io::Result<bool> {
        let Some(path) = self.path else {
            return Ok(false);
        };
        let mut used = self.used.into_inner().unwrap_or_default();
        used.sort_by_key(|u| u.order);
        // Two files with the same bytes share one entry.
        let mut seen = std::collections::HashSet::new();
        used.retain(|u| seen.insert(u.key));
        let unchanged =
            used.iter().all(|u| u.new.is_none()) && used.len() == self.pack.entries.len();
        if unchanged {
            return Ok(false);
        }
        let mut bytes = Pack::header();
        let size: usize = used.iter().map(|u| 72 + entry(&self.pack, u).len()).sum();
        bytes.reserve(size + 8);
        bytes.extend_from_slice(&(used.len() as u64).to_le_bytes());
        for u in &used {
            let body = entry(&self.pack, u);
            bytes.extend_from_slice(&u.key);
            bytes.extend_from_slice(&digest(body));
            bytes.extend_from_slice(&(body.len() as u64).to_le_bytes());
            bytes.extend_from_slice(body);
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        write_atomically(&path, &bytes)?;
        Ok(true)
    }
}

fn entry<'a>(pack: &'a Pack, used: &'a Used) -> &'a [u8] {
    match &used.new {
        Some(bytes) => bytes,
        None => pack.get(&used.key).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::load::load_dir_cached;
    use crate::brief::load::tests::TempDir;

    /// A briefs directory with copies of the real briefs, and an empty cache.
    fn setup(tag: &str) -> (TempDir, PathBuf, Cache) {
        let tmp = TempDir::new(tag);
        let briefs = tmp.0.join("briefs");
        std::fs::create_dir_all(&briefs).unwrap();
        let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs");
        for entry in std::fs::read_dir(real).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, briefs.join(path.file_name().unwrap())).unwrap();
        }
        let cache = Cache::in_dir(tmp.0.join("cache"));
        (tmp, briefs, cache)
    }

    fn packs(cache: &Cache) -> Vec<PathBuf> {
        std::fs::read_dir(&cache.dir)
            .map(|entries| entries.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_cached_load_equals_a_fresh_one() {
        let (_tmp, briefs, cache) = setup("cache-equal");
        let fresh = load_dir_cached(&briefs, None);
        let first = load_dir_cached(&briefs, Some(&cache));
        assert_eq!(packs(&cache).len(), 1);
        let second = load_dir_cached(&briefs, Some(&cache));
        assert_eq!(fresh, first);
        assert_eq!(fresh, second);
        assert_eq!(fresh.0.len(), 5);
    }

    #[test]
    fn hits_come_from_the_pack() {
        let (_tmp, briefs, cache) = setup("cache-hit");
        load_dir_cached(&briefs, Some(&cache));
        let path = briefs.join("yiwu-2024-qa.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        let session = cache.session(&briefs, 1);
        // A text the pack knows is served from it, not parsed: an unparsable path
        // name would not matter, and the pack is not rewritten for a hit.
        let brief = session.parse(0, &path, &text).unwrap();
        assert_eq!(brief.id, "yiwu-2024-qa");
        assert_eq!(session.pack.entries.len(), 5);
    }

    /// The cache is keyed by content: an edit that keeps the size and the
    /// modification time is still seen.
    #[test]
    fn an_edit_with_the_same_size_and_mtime_is_not_stale() {
        let (_tmp, briefs, cache) = setup("cache-stale");
        load_dir_cached(&briefs, Some(&cache));
        let path = briefs.join("xuzhou-2017-article.yaml");
        let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let title_line = text.lines().find(|l| l.starts_with("title: ")).unwrap();
        // The title's first character (three bytes in UTF-8) becomes three letters.
        let title = title_line.strip_prefix("title: ").unwrap();
        let first = title.chars().next().unwrap();
        assert_eq!(first.len_utf8(), 3);
        let edited_line = format!("title: XYZ{}", &title[3..]);
        std::fs::write(&path, text.replacen(title_line, &edited_line, 1)).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(mtime)
            .unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len() as usize, text.len());
        let (loaded, errors) = load_dir_cached(&briefs, Some(&cache));
        assert!(errors.is_empty(), "{errors:?}");
        let xuzhou = loaded.iter().find(|(p, _)| *p == path).unwrap();
        assert!(xuzhou.1.title.starts_with('X'), "{}", xuzhou.1.title);
        assert_eq!(load_dir_cached(&briefs, None), (loaded, errors));
    }

    #[test]
    fn errors_are_not_cached_and_removed_files_leave_the_pack() {
        let (_tmp, briefs, cache) = setup("cache-errors");
        load_dir_cached(&briefs, Some(&cache));
        let pack = packs(&cache).remove(0);
        let size = std::fs::metadata(&pack).unwrap().len();
        std::fs::write(briefs.join("linyi-2015-speech.yaml"), "schema: [\n").unwrap();
        let (loaded, errors) = load_dir_cached(&briefs, Some(&cache));
        assert_eq!((loaded.len(), errors.len()), (4, 1));
        assert!(std::fs::metadata(&pack).unwrap().len() < size);
        // The error comes back with its line on the next load too.
        let (_, again) = load_dir_cached(&briefs, Some(&cache));
        assert_eq!(again, errors);
        assert!(again[0].line.is_some());
    }

    #[test]
    fn an_unchanged_directory_does_not_rewrite_its_pack() {
        let (_tmp, briefs, cache) = setup("cache-unchanged");
        load_dir_cached(&briefs, Some(&cache));
        let files = crate::brief::load::brief_files(&briefs).unwrap();
        let session = cache.session(&briefs, 1);
        for (i, path) in files.iter().enumerate() {
            let text = std::fs::read_to_string(path).unwrap();
            session.parse(i, path, &text).unwrap();
        }
        assert!(!session.finish().unwrap());
    }

    #[test]
    fn a_corrupt_pack_is_ignored_and_replaced() {
        let (_tmp, briefs, cache) = setup("cache-corrupt");
        let fresh = load_dir_cached(&briefs, None);
        load_dir_cached(&briefs, Some(&cache));
        let pack = packs(&cache).remove(0);
        let good = std::fs::read(&pack).unwrap();
        let mut rng = crate::synth::Rng::new(3);
        for round in 0..40 {
            let mut bad = good.clone();
            match round % 4 {
                0 => bad.truncate(rng.below(bad.len())),
                1 => bad.push(0),
                _ => {
                    let i = rng.below(bad.len());
                    bad[i] ^= 1 << rng.below(8);
                }
            }
            std::fs::write(&pack, &bad).unwrap();
            // Damage anywhere, even inside a string, gives the briefs of the YAML.
            assert_eq!(
                load_dir_cached(&briefs, Some(&cache)),
                fresh,
                "round {round}"
            );
        }
    }

    #[test]
    fn small_directories_are_not_cached() {
        let (_tmp, briefs, mut cache) = setup("cache-small");
        cache.min_bytes = 10 * 1024 * 1024;
        assert_eq!(
            load_dir_cached(&briefs, Some(&cache)),
            load_dir_cached(&briefs, None)
        );
        assert!(packs(&cache).is_empty());
    }

    #[test]
    fn an_unwritable_cache_only_costs_speed() {
        let (tmp, briefs, _) = setup("cache-unwritable");
        // A file where the cache directory should be: nothing can be created in it.
        let blocked = tmp.write("cache", "not a directory");
        let cache = Cache::in_dir(blocked.join("brief"));
        assert_eq!(
            load_dir_cached(&briefs, Some(&cache)),
            load_dir_cached(&briefs, None)
        );
    }

    #[test]
    fn cache_location_from_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |key: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| v.to_string())
            }
        };
        let dir = |c: Option<Cache>| c.map(|c| c.dir);
        assert_eq!(
            dir(Cache::from_env(env(&[
                ("BRIEF_CACHE", "/c"),
                ("HOME", "/h")
            ]))),
            Some(PathBuf::from("/c"))
        );
        assert_eq!(
            Cache::from_env(env(&[("BRIEF_CACHE", "off"), ("HOME", "/h")])),
            None
        );
        assert_eq!(
            dir(Cache::from_env(env(&[
                ("XDG_CACHE_HOME", "/x"),
                ("HOME", "/h")
            ]))),
            Some(PathBuf::from("/x/brief"))
        );
        assert_eq!(
            dir(Cache::from_env(env(&[("HOME", "/h")]))),
            Some(PathBuf::from("/h/.cache/brief"))
        );
        assert_eq!(Cache::from_env(env(&[])), None);
        assert_eq!(
            Cache::from_env(env(&[("HOME", "/h")])).unwrap().min_bytes,
            DEFAULT_MIN_BYTES
        );
    }
}
