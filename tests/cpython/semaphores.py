"""semaphores.py - the Python twin of semaphores.c: Semaphore and Barrier
cases of CPython 3.11's test_asyncio/test_locks.py, printing what the
original asserts."""
import asyncio
from vclock import case, now


@case
async def test_initial_value_zero():
    sem = asyncio.Semaphore(0)
    print('locked', sem.locked())


@case
async def test_semaphore():
    sem = asyncio.Semaphore()
    print('value', sem._value, 'locked', sem.locked())


@case
async def test_semaphore_value():
    try:
        asyncio.Semaphore(-1)
    except ValueError:
        print('ValueError')


@case
async def test_acquire():
    sem = asyncio.Semaphore(3)
    result = []
    print('acquire', await sem.acquire(), await sem.acquire(), 'locked', sem.locked())

    async def c(n):
        await sem.acquire()
        result.append(n)
        return True

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    t3 = asyncio.create_task(c(3))
    await asyncio.sleep(0)
    print('result', result, 'locked', sem.locked(), 'value', sem._value)
    t4 = asyncio.create_task(c(4))
    sem.release()
    sem.release()
    print('value', sem._value)
    await asyncio.sleep(0)
    print('value', sem._value, 'results', len(result), 'locked', sem.locked())
    print('t1', t1.done(), t1.result())
    print('done', sum(1 for t in [t2, t3, t4] if t.done() and t.result()))
    sem.release()
    await asyncio.gather(t2, t3, t4)
    print('result', result)


@case
async def test_acquire_cancel():
    sem = asyncio.Semaphore()
    await sem.acquire()
    acquire = asyncio.create_task(sem.acquire())
    asyncio.get_running_loop().call_soon(acquire.cancel)
    try:
        await acquire
    except asyncio.CancelledError:
        print('CancelledError')
    print('value', sem._value, 'locked', sem.locked())


@case
async def test_acquire_cancel_before_awoken():
    sem = asyncio.Semaphore(value=0)
    t1 = asyncio.create_task(sem.acquire())
    t2 = asyncio.create_task(sem.acquire())
    t3 = asyncio.create_task(sem.acquire())
    t4 = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    t1.cancel()
    t2.cancel()
    sem.release()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('t3 done', t3.done(), 't4 done', t4.done())
    t3.cancel()
    t4.cancel()
    await asyncio.sleep(0)


@case
async def test_acquire_hang():
    sem = asyncio.Semaphore(value=0)
    t1 = asyncio.create_task(sem.acquire())
    t2 = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    t1.cancel()
    sem.release()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('locked', sem.locked(), 't2 done', t2.done())


@case
async def test_acquire_no_hang():
    sem = asyncio.Semaphore(1)

    async def c1():
        async with sem:
            await asyncio.sleep(0)
        t2.cancel()

    async def c2():
        async with sem:
            print('c2 should not get here')

    t1 = asyncio.create_task(c1())
    t2 = asyncio.create_task(c2())
    r1, r2 = await asyncio.gather(t1, t2, return_exceptions=True)
    print('r1', r1, 'r2', type(r2).__name__)
    await asyncio.wait_for(sem.acquire(), timeout=1.0)
    print('acquired at', now())


@case
async def test_release_not_acquired():
    sem = asyncio.BoundedSemaphore()
    try:
        sem.release()
    except ValueError:
        print('ValueError')


@case
async def test_release_no_waiters():
    sem = asyncio.Semaphore()
    await sem.acquire()
    print('locked', sem.locked())
    sem.release()
    print('locked', sem.locked())


@case
async def test_acquire_fifo_order():
    sem = asyncio.Semaphore(1)
    result = []

    async def coro(tag):
        await sem.acquire()
        result.append(f'{tag}_1')
        await asyncio.sleep(0.01)
        sem.release()
        await sem.acquire()
        result.append(f'{tag}_2')
        await asyncio.sleep(0.01)
        sem.release()

    async with asyncio.TaskGroup() as tg:
        tg.create_task(coro('c1'))
        tg.create_task(coro('c2'))
        tg.create_task(coro('c3'))
    print(*result, 'at', now())


@case
async def test_acquire_fifo_order_2():
    sem = asyncio.Semaphore(1)
    result = []

    async def c1():
        await sem.acquire()
        result.append(1)
        return True

    async def c2():
        await sem.acquire()
        result.append(2)
        sem.release()
        await sem.acquire()
        result.append(4)
        return True

    async def c3():
        await sem.acquire()
        result.append(3)
        return True

    t1 = asyncio.create_task(c1())
    t2 = asyncio.create_task(c2())
    t3 = asyncio.create_task(c3())
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    await asyncio.gather(t1, t2, t3)
    print('result', result)


