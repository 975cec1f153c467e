/*
 * The GNU property note (ELF gABI, NT_GNU_PROPERTY_TYPE_0): one 32-bit feature mask under a
 * "feature_1_and" property type. The linker keeps a feature in the .so only if every input
 * object sets it, and the dynamic loader enables enforcement (BTI, IBT, shadow stacks) only for
 * what the whole process carries: one unmarked object would turn protection off.
 *
 * Layout: n_namesz = 4, n_descsz = 16, n_type = 5, "GNU\0", then pr_type, pr_datasz = 4,
 * pr_data = features, and 4 bytes of padding to the 8-byte alignment of 64-bit notes.
 */
#ifndef SYSWRITE_GNU_PROPERTY_H
#define SYSWRITE_GNU_PROPERTY_H

#define GNU_PROPERTY_NOTE(type, features)         \
	.pushsection .note.gnu.property, "a";     \
	.p2align 3;                               \
	.long 4; .long 16; .long 5; .asciz "GNU"; \
	.long type; .long 4; .long features;      \
	.long 0;                                  \
	.popsection

#endif
