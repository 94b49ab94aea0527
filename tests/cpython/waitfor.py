"""waitfor.py - the Python twin of waitfor.c: cases of CPython 3.11's
test_asyncio/test_waitfor.py, printing what the original asserts."""
import asyncio
from vclock import case, now

_EPSILON = 0.0001


@case
async def test_wait_for_timeout_less_then_0_or_0_future_done():
    async def done():
        return 'done'
    fut = asyncio.create_task(done())
    await asyncio.sleep(0)
    ret = await asyncio.wait_for(fut, 0)
    print('ret', ret, 'done', fut.done())


@case
async def test_wait_for_timeout_less_then_0_or_0():
    for timeout in [0, -1]:
        foo_running = None
        started = asyncio.Event()

        async def foo():
            nonlocal foo_running
            foo_running = True
            started.set()
            try:
                await asyncio.sleep(10)
            finally:
                foo_running = False
            return 'done'

        fut = asyncio.create_task(foo())
        await started.wait()
        try:
            await asyncio.wait_for(fut, timeout)
        except asyncio.TimeoutError:
            print('timeout', timeout, 'TimeoutError at', now())
        print('done', fut.done(), 'cancelled', fut.cancelled(), 'foo_running', foo_running)


@case
async def test_wait_for():
    foo_running = None

    async def foo():
        nonlocal foo_running
        foo_running = True
        try:
            await asyncio.sleep(300)
        finally:
            foo_running = False
        return 'done'

    fut = asyncio.create_task(foo())
    try:
        await asyncio.wait_for(fut, 0.1)
    except asyncio.TimeoutError:
        print('TimeoutError at', now())
    print('done', fut.done(), 'cancelled', fut.cancelled(), 'foo_running', foo_running)


@case
async def test_wait_for_blocking():
    async def coro():
        return 'done'
    res = await asyncio.wait_for(coro(), timeout=None)
    print('res', res)


@case
async def test_wait_for_race_condition():
    async def later():  # loop.call_later(0.1, fut.set_result, "ok")
        await asyncio.sleep(0.1)
        return 'ok'
    res = await asyncio.wait_for(asyncio.create_task(later()), timeout=0.2)
    print('res', res, 'at', now())


@case
async def test_wait_for_waits_for_task_cancellation():
    task_done = False

    async def inner():
        nonlocal task_done
        try:
            await asyncio.sleep(10)
        finally:
            task_done = True

    inner_task = asyncio.create_task(inner())
    try:
        await asyncio.wait_for(inner_task, timeout=_EPSILON)
    except asyncio.TimeoutError as e:
        print('TimeoutError from', type(e.__context__).__name__)
    print('task_done', task_done)


@case
async def test_wait_for_waits_for_task_cancellation_w_timeout_0():
    task_done = False

    async def foo():
        async def inner():
            nonlocal task_done
            try:
                await asyncio.sleep(10)
            finally:
                task_done = True

        inner_task = asyncio.create_task(inner())
        await asyncio.sleep(_EPSILON)
        await asyncio.wait_for(inner_task, timeout=0)

    try:
        await foo()
    except asyncio.TimeoutError:
        print('TimeoutError')
    print('task_done', task_done)


@case
async def test_wait_for_reraises_exception_during_cancellation():
    class FooException(Exception):
        pass

    async def foo():
        async def inner():
            try:
                await asyncio.sleep(0.2)
            finally:
                raise FooException

        inner_task = asyncio.create_task(inner())
        await asyncio.wait_for(inner_task, timeout=_EPSILON)

    try:
        await foo()
    except FooException:
        print('FooException')


@case
async def test_cancel_blocking_wait_for():
    async def blocking_coroutine():
        await asyncio.Event().wait()

    task = asyncio.create_task(blocking_coroutine())
    wait = asyncio.create_task(asyncio.wait_for(task, None))
    asyncio.get_running_loop().call_soon(wait.cancel)
    try:
        await wait
    except asyncio.CancelledError:
        print('CancelledError')
    print('task cancelled', task.cancelled())


@case
async def test_cancel_wait_for():
    async def blocking_coroutine():
        await asyncio.Event().wait()

    task = asyncio.create_task(blocking_coroutine())
    wait = asyncio.create_task(asyncio.wait_for(task, 60.0))
    asyncio.get_running_loop().call_soon(wait.cancel)
    try:
        await wait
    except asyncio.CancelledError:
        print('CancelledError')
    print('task cancelled', task.cancelled())
