//! The disk behind the mount: two copies of every file and folder, what programs see and what
//! would still be there after the power goes.
//!
//! Why two copies rather than writing through to a real folder: a real file system keeps its own
//! cache and decides for itself when to write it out, so what survives a cut would depend on it.
//! Here nothing reaches the durable copy except by a sync, exactly as POSIX promises and no more:
//! syncing a file makes its contents and attributes durable, syncing a folder makes the names in
//! it durable (new files, renames, deletions, links). A name made durable before its file's
//! contents points at an empty file, as a crash between the two can leave it on a real disk.

use std::collections::{BTreeMap, HashMap};
use std::ffi::{OsStr, OsString};
use std::time::SystemTime;

/// The inode number of the mount's root folder (FUSE's convention).
pub const ROOT: u64 = 1;

/// What a call on the disk can fail with: an errno, as FUSE hands it back.
pub type Errno = i32;

/// A file or a folder.
#[derive(Debug, Clone)]
pub struct Node {
    pub contents: Contents,
    pub perm: u16,
    pub uid: u32,
    pub gid: u32,
    pub atime: SystemTime,
    pub mtime: SystemTime,
    pub ctime: SystemTime,
    /// How many names the node has in the folders it is seen in.
    pub nlink: u32,
}

#[derive(Debug, Clone)]
pub enum Contents {
    File(Vec<u8>),
    Folder(BTreeMap<OsString, u64>),
}

impl Node {
    fn new(contents: Contents, perm: u16, uid: u32, gid: u32) -> Node {
        let now = SystemTime::now();
        let nlink = match contents {
            Contents::File(_) => 1,
            Contents::Folder(_) => 2,
        };
        Node { contents, perm, uid, gid, atime: now, mtime: now, ctime: now, nlink }
    }

    pub fn is_folder(&self) -> bool {
        matches!(self.contents, Contents::Folder(_))
    }

    pub fn size(&self) -> u64 {
        match &self.contents {
            Contents::File(data) => data.len() as u64,
            Contents::Folder(entries) => entries.len() as u64,
        }
    }

    /// The same node with nothing synced yet: no bytes, no names.
    fn emptied(&self) -> Node {
        let contents = match self.contents {
            Contents::File(_) => Contents::File(Vec::new()),
            Contents::Folder(_) => Contents::Folder(BTreeMap::new()),
        };
        Node { contents, ..self.clone() }
    }
}

/// What programs see, what is durable, and how often each was synced and cut.
#[derive(Debug)]
pub struct Disk {
    seen: HashMap<u64, Node>,
    durable: HashMap<u64, Node>,
    /// Open handles per node: a file deleted while open lives on until it is closed.
    open: HashMap<u64, u32>,
    next_ino: u64,
    /// Bumped by every cut: a mount of an earlier power cycle answers nothing any more.
    pub generation: u64,
    pub file_syncs: u64,
    pub folder_syncs: u64,
    pub cuts: u64,
}

impl Default for Disk {
    fn default() -> Self {
        Disk::new()
    }
}

impl Disk {
    /// An empty disk: a root folder, durable already (as a freshly formatted disk is).
    pub fn new() -> Disk {
        let root = Node::new(Contents::Folder(BTreeMap::new()), 0o755, 0, 0);
        let seen = HashMap::from([(ROOT, root.clone())]);
        let durable = HashMap::from([(ROOT, root)]);
        Disk { seen, durable, open: HashMap::new(), next_ino: ROOT + 1, generation: 0, file_syncs: 0, folder_syncs: 0, cuts: 0 }
    }

    pub fn node(&self, ino: u64) -> Result<&Node, Errno> {
        self.seen.get(&ino).ok_or(libc::ENOENT)
    }

    pub fn node_mut(&mut self, ino: u64) -> Result<&mut Node, Errno> {
        self.seen.get_mut(&ino).ok_or(libc::ENOENT)
    }

