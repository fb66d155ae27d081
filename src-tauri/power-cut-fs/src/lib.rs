//! A file system for tests that loses, on command, everything that was not synced: a power cut.
//!
//! Why it exists: killing a process (the kill test in `sonae-crash-test`) loses only what the
//! process had not yet handed to the operating system. A power cut also loses what the operating
//! system had not yet written to the disk: file contents never `fsync`ed, and the names of files
//! created, renamed or deleted in a folder that was never synced. Whether Sonae's company file
//! survives that depends on every sync being in its place, which no ordinary test can see, since
//! an ordinary file system keeps everything until the machine really loses power.
//!
//! [`PowerCutFs::mount`] mounts a file system held in memory (FUSE, through the `fuser` crate) in
//! a thread of the test. Programs use it like any folder. Only `fsync`/`fdatasync` of a file makes
//! its contents durable, and only `fsync` of a folder makes the names in it durable ([`disk`]).
//! [`PowerCutFs::cut_power`] throws away everything else; [`PowerCutFs::restore_power`] mounts
//! what was left again, as the machine would find it on the next start.
//!
//! The kernel keeps SQLite's byte-range locks itself (the mount does not ask to handle them), and
//! files are served through the kernel's page cache, so SQLite's shared-memory index of the WAL
//! (an mmapped `-shm` file) works as on a real disk.

pub mod disk;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use disk::{Disk, Errno, Node};
use fuser::{
    FileAttr, FileType, Filesystem, MountOption, ReplyAttr, ReplyCreate, ReplyData, ReplyDirectory, ReplyEmpty, ReplyEntry,
    ReplyOpen, ReplyWrite, Request, TimeOrNow,
};

/// How long the kernel may trust what it was told about a name or a file. Every change goes
/// through the kernel, so its cache cannot go stale within one power cycle; each cycle is a new
/// mount with a new cache.
const TTL: Duration = Duration::from_secs(1);

/// `renameat2`'s flag refusing to replace an existing name.
const RENAME_NOREPLACE: u32 = 1;

/// A mounted power-cut file system. Unmounted when dropped.
pub struct PowerCutFs {
    disk: Arc<Mutex<Disk>>,
    mountpoint: PathBuf,
    session: Option<fuser::BackgroundSession>,
}

impl PowerCutFs {
    /// Whether this machine can mount one: the FUSE device is there.
    pub fn available() -> bool {
        Path::new("/dev/fuse").exists()
    }

    /// Mounts an empty power-cut file system on the folder `mountpoint`.
    pub fn mount(mountpoint: &Path) -> std::io::Result<PowerCutFs> {
        let mut fs = PowerCutFs { disk: Arc::new(Mutex::new(Disk::new())), mountpoint: mountpoint.to_owned(), session: None };
        fs.restore_power()?;
        Ok(fs)
    }

    /// Where it is mounted.
    pub fn path(&self) -> &Path {
        &self.mountpoint
    }

    /// The power cut: everything not synced is lost at once. The mount answers every further
    /// call with an I/O error until [`PowerCutFs::restore_power`]. Freeze the programs writing to
    /// it first (SIGSTOP), so that nothing lands after the cut, and kill them after.
    pub fn cut_power(&self) {
        self.disk().cut();
    }

    /// Mounts what was left after a cut, as the next start of the machine would find it.
    pub fn restore_power(&mut self) -> std::io::Result<()> {
        self.session = None; // unmounts the previous power cycle's mount
        let generation = self.disk().generation;
        let fs = Mount { disk: Arc::clone(&self.disk), generation };
        let options = [MountOption::FSName("sonae-power-cut".into()), MountOption::Subtype("sonae-power-cut".into())];
        self.session = Some(fuser::spawn_mount2(fs, &self.mountpoint, &options)?);
        Ok(())
    }

    /// Makes everything on it durable as it is now, as a clean shutdown would (to set a test up).
    pub fn sync_everything(&self) {
        self.disk().sync_everything();
    }

    /// How many times a file and a folder were synced, and the power cut, so far.
    pub fn counts(&self) -> (u64, u64, u64) {
        let disk = self.disk();
        (disk.file_syncs, disk.folder_syncs, disk.cuts)
    }

    fn disk(&self) -> MutexGuard<'_, Disk> {
        self.disk.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Drop for PowerCutFs {
    fn drop(&mut self) {
        self.session = None;
    }
}

/// One power cycle's mount: answers with an I/O error once the power it was mounted under is cut.
struct Mount {
    disk: Arc<Mutex<Disk>>,
    generation: u64,
}

impl Mount {
    /// The disk, or EIO when this mount belongs to a power cycle that was cut.
    fn disk(&self) -> Result<MutexGuard<'_, Disk>, Errno> {
        let disk = self.disk.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if disk.generation == self.generation {
            Ok(disk)
        } else {
            Err(libc::EIO)
        }
    }
}

