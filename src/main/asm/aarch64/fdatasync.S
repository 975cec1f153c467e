// fdatasync(2) for Linux on AArch64, without libc. The ABI facts are those of write.S, beside it:
// number in x8, fd already in x0 where AAPCS64 put it, x0 = 0 or -errno.

#include "gnu_property.h"

	.text

// long syswrite_sys_fdatasync(int fd)
//                             x0      -> x0
	.p2align 2
	.globl	syswrite_sys_fdatasync
	.hidden	syswrite_sys_fdatasync
	.type	syswrite_sys_fdatasync, %function
syswrite_sys_fdatasync:
	.cfi_startproc
	bti	c			// landing pad for indirect calls
	mov	x8, #83			// __NR_fdatasync
	svc	#0			// x0 = 0 once the data is on stable storage, or -errno
	ret				// a leaf: LR is never spilled, nothing to sign
	.cfi_endproc
	.size	syswrite_sys_fdatasync, .-syswrite_sys_fdatasync

	GNU_PROPERTY_NOTE(0xc0000000, 3)	// GNU_PROPERTY_AARCH64_FEATURE_1_AND: BTI | PAC

	.section .note.GNU-stack, "", %progbits	// the stack stays non-executable