    fn entries(&self, folder: u64) -> Result<&BTreeMap<OsString, u64>, Errno> {
        match &self.node(folder)?.contents {
            Contents::Folder(entries) => Ok(entries),
            Contents::File(_) => Err(libc::ENOTDIR),
        }
    }

    fn entries_mut(&mut self, folder: u64) -> Result<&mut BTreeMap<OsString, u64>, Errno> {
        let node = self.node_mut(folder)?;
        node.mtime = SystemTime::now();
        node.ctime = node.mtime;
        match &mut node.contents {
            Contents::Folder(entries) => Ok(entries),
            Contents::File(_) => Err(libc::ENOTDIR),
        }
    }

    /// The node a name in a folder stands for.
    pub fn lookup(&self, folder: u64, name: &OsStr) -> Result<u64, Errno> {
        self.entries(folder)?.get(name).copied().ok_or(libc::ENOENT)
    }

    /// The names in a folder, in order.
    pub fn list(&self, folder: u64) -> Result<Vec<(OsString, u64)>, Errno> {
        Ok(self.entries(folder)?.iter().map(|(name, ino)| (name.clone(), *ino)).collect())
    }

    /// A new empty file (or folder) under `name`; refused when the name is taken.
    pub fn create(
        &mut self,
        folder: u64,
        name: &OsStr,
        folder_wanted: bool,
        perm: u16,
        uid: u32,
        gid: u32,
    ) -> Result<u64, Errno> {
        if self.entries(folder)?.contains_key(name) {
            return Err(libc::EEXIST);
        }
        let ino = self.next_ino;
        self.next_ino += 1;
        let contents = if folder_wanted { Contents::Folder(BTreeMap::new()) } else { Contents::File(Vec::new()) };
        self.seen.insert(ino, Node::new(contents, perm, uid, gid));
        self.entries_mut(folder)?.insert(name.to_owned(), ino);
        if folder_wanted {
            self.node_mut(folder)?.nlink += 1;
        }
        Ok(ino)
    }

    /// A second name for a file.
    pub fn link(&mut self, ino: u64, folder: u64, name: &OsStr) -> Result<(), Errno> {
        if self.node(ino)?.is_folder() {
            return Err(libc::EPERM);
        }
        if self.entries(folder)?.contains_key(name) {
            return Err(libc::EEXIST);
        }
        self.entries_mut(folder)?.insert(name.to_owned(), ino);
        let node = self.node_mut(ino)?;
        node.nlink += 1;
        node.ctime = SystemTime::now();
        Ok(())
    }

    /// Takes a name away; the node goes once it has no name and nobody has it open.
    pub fn remove(&mut self, folder: u64, name: &OsStr, folder_wanted: bool) -> Result<(), Errno> {
        let ino = self.lookup(folder, name)?;
        match (&self.node(ino)?.contents, folder_wanted) {
            (Contents::Folder(entries), true) if !entries.is_empty() => return Err(libc::ENOTEMPTY),
            (Contents::Folder(_), false) => return Err(libc::EISDIR),
            (Contents::File(_), true) => return Err(libc::ENOTDIR),
            _ => {}
        }
        self.entries_mut(folder)?.remove(name);
        if folder_wanted {
            self.node_mut(folder)?.nlink -= 1;
        }
        self.unlinked(ino, folder_wanted);
        Ok(())
    }

    fn unlinked(&mut self, ino: u64, folder: bool) {
        if let Some(node) = self.seen.get_mut(&ino) {
            node.nlink = if folder { 0 } else { node.nlink.saturating_sub(1) };
            node.ctime = SystemTime::now();
            if node.nlink == 0 && !self.open.contains_key(&ino) {
                self.seen.remove(&ino);
            }
        }
    }

