"""tasks.py - the Python twin of tasks.c: cases of CPython 3.11's
test_asyncio/test_tasks.py (tasks, wait, as_completed, gather), rewritten
from its test loop (a time generator) to the virtual-clock loop, printing
what the original asserts."""
import asyncio
from vclock import case, now


@case
async def test_wait():
    a = asyncio.create_task(asyncio.sleep(0.1))
    b = asyncio.create_task(asyncio.sleep(0.15))
    done, pending = await asyncio.wait([b, a])
    print('done', len(done), 'pending', len(pending), 'at', now())
    done, pending = await asyncio.wait([b, a])  # again: no time
    print('done', len(done), 'pending', len(pending), 'at', now())


@case
async def test_wait_first_completed():
    a = asyncio.create_task(asyncio.sleep(10.0))
    b = asyncio.create_task(asyncio.sleep(0.1))
    done, pending = await asyncio.wait([b, a], return_when=asyncio.FIRST_COMPLETED)
    print('b done', b in done, 'a pending', a in pending, a.done(), b.done(), b.result(), 'at', now())
    a.cancel()


@case
async def test_wait_first_exception():
    a = asyncio.create_task(asyncio.sleep(10.0))

    async def exc():
        raise ZeroDivisionError('err')

    b = asyncio.create_task(exc())
    done, pending = await asyncio.wait([b, a], return_when=asyncio.FIRST_EXCEPTION)
    print('b done', b in done, 'a pending', a in pending, 'at', now())
    a.cancel()


@case
async def test_wait_with_timeout():
    a = asyncio.create_task(asyncio.sleep(0.1))
    b = asyncio.create_task(asyncio.sleep(0.15))
    done, pending = await asyncio.wait([b, a], timeout=0.11)
    print('a done', a in done, 'b pending', b in pending, 'at', now())
    b.cancel()


@case
async def test_as_completed():
    async def sleeper(dt, x):
        await asyncio.sleep(dt)
        return x

    values = []
    for f in asyncio.as_completed([asyncio.create_task(sleeper(0.01, 'b')), asyncio.create_task(sleeper(0.15, 'c')),
                                   asyncio.create_task(sleeper(0.01, 'a'))]):
        values.append(await f)
    print('first two', sorted(values[:2]), 'last', values[2], 'at', now())


@case
async def test_cancel_current_task():
    async def task():
        t.cancel()
        await asyncio.sleep(100)
        return 12

    t = asyncio.create_task(task())
    print('cancelled', t.cancelled())
    try:
        await t
    except asyncio.CancelledError:
        print('CancelledError')
    print('done', t.done(), 'cancelled', t.cancelled(), 'cancel again', t.cancel(), 'at', now())


@case
async def test_cancel_awaited_task():
    async def slow():
        await asyncio.sleep(10)

    t = asyncio.create_task(slow())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('CancelledError')
    print('cancelled', t.cancelled(), 'at', now())


@case
async def test_current_task_with_interleaving_tasks():
    fut1 = asyncio.Event()
    fut2 = asyncio.Event()

    async def coro1():
        print('task1 is current', asyncio.current_task() is task1)
        await fut1.wait()
        print('task1 is current', asyncio.current_task() is task1)
        fut2.set()

    async def coro2():
        print('task2 is current', asyncio.current_task() is task2)
        fut1.set()
        await fut2.wait()
        print('task2 is current', asyncio.current_task() is task2)

    task1 = asyncio.create_task(coro1())
    task2 = asyncio.create_task(coro2())
    await asyncio.wait((task1, task2))


@case
async def test_sleep_cancel():
    t = asyncio.create_task(asyncio.sleep(10.0, 'yeah'))
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.sleep(0)
    print('cancelled', t.cancelled(), 'at', now())


@case
async def test_gather_success():
    async def value(dt, x):
        await asyncio.sleep(dt)
        return x
    res = await asyncio.gather(*[asyncio.create_task(value(dt, x)) for dt, x in [(0.3, 'a'), (0.1, 'b'), (0.2, 'c')]])
    print('results', res, 'at', now())


@case
async def test_cancel_gather_1():
    async def child():
        await asyncio.sleep(10)

    kids = [asyncio.create_task(child()) for _ in range(2)]
    async def gather():
        return await asyncio.gather(*kids)

    gather_task = asyncio.create_task(gather())
    await asyncio.sleep(0.1)
    gather_task.cancel()
    try:
        await gather_task
    except asyncio.CancelledError:
        print('CancelledError')
    print('children cancelled', [k.cancelled() for k in kids], 'at', now())


@case
async def test_task_basics():  # a task's state without awaiting it: done, cancelled, result
    async def forty_two():
        await asyncio.sleep(0.1)
        return 42
    t = asyncio.create_task(forty_two())
    print('done', t.done(), 'cancelled', t.cancelled())
    try:
        t.result()
    except asyncio.InvalidStateError:
        print('InvalidStateError')
    await asyncio.sleep(0.2)
    print('done', t.done(), 'cancelled', t.cancelled(), 'result', t.result())
