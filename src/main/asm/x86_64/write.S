// write(2) for Linux on x86_64, without libc.
//
// ABI facts this file relies on, once:
//   - Linux x86_64 syscalls take their number in rax and their arguments in
//     rdi, rsi, rdx, r10, r8, r9, and return one value in rax; a value in
//     [-4095, -1] is -errno.
//   - syscall overwrites rcx (return rip) and r11 (rflags); the SysV ABI makes both
//     caller-saved, so a leaf function may lose them.
//   - The SysV ABI passes the first three C arguments in rdi, rsi, rdx: exactly the
//     syscall's, so (fd, buf, count) need no moves.
//   - The kernel reads fd as a 32-bit unsigned int, so the upper half of rdi is ignored.

#include "gnu_property.h"

	.text

// long syswrite_sys_write(int fd, const void *buf, unsigned long count)
//                         edi     rsi              rdx                   -> rax
	.p2align 4
	.globl	syswrite_sys_write
	.hidden	syswrite_sys_write
	.type	syswrite_sys_write, %function
syswrite_sys_write:
	.cfi_startproc
	endbr64				// landing pad for indirect branches (a NOP without CET)
	mov	$1, %eax		// __NR_write
	syscall				// rax = bytes written, or -errno
	ret
	.cfi_endproc
	.size	syswrite_sys_write, .-syswrite_sys_write

// Safe in a process that enforces CET (see gnu_property.h).
	GNU_PROPERTY_NOTE(0xc0000002, 3)	// GNU_PROPERTY_X86_FEATURE_1_AND: IBT | SHSTK

	.section .note.GNU-stack, "", %progbits	// the stack stays non-executable