    /// Moves a name, replacing what the new name stood for (`no_replace`: refusing to).
    pub fn rename(&mut self, from: u64, name: &OsStr, to: u64, new_name: &OsStr, no_replace: bool) -> Result<(), Errno> {
        let ino = self.lookup(from, name)?;
        let moving_folder = self.node(ino)?.is_folder();
        let replaced = self.entries(to)?.get(new_name).copied();
        if let Some(old) = replaced {
            if old == ino {
                return Ok(());
            }
            if no_replace {
                return Err(libc::EEXIST);
            }
            match (&self.node(old)?.contents, moving_folder) {
                (Contents::Folder(entries), true) if !entries.is_empty() => return Err(libc::ENOTEMPTY),
                (Contents::Folder(_), false) => return Err(libc::EISDIR),
                (Contents::File(_), true) => return Err(libc::ENOTDIR),
                _ => {}
            }
        }
        if moving_folder && self.is_within(to, ino) {
            return Err(libc::EINVAL);
        }
        self.entries_mut(from)?.remove(name);
        self.entries_mut(to)?.insert(new_name.to_owned(), ino);
        if moving_folder {
            self.node_mut(from)?.nlink -= 1;
            self.node_mut(to)?.nlink += 1;
        }
        if let Some(old) = replaced {
            if moving_folder {
                self.node_mut(to)?.nlink -= 1;
            }
            self.unlinked(old, moving_folder);
        }
        Ok(())
    }

    /// Whether `folder` is `ancestor` or inside it.
    fn is_within(&self, folder: u64, ancestor: u64) -> bool {
        let mut stack = vec![ancestor];
        while let Some(ino) = stack.pop() {
            if ino == folder {
                return true;
            }
            if let Ok(entries) = self.entries(ino) {
                stack.extend(entries.values().filter(|child| self.seen.get(child).is_some_and(Node::is_folder)));
            }
        }
        false
    }

    pub fn read(&self, ino: u64, offset: u64, size: u32) -> Result<&[u8], Errno> {
        match &self.node(ino)?.contents {
            Contents::File(data) => {
                let start = (offset as usize).min(data.len());
                let end = start.saturating_add(size as usize).min(data.len());
                Ok(&data[start..end])
            }
            Contents::Folder(_) => Err(libc::EISDIR),
        }
    }

    pub fn write(&mut self, ino: u64, offset: u64, bytes: &[u8]) -> Result<(), Errno> {
        let node = self.node_mut(ino)?;
        let Contents::File(data) = &mut node.contents else { return Err(libc::EISDIR) };
        let end = offset as usize + bytes.len();
        if data.len() < end {
            data.resize(end, 0);
        }
        data[offset as usize..end].copy_from_slice(bytes);
        node.mtime = SystemTime::now();
        node.ctime = node.mtime;
        Ok(())
    }

    /// Truncates or extends a file to `size` bytes (`at_least`: only extends, as fallocate does).
    pub fn resize(&mut self, ino: u64, size: u64, at_least: bool) -> Result<(), Errno> {
        let node = self.node_mut(ino)?;
        let Contents::File(data) = &mut node.contents else { return Err(libc::EISDIR) };
        if !at_least || data.len() < size as usize {
            data.resize(size as usize, 0);
            node.mtime = SystemTime::now();
            node.ctime = node.mtime;
        }
        Ok(())
    }

    pub fn opened(&mut self, ino: u64) {
        *self.open.entry(ino).or_default() += 1;
    }

    pub fn closed(&mut self, ino: u64) {
        if let Some(count) = self.open.get_mut(&ino) {
            *count -= 1;
            if *count == 0 {
                self.open.remove(&ino);
                if self.seen.get(&ino).is_some_and(|node| node.nlink == 0) {
                    self.seen.remove(&ino);
                }
            }
        }
    }

    /// `fsync` of a file: its contents and attributes become durable (its name does not).
    pub fn sync_file(&mut self, ino: u64) -> Result<(), Errno> {
        let node = self.node(ino)?;
        let kept = match (&node.contents, self.durable.get(&ino)) {
            // A folder's names are synced by `sync_folder`: here only its attributes.
            (Contents::Folder(_), Some(durable)) => Node { contents: durable.contents.clone(), ..node.clone() },
            (Contents::Folder(_), None) => node.emptied(),
            (Contents::File(_), _) => node.clone(),
        };
        self.durable.insert(ino, kept);
        self.file_syncs += 1;
        Ok(())
    }

