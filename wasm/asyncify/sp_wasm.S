# sp_wasm.S - read and set the C shadow stack pointer (__stack_pointer),
# which Asyncify does not save: ctx_wasm.c moves it between task stacks.
# Assembled by emcc and by clang --target=wasm32-wasip1 alike.
	.globaltype	__stack_pointer, i32

	.globl	async__sp_get
	.type	async__sp_get,@function
async__sp_get:
	.functype	async__sp_get () -> (i32)
	global.get	__stack_pointer
	end_function

	.globl	async__sp_set
	.type	async__sp_set,@function
async__sp_set:
	.functype	async__sp_set (i32) -> ()
	local.get	0
	global.set	__stack_pointer
	end_function