@case
async def test_acquire_fifo_order_3():
    sem = asyncio.Semaphore(0)
    result = []

    async def c(n):
        await sem.acquire()
        result.append(n)
        return True

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    t3 = asyncio.create_task(c(3))
    await asyncio.sleep(0)
    t1.cancel()
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    await asyncio.gather(t1, t2, t3, return_exceptions=True)
    print('result', result)


@case
async def test_barrier_parties():
    for n in (0, -4):
        try:
            asyncio.Barrier(n)
        except ValueError:
            print('ValueError')
    print('parties', asyncio.Barrier(5).parties)


@case
async def test_barrier_context_manager():
    barrier = asyncio.Barrier(3)
    results = []

    async def coro():
        async with barrier as i:
            results.append(i)

    await asyncio.gather(*[asyncio.create_task(coro()) for _ in range(3)])
    print('results', sorted(results), 'n_waiting', barrier.n_waiting, 'broken', barrier.broken)


@case
async def test_barrier_filling_one_task():
    barrier = asyncio.Barrier(1)
    ret = await barrier.wait()
    print('index', ret, 'n_waiting', barrier.n_waiting, 'broken', barrier.broken)


@case
async def test_barrier_filling_task_by_task():
    barrier = asyncio.Barrier(3)
    t1 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    print('n_waiting', barrier.n_waiting)
    t2 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    print('n_waiting', barrier.n_waiting)
    t3 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    await asyncio.wait([t1, t2, t3])
    print('n_waiting', barrier.n_waiting, 'broken', barrier.broken)


@case
async def test_barrier_filling_tasks_wait_twice():
    barrier = asyncio.Barrier(5)
    results = []

    async def coro():
        async with barrier:
            results.append(True)
            async with barrier:
                results.append(False)

    await asyncio.gather(*[asyncio.create_task(coro()) for _ in range(5)])
    print('True', results.count(True), 'False', results.count(False), 'n_waiting', barrier.n_waiting)


@case
async def test_barrier_filling_tasks_check_return_value():
    barrier = asyncio.Barrier(5)

    async def coro():
        async with barrier:
            async with barrier as i:
                return i

    res = await asyncio.gather(*[asyncio.create_task(coro()) for _ in range(5)])
    print('indices', sorted(res), 'n_waiting', barrier.n_waiting)


@case
async def test_barrier_blocking_tasks_while_draining():
    rewait = 2
    barrier = asyncio.Barrier(5)
    barrier_nowaiting = asyncio.Barrier(5 - rewait)
    rewait_n = rewait

    async def coro():
        nonlocal rewait_n
        await barrier.wait()
        if rewait_n > 0:
            rewait_n -= 1
            await barrier.wait()
        else:
            await barrier_nowaiting.wait()
            await barrier.wait()

    await asyncio.gather(*[asyncio.create_task(coro()) for _ in range(5)])
    print('n_waiting', barrier.n_waiting, barrier_nowaiting.n_waiting)


@case
async def test_barrier_filling_tasks_cancel_one():
    barrier = asyncio.Barrier(3)
    results = []

    async def coro():
        await barrier.wait()
        results.append(True)

    t1 = asyncio.create_task(coro())
    await asyncio.sleep(0)
    print('n_waiting', barrier.n_waiting)
    t2 = asyncio.create_task(coro())
    await asyncio.sleep(0)
    print('n_waiting', barrier.n_waiting)
    t1.cancel()
    await asyncio.sleep(0)
    print('n_waiting', barrier.n_waiting)
    try:
        await t1
    except asyncio.CancelledError:
        print('CancelledError', t1.cancelled())
    t3 = asyncio.create_task(coro())
    await asyncio.sleep(0)
    print('n_waiting', barrier.n_waiting)
    t4 = asyncio.create_task(coro())
    await asyncio.gather(t2, t3, t4)
    print('results', len(results), 'n_waiting', barrier.n_waiting, 'broken', barrier.broken)


@case
async def test_barrier_abort_barrier():
    barrier = asyncio.Barrier(1)
    await barrier.abort()
    print('n_waiting', barrier.n_waiting, 'broken', barrier.broken)
    try:
        await barrier.wait()
    except asyncio.BrokenBarrierError:
        print('BrokenBarrierError')