fn attr(ino: u64, node: &Node) -> FileAttr {
    let size = node.size();
    FileAttr {
        ino,
        size,
        blocks: size.div_ceil(512),
        atime: node.atime,
        mtime: node.mtime,
        ctime: node.ctime,
        crtime: node.ctime,
        kind: if node.is_folder() { FileType::Directory } else { FileType::RegularFile },
        perm: node.perm,
        nlink: node.nlink,
        uid: node.uid,
        gid: node.gid,
        rdev: 0,
        blksize: 4096,
        flags: 0,
    }
}

fn time(value: TimeOrNow) -> SystemTime {
    match value {
        TimeOrNow::SpecificTime(at) => at,
        TimeOrNow::Now => SystemTime::now(),
    }
}

impl Filesystem for Mount {
    fn lookup(&mut self, _req: &Request<'_>, parent: u64, name: &OsStr, reply: ReplyEntry) {
        let found = self.disk().and_then(|disk| {
            let ino = disk.lookup(parent, name)?;
            Ok(attr(ino, disk.node(ino)?))
        });
        match found {
            Ok(attr) => reply.entry(&TTL, &attr, 0),
            Err(errno) => reply.error(errno),
        }
    }

    fn getattr(&mut self, _req: &Request<'_>, ino: u64, _fh: Option<u64>, reply: ReplyAttr) {
        match self.disk().and_then(|disk| Ok(attr(ino, disk.node(ino)?))) {
            Ok(attr) => reply.attr(&TTL, &attr),
            Err(errno) => reply.error(errno),
        }
    }

    fn setattr(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        mode: Option<u32>,
        uid: Option<u32>,
        gid: Option<u32>,
        size: Option<u64>,
        atime: Option<TimeOrNow>,
        mtime: Option<TimeOrNow>,
        _ctime: Option<SystemTime>,
        _fh: Option<u64>,
        _crtime: Option<SystemTime>,
        _chgtime: Option<SystemTime>,
        _bkuptime: Option<SystemTime>,
        _flags: Option<u32>,
        reply: ReplyAttr,
    ) {
        let changed = self.disk().and_then(|mut disk| {
            if let Some(size) = size {
                disk.resize(ino, size, false)?;
            }
            let node = disk.node_mut(ino)?;
            if let Some(mode) = mode {
                node.perm = (mode & 0o7777) as u16;
            }
            node.uid = uid.unwrap_or(node.uid);
            node.gid = gid.unwrap_or(node.gid);
            node.atime = atime.map_or(node.atime, time);
            node.mtime = mtime.map_or(node.mtime, time);
            node.ctime = SystemTime::now();
            Ok(attr(ino, node))
        });
        match changed {
            Ok(attr) => reply.attr(&TTL, &attr),
            Err(errno) => reply.error(errno),
        }
    }

    fn mkdir(&mut self, req: &Request<'_>, parent: u64, name: &OsStr, mode: u32, umask: u32, reply: ReplyEntry) {
        let made = self.disk().and_then(|mut disk| {
            let ino = disk.create(parent, name, true, (mode & !umask & 0o7777) as u16, req.uid(), req.gid())?;
            Ok(attr(ino, disk.node(ino)?))
        });
        match made {
            Ok(attr) => reply.entry(&TTL, &attr, 0),
            Err(errno) => reply.error(errno),
        }
    }

    fn unlink(&mut self, _req: &Request<'_>, parent: u64, name: &OsStr, reply: ReplyEmpty) {
        match self.disk().and_then(|mut disk| disk.remove(parent, name, false)) {
            Ok(()) => reply.ok(),
            Err(errno) => reply.error(errno),
        }
    }

    fn rmdir(&mut self, _req: &Request<'_>, parent: u64, name: &OsStr, reply: ReplyEmpty) {
        match self.disk().and_then(|mut disk| disk.remove(parent, name, true)) {
            Ok(()) => reply.ok(),
            Err(errno) => reply.error(errno),
        }
    }

    fn rename(
        &mut self,
        _req: &Request<'_>,
        parent: u64,
        name: &OsStr,
        newparent: u64,
        newname: &OsStr,
        flags: u32,
        reply: ReplyEmpty,
    ) {
        let renamed = if flags & !RENAME_NOREPLACE != 0 {
            Err(libc::EINVAL)
        } else {
            self.disk().and_then(|mut disk| disk.rename(parent, name, newparent, newname, flags & RENAME_NOREPLACE != 0))
        };
        match renamed {
            Ok(()) => reply.ok(),
            Err(errno) => reply.error(errno),
        }
    }

    fn link(&mut self, _req: &Request<'_>, ino: u64, newparent: u64, newname: &OsStr, reply: ReplyEntry) {
        let linked = self.disk().and_then(|mut disk| {
            disk.link(ino, newparent, newname)?;
            Ok(attr(ino, disk.node(ino)?))
        });
        match linked {
            Ok(attr) => reply.entry(&TTL, &attr, 0),
            Err(errno) => reply.error(errno),
        }
    }

