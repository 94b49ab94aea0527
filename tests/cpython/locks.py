"""locks.py - the Python twin of locks.c: Lock, Event and Condition cases of
CPython 3.11's test_asyncio/test_locks.py, printing what the original asserts."""
import asyncio
from vclock import case, now


@case
async def test_lock():
    lock = asyncio.Lock()
    print('locked', lock.locked())


@case
async def test_acquire():
    lock = asyncio.Lock()
    result = []
    print('acquire', await lock.acquire())

    async def c(n):
        if await lock.acquire():
            result.append(n)
        return True

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    await asyncio.sleep(0)
    print('result', result)
    lock.release()
    await asyncio.sleep(0)
    print('result', result)
    await asyncio.sleep(0)
    print('result', result)
    t3 = asyncio.create_task(c(3))
    lock.release()
    await asyncio.sleep(0)
    print('result', result)
    lock.release()
    await asyncio.sleep(0)
    print('result', result)
    print('done', t1.done(), t1.result(), t2.done(), t2.result(), t3.done(), t3.result())


@case
async def test_acquire_cancel():
    lock = asyncio.Lock()
    print('acquire', await lock.acquire())
    task = asyncio.create_task(lock.acquire())
    asyncio.get_running_loop().call_soon(task.cancel)
    try:
        await task
    except asyncio.CancelledError:
        print('CancelledError')
    print('locked', lock.locked())


@case
async def test_cancel_race():
    lock = asyncio.Lock()

    async def lockit(name, blocker):
        await lock.acquire()
        try:
            if blocker is not None:
                await blocker
        finally:
            lock.release()

    fa = asyncio.Event()  # the original's future, set once
    ta = asyncio.create_task(lockit('A', fa.wait()))
    await asyncio.sleep(0)
    print('locked', lock.locked())
    tb = asyncio.create_task(lockit('B', None))
    await asyncio.sleep(0)
    tc = asyncio.create_task(lockit('C', None))
    await asyncio.sleep(0)
    fa.set()
    tb.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)  # the original's future wakes A one turn sooner than an Event
    print('locked', lock.locked(), 'ta done', ta.done(), 'tb cancelled', tb.cancelled())
    await tc
    print('tc done', tc.done())


@case
async def test_cancel_release_race():
    lock = asyncio.Lock()
    lock_count = 0
    call_count = 0

    async def lockit():
        nonlocal lock_count, call_count
        call_count += 1
        await lock.acquire()
        lock_count += 1

    def trigger():
        t1.cancel()
        lock.release()

    await lock.acquire()
    t1 = asyncio.create_task(lockit())
    t2 = asyncio.create_task(lockit())
    t3 = asyncio.create_task(lockit())
    await asyncio.sleep(0)
    asyncio.get_running_loop().call_soon(trigger)
    try:
        await t1
    except asyncio.CancelledError:
        print('CancelledError')
    print('lock_count', lock_count, 'call_count', call_count)
    print('t1 cancelled', t1.cancelled(), 't2 done', t2.done())
    t3.cancel()
    await asyncio.sleep(0)
    print('t3 cancelled', t3.cancelled())


@case
async def test_finished_waiter_cancelled():
    lock = asyncio.Lock()
    await lock.acquire()
    print('locked', lock.locked())
    tb = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    tc = asyncio.create_task(lock.acquire())
    tb.cancel()
    lock.release()
    await asyncio.sleep(0)
    print('locked', lock.locked(), 'tb cancelled', tb.cancelled())
    await tc
    print('tc done', tc.done())


@case
async def test_release_not_acquired():
    lock = asyncio.Lock()
    try:
        lock.release()
    except RuntimeError:
        print('RuntimeError')


@case
async def test_release_no_waiters():
    lock = asyncio.Lock()
    await lock.acquire()
    print('locked', lock.locked())
    lock.release()
    print('locked', lock.locked())


@case
async def test_context_manager():
    lock = asyncio.Lock()
    async with lock:
        print('locked', lock.locked())
    print('locked', lock.locked())


@case
async def test_event_wait():
    ev = asyncio.Event()
    print('is_set', ev.is_set())
    result = []

    async def c(n):
        if await ev.wait():
            result.append(n)

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    await asyncio.sleep(0)
    print('result', result)
    t3 = asyncio.create_task(c(3))
    ev.set()
    await asyncio.sleep(0)
    print('result', result)
    print('done', t1.done(), t2.done(), t3.done())


@case
async def test_event_wait_on_set():
    ev = asyncio.Event()
    ev.set()
    print('wait', await ev.wait())


@case
async def test_event_wait_cancel():
    ev = asyncio.Event()
    wait = asyncio.create_task(ev.wait())
    asyncio.get_running_loop().call_soon(wait.cancel)
    try:
        await wait
    except asyncio.CancelledError:
        print('CancelledError')


@case
async def test_event_clear():
    ev = asyncio.Event()
    print('is_set', ev.is_set())
    ev.set()
    print('is_set', ev.is_set())
    ev.clear()
    print('is_set', ev.is_set())


