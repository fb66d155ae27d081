//! The power-cut file system mounted for real: programs' calls through the kernel reach it, and a
//! cut keeps exactly what they synced. Skipped, saying so, where the machine has no FUSE device.

use std::fs::{self, File};
use std::io::Write;

use sonae_power_cut_fs::PowerCutFs;

fn mounted() -> Option<(tempfile::TempDir, PowerCutFs)> {
    if !PowerCutFs::available() {
        eprintln!("skipped: this machine has no /dev/fuse");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let fs = PowerCutFs::mount(dir.path()).expect("mount the power-cut file system");
    Some((dir, fs))
}

#[test]
fn synced_data_survives_and_unsynced_data_new_names_and_renames_do_not() {
    let Some((_dir, mut fs)) = mounted() else { return };
    let root = fs.path().to_owned();
    let sync_folder = |path: &std::path::Path| File::open(path).unwrap().sync_all().unwrap();

    let mut kept = File::create(root.join("kept")).unwrap();
    kept.write_all(b"synced").unwrap();
    kept.sync_all().unwrap();
    sync_folder(&root);
    kept.write_all(b" but not this").unwrap();
    drop(kept);
    fs::write(root.join("unsynced-name"), b"contents").unwrap();
    fs::rename(root.join("kept"), root.join("renamed")).unwrap();
    fs::create_dir(root.join("folder")).unwrap();
    assert_eq!(fs::read(root.join("renamed")).unwrap(), b"synced but not this");

    fs.cut_power();
    assert!(fs::read(root.join("renamed")).is_err(), "the dead mount answers nothing");
    fs.restore_power().unwrap();
    let mut names: Vec<String> = fs::read_dir(&root).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["kept"]);
    assert_eq!(fs::read(root.join("kept")).unwrap(), b"synced");

    // Once the folder is synced the rename holds.
    fs::rename(root.join("kept"), root.join("renamed")).unwrap();
    sync_folder(&root);
    fs.cut_power();
    fs.restore_power().unwrap();
    assert_eq!(fs::read(root.join("renamed")).unwrap(), b"synced");
    assert_eq!(fs.counts().2, 2);
}

#[test]
fn a_file_written_through_a_shared_mapping_and_locked_works_as_on_a_disk() {
    let Some((_dir, fs)) = mounted() else { return };
    let path = fs.path().join("mapped");
    let file = fs::OpenOptions::new().read(true).write(true).create(true).truncate(true).open(&path).unwrap();
    file.set_len(4096).unwrap();
    use std::os::fd::AsRawFd;
    // SAFETY: a fresh shared mapping of a file this test owns, unmapped before the file is closed.
    unsafe {
        let map =
            libc::mmap(std::ptr::null_mut(), 4096, libc::PROT_READ | libc::PROT_WRITE, libc::MAP_SHARED, file.as_raw_fd(), 0);
        assert_ne!(map, libc::MAP_FAILED, "{}", std::io::Error::last_os_error());
        std::ptr::copy_nonoverlapping(b"mapped".as_ptr(), map as *mut u8, 6);
        assert_eq!(libc::msync(map, 4096, libc::MS_SYNC), 0);
        libc::munmap(map, 4096);
        let lock = libc::flock { l_type: libc::F_WRLCK as i16, l_whence: libc::SEEK_SET as i16, l_start: 0, l_len: 1, l_pid: 0 };
        assert_eq!(libc::fcntl(file.as_raw_fd(), libc::F_SETLK, &lock), 0, "{}", std::io::Error::last_os_error());
    }
    assert_eq!(&fs::read(&path).unwrap()[..6], b"mapped");
}