    fn open(&mut self, _req: &Request<'_>, ino: u64, _flags: i32, reply: ReplyOpen) {
        match self.disk().and_then(|mut disk| {
            disk.node(ino)?;
            disk.opened(ino);
            Ok(())
        }) {
            // No direct I/O: the kernel's page cache serves reads and shared mmaps.
            Ok(()) => reply.opened(0, 0),
            Err(errno) => reply.error(errno),
        }
    }

    fn create(&mut self, req: &Request<'_>, parent: u64, name: &OsStr, mode: u32, umask: u32, _flags: i32, reply: ReplyCreate) {
        let made = self.disk().and_then(|mut disk| {
            let ino = disk.create(parent, name, false, (mode & !umask & 0o7777) as u16, req.uid(), req.gid())?;
            disk.opened(ino);
            Ok(attr(ino, disk.node(ino)?))
        });
        match made {
            Ok(attr) => reply.created(&TTL, &attr, 0, 0, 0),
            Err(errno) => reply.error(errno),
        }
    }

    fn read(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        _fh: u64,
        offset: i64,
        size: u32,
        _flags: i32,
        _lock_owner: Option<u64>,
        reply: ReplyData,
    ) {
        match self.disk() {
            Ok(disk) => match disk.read(ino, offset.max(0) as u64, size) {
                Ok(bytes) => reply.data(bytes),
                Err(errno) => reply.error(errno),
            },
            Err(errno) => reply.error(errno),
        }
    }

    fn write(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        _fh: u64,
        offset: i64,
        data: &[u8],
        _write_flags: u32,
        _flags: i32,
        _lock_owner: Option<u64>,
        reply: ReplyWrite,
    ) {
        match self.disk().and_then(|mut disk| disk.write(ino, offset.max(0) as u64, data)) {
            Ok(()) => reply.written(data.len() as u32),
            Err(errno) => reply.error(errno),
        }
    }

    fn flush(&mut self, _req: &Request<'_>, _ino: u64, _fh: u64, _lock_owner: u64, reply: ReplyEmpty) {
        // Closing a file syncs nothing, as on a real disk.
        reply.ok();
    }

    fn release(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        _fh: u64,
        _flags: i32,
        _lock_owner: Option<u64>,
        _flush: bool,
        reply: ReplyEmpty,
    ) {
        if let Ok(mut disk) = self.disk() {
            disk.closed(ino);
        }
        reply.ok();
    }

    fn fsync(&mut self, _req: &Request<'_>, ino: u64, _fh: u64, _datasync: bool, reply: ReplyEmpty) {
        match self.disk().and_then(|mut disk| disk.sync_file(ino)) {
            Ok(()) => reply.ok(),
            Err(errno) => reply.error(errno),
        }
    }

    fn readdir(&mut self, _req: &Request<'_>, ino: u64, _fh: u64, offset: i64, mut reply: ReplyDirectory) {
        let listed = self.disk().and_then(|disk| {
            let mut entries = vec![(OsStr::new(".").to_owned(), ino, FileType::Directory)];
            entries.push((OsStr::new("..").to_owned(), ino, FileType::Directory));
            for (name, child) in disk.list(ino)? {
                let kind = if disk.node(child)?.is_folder() { FileType::Directory } else { FileType::RegularFile };
                entries.push((name, child, kind));
            }
            Ok(entries)
        });
        match listed {
            Ok(entries) => {
                for (index, (name, child, kind)) in entries.into_iter().enumerate().skip(offset.max(0) as usize) {
                    if reply.add(child, index as i64 + 1, kind, name) {
                        break;
                    }
                }
                reply.ok();
            }
            Err(errno) => reply.error(errno),
        }
    }

    fn fsyncdir(&mut self, _req: &Request<'_>, ino: u64, _fh: u64, _datasync: bool, reply: ReplyEmpty) {
        match self.disk().and_then(|mut disk| disk.sync_folder(ino)) {
            Ok(()) => reply.ok(),
            Err(errno) => reply.error(errno),
        }
    }

    fn access(&mut self, _req: &Request<'_>, ino: u64, _mask: i32, reply: ReplyEmpty) {
        match self.disk().and_then(|disk| disk.node(ino).map(|_| ())) {
            Ok(()) => reply.ok(),
            Err(errno) => reply.error(errno),
        }
    }

    fn fallocate(&mut self, _req: &Request<'_>, ino: u64, _fh: u64, offset: i64, length: i64, mode: i32, reply: ReplyEmpty) {
        let allocated = match mode {
            0 => self.disk().and_then(|mut disk| disk.resize(ino, (offset + length).max(0) as u64, true)),
            _ => Err(libc::EOPNOTSUPP),
        };
        match allocated {
            Ok(()) => reply.ok(),
            Err(errno) => reply.error(errno),
        }
    }
}