@case
async def test_event_clear_with_waiters():
    ev = asyncio.Event()
    result = []

    async def c1():
        if await ev.wait():
            result.append(1)
        return True

    t = asyncio.create_task(c1())
    await asyncio.sleep(0)
    print('result', result)
    ev.set()
    ev.clear()
    print('is_set', ev.is_set())
    ev.set()
    ev.set()
    await asyncio.sleep(0)
    print('result', result)
    print('done', t.done(), t.result())


@case
async def test_condition_wait():
    cond = asyncio.Condition()
    result = []

    async def c(n):
        await cond.acquire()
        if await cond.wait():
            result.append(n)
        return True

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    t3 = asyncio.create_task(c(3))
    await asyncio.sleep(0)
    print('result', result, 'locked', cond.locked())
    print('acquire', await cond.acquire())
    cond.notify()
    await asyncio.sleep(0)
    print('result', result, 'locked', cond.locked())
    cond.release()
    await asyncio.sleep(0)
    print('result', result, 'locked', cond.locked())
    cond.notify(2)
    await asyncio.sleep(0)
    print('result', result, 'locked', cond.locked())
    cond.release()
    await asyncio.sleep(0)
    print('result', result, 'locked', cond.locked())
    cond.release()
    await asyncio.sleep(0)
    print('result', result, 'locked', cond.locked())
    print('done', t1.done(), t2.done(), t3.done())


@case
async def test_condition_wait_cancel():
    cond = asyncio.Condition()
    await cond.acquire()
    wait = asyncio.create_task(cond.wait())
    asyncio.get_running_loop().call_soon(wait.cancel)
    try:
        await wait
    except asyncio.CancelledError:
        print('CancelledError')
    print('locked', cond.locked())


@case
async def test_condition_wait_cancel_after_notify():
    waited = False
    cond = asyncio.Condition()

    async def wait_on_cond():
        nonlocal waited
        async with cond:
            waited = True
            await cond.wait()

    waiter = asyncio.create_task(wait_on_cond())
    await asyncio.sleep(0)
    await cond.acquire()
    cond.notify()
    await asyncio.sleep(0)
    waiter.cancel()
    await asyncio.sleep(0)
    cond.release()
    await asyncio.sleep(0)
    print('cancelled', waiter.cancelled(), 'waited', waited, 'locked', cond.locked())


@case
async def test_condition_wait_unacquired():
    cond = asyncio.Condition()
    try:
        await cond.wait()
    except RuntimeError:
        print('RuntimeError')


@case
async def test_condition_wait_for():
    cond = asyncio.Condition()
    presult = False
    result = []

    async def c1():
        await cond.acquire()
        if await cond.wait_for(lambda: presult):
            result.append(1)
            cond.release()
        return True

    t = asyncio.create_task(c1())
    await asyncio.sleep(0)
    print('result', result)
    await cond.acquire()
    cond.notify()
    cond.release()
    await asyncio.sleep(0)
    print('result', result)
    presult = True
    await cond.acquire()
    cond.notify()
    cond.release()
    await asyncio.sleep(0)
    print('result', result)
    print('done', t.done(), t.result())


@case
async def test_condition_notify():
    cond = asyncio.Condition()
    result = []

    async def c(n):
        await cond.acquire()
        if await cond.wait():
            result.append(n)
            cond.release()
        return True

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    t3 = asyncio.create_task(c(3))
    await asyncio.sleep(0)
    print('result', result)
    await cond.acquire()
    cond.notify(1)
    cond.release()
    await asyncio.sleep(0)
    print('result', result)
    await cond.acquire()
    cond.notify(1)
    cond.notify(2048)
    cond.release()
    await asyncio.sleep(0)
    print('result', result)
    print('done', t1.done(), t2.done(), t3.done())


@case
async def test_condition_notify_all():
    cond = asyncio.Condition()
    result = []

    async def c(n):
        await cond.acquire()
        if await cond.wait():
            result.append(n)
            cond.release()
        return True

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    await asyncio.sleep(0)
    print('result', result)
    await cond.acquire()
    cond.notify_all()
    cond.release()
    await asyncio.sleep(0)
    print('result', result)
    print('done', t1.done(), t2.done())


@case
async def test_condition_notify_unacquired():
    cond = asyncio.Condition()
    try:
        cond.notify()
    except RuntimeError:
        print('RuntimeError')
    try:
        cond.notify_all()
    except RuntimeError:
        print('RuntimeError')


@case
async def test_condition_explicit_lock():
    lock = asyncio.Lock()
    cond = asyncio.Condition(lock)
    print('same lock', cond._lock is lock)
    await lock.acquire()
    print('locked', cond.locked())
    lock.release()
    print('locked', cond.locked())


@case
async def test_condition_timeout_in_block():
    condition = asyncio.Condition()
    async with condition:
        try:
            await asyncio.wait_for(condition.wait(), timeout=0.5)
        except asyncio.TimeoutError:
            print('TimeoutError at', now(), 'locked', condition.locked())
