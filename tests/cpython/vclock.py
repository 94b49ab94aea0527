"""vclock.py - runs an asyncio coroutine on a virtual clock, as the C twins
run under ASYNC_CLOCK=virtual: time stands still while tasks run and jumps
to the next timer when nothing is ready. Each case prints "== name" and then
what it observes, so the C twin's output can be compared line for line."""
import asyncio


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__()
        self._vtime = 0.0
        self._selector.select = self._vselect

    def time(self):
        return self._vtime

    def _vselect(self, timeout=None):
        if timeout is None:
            raise RuntimeError('deadlock: nothing is ready and no timer is set')
        if timeout > 0:
            self._vtime += timeout
        return []


def run(main):
    with asyncio.Runner(loop_factory=VirtualLoop) as runner:
        return runner.run(main)


def now():
    return f'{asyncio.get_running_loop().time():.2f}'


def case(fn):
    """Run one ported test: print its name, then run it on a fresh loop."""
    print(f'== {fn.__name__}')
    try:
        run(fn())
    except BaseException as e:  # what escaped the test is part of its output
        print('raised', type(e).__name__)
    return fn