    /// `fsync` of a folder: the names in it become durable as they are now. A file named here
    /// whose contents were never synced is durable as an empty file.
    pub fn sync_folder(&mut self, folder: u64) -> Result<(), Errno> {
        let node = self.node(folder)?.clone();
        let Contents::Folder(entries) = &node.contents else { return Err(libc::ENOTDIR) };
        for child in entries.values() {
            if !self.durable.contains_key(child) {
                let empty = self.node(*child)?.emptied();
                self.durable.insert(*child, empty);
            }
        }
        self.durable.insert(folder, node);
        self.folder_syncs += 1;
        self.forget_unreachable_durable();
        Ok(())
    }

    /// Drops durable nodes no durable folder names that programs no longer see either (they can
    /// never come back: their names are gone for good).
    fn forget_unreachable_durable(&mut self) {
        let reachable = reachable_from_root(&self.durable);
        self.durable.retain(|ino, _| reachable.contains_key(ino) || self.seen.contains_key(ino));
    }

    /// Makes everything durable as it is (a clean shutdown; for setting a test up).
    pub fn sync_everything(&mut self) {
        self.durable = self.seen.clone();
        self.durable.retain(|ino, _| ino == &ROOT || self.open.contains_key(ino) || self.seen[ino].nlink > 0);
    }

    /// The power cut: what programs see becomes what was durable, every handle is gone.
    pub fn cut(&mut self) {
        let reachable = reachable_from_root(&self.durable);
        let mut seen: HashMap<u64, Node> =
            self.durable.iter().filter(|(ino, _)| reachable.contains_key(ino)).map(|(i, n)| (*i, n.clone())).collect();
        // Link counts as the durable folders have them.
        for (ino, node) in seen.iter_mut() {
            let names = reachable[ino];
            node.nlink = if node.is_folder() { 2 + node_subfolders(&self.durable, node) } else { names };
        }
        self.seen = seen;
        self.durable.retain(|ino, _| reachable.contains_key(ino));
        self.open.clear();
        self.generation += 1;
        self.cuts += 1;
    }
}

fn node_subfolders(nodes: &HashMap<u64, Node>, node: &Node) -> u32 {
    match &node.contents {
        Contents::Folder(entries) => {
            entries.values().filter(|child| nodes.get(child).is_some_and(Node::is_folder)).count() as u32
        }
        Contents::File(_) => 0,
    }
}

