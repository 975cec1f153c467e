// fdatasync(2) for Linux on x86_64, without libc. The ABI facts are those of write.S, beside it:
// number in rax, fd already in rdi where the SysV ABI put it, rax = 0 or -errno, rcx and r11
// lost to syscall.

#include "gnu_property.h"

	.text

// long syswrite_sys_fdatasync(int fd)
//                             edi     -> rax
	.p2align 4
	.globl	syswrite_sys_fdatasync
	.hidden	syswrite_sys_fdatasync
	.type	syswrite_sys_fdatasync, %function
syswrite_sys_fdatasync:
	.cfi_startproc
	endbr64				// landing pad for indirect branches
	mov	$75, %eax		// __NR_fdatasync
	syscall				// rax = 0 once the data is on stable storage, or -errno
	ret
	.cfi_endproc
	.size	syswrite_sys_fdatasync, .-syswrite_sys_fdatasync

	GNU_PROPERTY_NOTE(0xc0000002, 3)	// GNU_PROPERTY_X86_FEATURE_1_AND: IBT | SHSTK

	.section .note.GNU-stack, "", %progbits	// the stack stays non-executable
