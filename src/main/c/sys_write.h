/*
 * The write(2) stub, hand-written per architecture in src/main/asm/<arch>/write.S.
 * Returns the kernel's raw result: a byte count, or -errno in [-4095, -1].
 */
#ifndef SYSWRITE_SYS_WRITE_H
#define SYSWRITE_SYS_WRITE_H

/* Hidden, like its definition: a direct call, no PLT and no GOT. */
__attribute__((visibility("hidden")))
long syswrite_sys_write(int fd, const void *buf, unsigned long count);

#endif