/// Every node reachable from the root through `nodes`' folders, with how many names it has.
fn reachable_from_root(nodes: &HashMap<u64, Node>) -> HashMap<u64, u32> {
    let mut names = HashMap::from([(ROOT, 1)]);
    let mut stack = vec![ROOT];
    while let Some(ino) = stack.pop() {
        if let Some(Node { contents: Contents::Folder(entries), .. }) = nodes.get(&ino) {
            for child in entries.values() {
                if !nodes.contains_key(child) {
                    continue;
                }
                let count = names.entry(*child).or_insert(0);
                *count += 1;
                if *count == 1 {
                    stack.push(*child);
                }
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> &OsStr {
        OsStr::new(text)
    }

    fn contents(disk: &Disk, folder: u64, file: &str) -> Option<Vec<u8>> {
        let ino = disk.lookup(folder, name(file)).ok()?;
        disk.read(ino, 0, u32::MAX).ok().map(<[u8]>::to_vec)
    }

    #[test]
    fn a_synced_file_in_a_synced_folder_survives_a_cut() {
        let mut disk = Disk::new();
        let file = disk.create(ROOT, name("a"), false, 0o644, 0, 0).unwrap();
        disk.write(file, 0, b"saved").unwrap();
        disk.sync_file(file).unwrap();
        disk.sync_folder(ROOT).unwrap();
        disk.write(file, 5, b" and more").unwrap();
        disk.cut();
        assert_eq!(contents(&disk, ROOT, "a").unwrap(), b"saved");
    }

    #[test]
    fn a_new_name_not_synced_in_its_folder_is_lost_even_with_its_contents_synced() {
        let mut disk = Disk::new();
        let file = disk.create(ROOT, name("new"), false, 0o644, 0, 0).unwrap();
        disk.write(file, 0, b"data").unwrap();
        disk.sync_file(file).unwrap();
        disk.cut();
        assert_eq!(disk.lookup(ROOT, name("new")), Err(libc::ENOENT));
    }

    #[test]
    fn a_name_synced_before_its_contents_leaves_an_empty_file() {
        let mut disk = Disk::new();
        let file = disk.create(ROOT, name("f"), false, 0o644, 0, 0).unwrap();
        disk.write(file, 0, b"never synced").unwrap();
        disk.sync_folder(ROOT).unwrap();
        disk.cut();
        assert_eq!(contents(&disk, ROOT, "f").unwrap(), b"");
    }

    #[test]
    fn a_rename_not_synced_in_its_folder_is_undone() {
        let mut disk = Disk::new();
        let old = disk.create(ROOT, name("target"), false, 0o644, 0, 0).unwrap();
        disk.write(old, 0, b"old").unwrap();
        disk.sync_file(old).unwrap();
        let staging = disk.create(ROOT, name("staging"), false, 0o644, 0, 0).unwrap();
        disk.write(staging, 0, b"new").unwrap();
        disk.sync_file(staging).unwrap();
        disk.sync_folder(ROOT).unwrap();
        disk.rename(ROOT, name("staging"), ROOT, name("target"), false).unwrap();
        assert_eq!(contents(&disk, ROOT, "target").unwrap(), b"new");
        disk.cut();
        assert_eq!(contents(&disk, ROOT, "target").unwrap(), b"old");
        assert_eq!(contents(&disk, ROOT, "staging").unwrap(), b"new");

        disk.rename(ROOT, name("staging"), ROOT, name("target"), false).unwrap();
        disk.sync_folder(ROOT).unwrap();
        disk.cut();
        assert_eq!(contents(&disk, ROOT, "target").unwrap(), b"new");
        assert!(contents(&disk, ROOT, "staging").is_none());
    }

    #[test]
    fn a_deletion_not_synced_is_undone_and_a_truncation_not_synced_too() {
        let mut disk = Disk::new();
        let file = disk.create(ROOT, name("wal"), false, 0o644, 0, 0).unwrap();
        disk.write(file, 0, b"frames").unwrap();
        disk.sync_file(file).unwrap();
        disk.sync_folder(ROOT).unwrap();
        disk.resize(file, 0, false).unwrap();
        disk.remove(ROOT, name("wal"), false).unwrap();
        disk.cut();
        assert_eq!(contents(&disk, ROOT, "wal").unwrap(), b"frames");
    }

    #[test]
    fn a_file_deleted_while_open_stays_readable_until_closed() {
        let mut disk = Disk::new();
        let file = disk.create(ROOT, name("open"), false, 0o644, 0, 0).unwrap();
        disk.opened(file);
        disk.remove(ROOT, name("open"), false).unwrap();
        disk.write(file, 0, b"still").unwrap();
        assert_eq!(disk.read(file, 0, 10).unwrap(), b"still");
        disk.closed(file);
        assert!(disk.node(file).is_err());
    }

    #[test]
    fn a_new_folder_holds_only_what_was_synced_in_it() {
        let mut disk = Disk::new();
        let folder = disk.create(ROOT, name("pack"), true, 0o755, 0, 0).unwrap();
        let pdf = disk.create(folder, name("policy.pdf"), false, 0o644, 0, 0).unwrap();
        disk.write(pdf, 0, b"%PDF").unwrap();
        disk.sync_file(pdf).unwrap();
        disk.sync_folder(ROOT).unwrap();
        disk.cut();
        assert_eq!(disk.list(disk.lookup(ROOT, name("pack")).unwrap()).unwrap(), []);
    }
}
