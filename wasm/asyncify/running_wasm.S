# running_wasm.S - the running task's id in a wasm global, outside linear
# memory: a trap that tramples memory (a stack overflow writes down through
# the heap and the data) leaves it intact, so the host still names the task
# that faulted (ring_wasm.c sets it with each RUN, SUSPEND and DONE).
# Assembled by emcc and by clang --target=wasm32-wasip1 alike.
	.globaltype	async__running, i32
async__running:

	.globl	async__running_get
	.type	async__running_get,@function
async__running_get:
	.functype	async__running_get () -> (i32)
	global.get	async__running
	end_function

	.globl	async__running_set
	.type	async__running_set,@function
async__running_set:
	.functype	async__running_set (i32) -> ()
	local.get	0
	global.set	async__running
	end_function
