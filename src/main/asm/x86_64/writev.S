// writev(2) for Linux on x86_64, without libc. The ABI facts are those of write.S, beside it:
// number in rax, (fd, iov, iovcnt) already in rdi, rsi, rdx where the SysV ABI put them,
// rax = count or -errno, rcx and r11 lost to syscall.
// What the kernel checks of the iovecs is said once, in src/main/c/sys_writev.h.

#include "gnu_property.h"

	.text

// long syswrite_sys_writev(int fd, const struct iovec *iov, int iovcnt)
//                          edi     rsi                      edx         -> rax
	.p2align 4
	.globl	syswrite_sys_writev
	.hidden	syswrite_sys_writev
	.type	syswrite_sys_writev, %function
syswrite_sys_writev:
	.cfi_startproc
	endbr64				// landing pad for indirect branches
	mov	$20, %eax		// __NR_writev
	syscall				// rax = bytes written, or -errno
	ret
	.cfi_endproc
	.size	syswrite_sys_writev, .-syswrite_sys_writev

	GNU_PROPERTY_NOTE(0xc0000002, 3)	// GNU_PROPERTY_X86_FEATURE_1_AND: IBT | SHSTK

	.section .note.GNU-stack, "", %progbits	// the stack stays non-executable
