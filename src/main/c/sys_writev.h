/*
 * The writev(2) stub, hand-written per architecture in src/main/asm/<arch>/writev.S.
 * Returns the kernel's raw result: a byte count, or -errno in [-4095, -1].
 *
 * The kernel reads iovcnt as a 32-bit int and refuses one below 0 or above IOV_MAX (1024) with
 * EINVAL; it reads the iovecs from user memory, so an unreadable array or range is EFAULT (or a
 * short write, if an earlier iovec was taken), never a fault in the caller; and it caps the
 * total at MAX_RW_COUNT (0x7ffff000 bytes with 4 KiB pages): a short write, not an error.
 */
#ifndef SYSWRITE_SYS_WRITEV_H
#define SYSWRITE_SYS_WRITEV_H

/* The kernel's struct iovec (uapi/linux/uio.h), declared here: the shim includes no libc header. */
struct syswrite_iovec {
	const void *base;
	unsigned long len;
};

/* Hidden, like its definition: a direct call, no PLT and no GOT. */
__attribute__((visibility("hidden")))
long syswrite_sys_writev(int fd, const struct syswrite_iovec *iov, int iovcnt);

#endif
