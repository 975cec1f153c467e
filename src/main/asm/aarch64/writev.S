// writev(2) for Linux on AArch64, without libc. The ABI facts are those of write.S, beside it:
// number in x8, (fd, iov, iovcnt) already in x0..x2 where AAPCS64 put them, x0 = count or -errno.
// What the kernel checks of the iovecs is said once, in src/main/c/sys_writev.h.

#include "gnu_property.h"

	.text

// long syswrite_sys_writev(int fd, const struct iovec *iov, int iovcnt)
//                          x0      x1                       x2          -> x0
	.p2align 2
	.globl	syswrite_sys_writev
	.hidden	syswrite_sys_writev
	.type	syswrite_sys_writev, %function
syswrite_sys_writev:
	.cfi_startproc
	bti	c			// landing pad for indirect calls
	mov	x8, #66			// __NR_writev
	svc	#0			// x0 = bytes written, or -errno
	ret				// a leaf: LR is never spilled, nothing to sign
	.cfi_endproc
	.size	syswrite_sys_writev, .-syswrite_sys_writev

	GNU_PROPERTY_NOTE(0xc0000000, 3)	// GNU_PROPERTY_AARCH64_FEATURE_1_AND: BTI | PAC

	.section .note.GNU-stack, "", %progbits	// the stack stays non-executable
