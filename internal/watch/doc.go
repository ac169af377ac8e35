// Package watch reports which source files of a site changed, in batches.
//
// It sits beside the build pipeline, not in it: `praxis serve` creates a
// [Watcher], rebuilds once, then calls [Watcher.Run] and rebuilds again for
// every [Batch] it receives. The package knows nothing about building or
// serving; it only turns file-system activity into lists of changed paths.
//
// # Batches
//
// A Batch is the net change of the site since the previous batch: one
// [Change] per file, with its path relative to the site root in forward
// slashes, sorted by path. A file that was saved five times is Modified once;
// a file created and deleted again in the same burst is not reported at all.
// A renamed file or folder is Removed under its old path and Created under the
// new one; a removed folder yields a Removed change for every file that was
// inside it, and a created or moved-in folder a Created change for every file
// inside it, however deep.
//
// Events are debounced: a batch is sent once the tree has been quiet for
// [Options.Debounce] (100ms by default), so a `git checkout` that touches 200
// files gives one batch. A burst that never goes quiet is cut into batches
// every ten debounce periods (at least every second), so a busy tree cannot
// starve the rebuild. While the receiver is busy, later changes merge into
// the batch waiting to be sent.
//
// # What is watched
//
// Folders listed in [Options.Dirs] are watched with everything inside them,
// and single files listed in [Options.Files] through their parent folder, so
// both may be missing at first and created later. Inside the Dirs these are
// skipped:
//
//   - hidden files and folders, whose names start with "." (.git, .DS_Store,
//     vim's .name.swp, emacs's .#name locks);
//   - editors' swap, backup and temporary files: names ending in "~", ".swp",
//     ".swo", ".swx", ".tmp", ".crswap", "___jb_tmp___" or "___jb_old___",
//     emacs's "#name#", and names made of digits only, like vim's "4913"
//     probe;
//   - whatever [Options.Ignore] reports, such as the output folder.
//
// Symbolic links are reported as files and not followed.
//
// # Editors
//
// Editors save in three ways: in place (most), by writing a temporary file
// and renaming it over the original (vim with some settings, JetBrains "safe
// write", VS Code for some file systems), or by deleting the file and
// creating it again. All three come out as one Modified change of the real
// file, because a batch is computed by comparing the files found on disk
// after the burst with the index of files known before it, not by replaying
// the individual events.
//
// # Notifications and polling
//
// By default the OS notifies the Watcher (inotify, kqueue or
// ReadDirectoryChangesW, through fsnotify). OS watches are per folder and not
// recursive, so the Watcher adds one for every folder it finds, including
// folders created later. When the OS runs out of watches (on Linux,
// fs.inotify.max_user_watches) the Watcher says so through [Options.Logf],
// with the command that raises the limit, and falls back to polling.
//
// With [Options.Poll] set, or after a fallback, the Watcher walks the trees
// at that interval and compares each file's size, mode and modification time
// to nanoseconds. Because many file systems store coarser times (FAT: 2s,
// HFS+: 1s, and Linux stamps files from a clock that advances in
// milliseconds), files modified within the last few seconds are also
// compared by a hash of their content, so two saves of the same size in the
// same second are still seen. The limit: a change that keeps size, mode and
// modification time of a file whose time is older than that window (for
// example a tool that restores the old time stamp) goes unnoticed.
package watch
