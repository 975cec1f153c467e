/*
 * The fdatasync(2) stub, hand-written per architecture in src/main/asm/<arch>/fdatasync.S.
 * Returns the kernel's raw result: 0, or -errno in [-4095, -1].
 *
 * The kernel writes the file's dirty pages and the metadata needed to read them back (its size,
 * not its times) to the device, and returns once the device says they are stable: EBADF for a
 * descriptor that is not open, EINVAL for one that cannot be synced (a pipe, a socket, a
 * character device such as /dev/null), EIO or ENOSPC if writeback failed since the last sync.
 */
#ifndef SYSWRITE_SYS_FDATASYNC_H
#define SYSWRITE_SYS_FDATASYNC_H

/* Hidden, like its definition: a direct call, no PLT and no GOT. */
__attribute__((visibility("hidden")))
long syswrite_sys_fdatasync(int fd);

#endif
