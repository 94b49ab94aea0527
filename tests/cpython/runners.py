"""runners.py - the Python twin of runners.c: cases of CPython 3.11's
test_asyncio/test_runners.py (asyncio.run), on the virtual-clock loop."""
import asyncio
from vclock import run


def case(fn):
    print(f'== {fn.__name__}')
    fn()


@case
def test_asyncio_run_return():
    async def main():
        await asyncio.sleep(0)
        return 42
    print('result', run(main()))


@case
def test_asyncio_run_raises():
    class SpamError(Exception):
        pass

    async def main():
        await asyncio.sleep(0)
        raise SpamError('spam')
    try:
        run(main())
    except SpamError:
        print('raised SpamError')


@case
def test_asyncio_run_only_coro():
    try:
        run(None)
    except ValueError:
        print('ValueError')


@case
def test_asyncio_run_from_running_loop():
    async def main():
        coro = main()
        try:
            asyncio.run(coro)
        finally:
            coro.close()
    try:
        run(main())
    except RuntimeError:
        print('RuntimeError')


@case
def test_asyncio_run_cancels_hanging_tasks():
    lo_task = None

    async def leftover():
        await asyncio.sleep(0.1)

    async def main():
        nonlocal lo_task
        lo_task = asyncio.create_task(leftover())
        return 123
    print('result', run(main()), 'leftover done', lo_task.done(), 'cancelled', lo_task.cancelled())


@case
def test_run_twice():  # RunnerTests.test_run: two runs, one after the other, each with its own loop
    async def f(x):
        await asyncio.sleep(0.5)
        return x * 2
    print('results', run(f(1)), run(f(2)))
