// write(2) for Linux on AArch64, without libc.
//
// ABI facts this file relies on, once:
//   - Linux arm64 syscalls take their number in x8 and their arguments in x0..x5,
//     and return one value in x0; a value in [-4095, -1] is -errno.
//   - The kernel preserves every register but x0 across svc #0.
//   - AAPCS64 passes C arguments in x0..x7 in order and makes x8 (XR) caller-saved,
//     so the C arguments (fd, buf, count) already sit where the kernel wants them
//     and a leaf function may clobber x8 without a frame.
//   - The kernel reads fd as a 32-bit unsigned int, so the upper half of x0 is ignored.

#include "gnu_property.h"

	.text

// long syswrite_sys_write(int fd, const void *buf, unsigned long count)
//                         x0      x1               x2                    -> x0
	.p2align 2
	.globl	syswrite_sys_write
	.hidden	syswrite_sys_write
	.type	syswrite_sys_write, %function
syswrite_sys_write:
	.cfi_startproc
	bti	c			// landing pad for indirect calls (a NOP without FEAT_BTI)
	mov	x8, #64			// __NR_write
	svc	#0			// x0 = bytes written, or -errno
	ret				// LR is never spilled, so there is nothing to sign (PAC)
	.cfi_endproc
	.size	syswrite_sys_write, .-syswrite_sys_write

// Safe in a process that enforces BTI and PAC (see gnu_property.h).
	GNU_PROPERTY_NOTE(0xc0000000, 3)	// GNU_PROPERTY_AARCH64_FEATURE_1_AND: BTI | PAC

	.section .note.GNU-stack, "", %progbits	// the stack stays non-executable
