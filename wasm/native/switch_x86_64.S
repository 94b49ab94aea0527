/*
 * switch_x86_64.S - the native context switch for x86-64 System V.
 *
 * void async__switch(void **save_sp, void *load_sp)
 *   Pushes the callee-saved registers and the FPU/SSE control words on the
 *   current stack, stores the stack pointer in *save_sp, loads load_sp and
 *   pops the same frame from there. A fresh stack is laid out by ctx_native.c
 *   so that the final `ret` enters its entry function.
 */
#if defined(__x86_64__)
	.text
	.globl	async__switch
	.type	async__switch, @function
async__switch:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$8, %rsp
	stmxcsr	(%rsp)
	fnstcw	4(%rsp)
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	ldmxcsr	(%rsp)
	fldcw	4(%rsp)
	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.size	async__switch, .-async__switch
#endif
	.section .note.GNU-stack,"",@progbits
