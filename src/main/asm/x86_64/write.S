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

// GNU property note: this object is safe in a process that enforces CET (IBT, shadow
// stack). The linker keeps a property in the .so only if every input object carries it.
	.section .note.gnu.property, "a"
	.p2align 3
	.long	4			// n_namesz
	.long	16			// n_descsz
	.long	5			// n_type: NT_GNU_PROPERTY_TYPE_0
	.asciz	"GNU"
	.long	0xc0000002		// GNU_PROPERTY_X86_FEATURE_1_AND
	.long	4			// pr_datasz
	.long	3			// IBT | SHSTK
	.long	0			// pad to 8 bytes

	.section .note.GNU-stack, "", %progbits	// the stack stays non-executable
