"""queues.py - the Python twin of queues.c: cases of CPython 3.11's
test_asyncio/test_queues.py, printing what the original asserts."""
import asyncio
from vclock import case, now


@case
async def test_empty():
    q = asyncio.Queue()
    print('empty', q.empty())
    await q.put(1)
    print('empty', q.empty())
    print('get', await q.get())
    print('empty', q.empty())


@case
async def test_full():
    q = asyncio.Queue()
    print('full', q.full())
    q = asyncio.Queue(maxsize=1)
    await q.put(1)
    print('full', q.full())


@case
async def test_order():
    q = asyncio.Queue()
    for i in [1, 3, 2]:
        await q.put(i)
    print('items', *[await q.get() for _ in range(3)])


@case
async def test_maxsize():
    q = asyncio.Queue(maxsize=2)
    print('maxsize', q.maxsize)
    have_been_put = []

    async def putter():
        for i in range(3):
            await q.put(i)
            have_been_put.append(i)
        return True

    t = asyncio.create_task(putter())
    for i in range(2):
        await asyncio.sleep(0)
    print('put', *have_been_put)
    print('get', await q.get())
    await asyncio.sleep(0)
    print('put', *have_been_put)
    print('get', await q.get())
    print('get', await q.get())
    print('done', t.done(), t.result())


@case
async def test_blocking_get():
    q = asyncio.Queue()
    q.put_nowait(1)
    print('get', await q.get())


@case
async def test_blocking_get_wait():
    q = asyncio.Queue()
    started = asyncio.Event()
    finished = False

    async def queue_get():
        nonlocal finished
        started.set()
        res = await q.get()
        finished = True
        return res

    async def later():  # loop.call_later(0.01, q.put_nowait, 1)
        await asyncio.sleep(0.01)
        q.put_nowait(1)

    queue_get_task = asyncio.create_task(queue_get())
    await started.wait()
    print('finished', finished)
    asyncio.create_task(later())
    res = await queue_get_task
    print('finished', finished, res, 'at', now())


@case
async def test_nonblocking_get():
    q = asyncio.Queue()
    q.put_nowait(1)
    print('get_nowait', q.get_nowait())


@case
async def test_nonblocking_get_exception():
    q = asyncio.Queue()
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print('QueueEmpty')


@case
async def test_get_cancelled_race():
    q = asyncio.Queue()
    t1 = asyncio.create_task(q.get())
    t2 = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    t1.cancel()
    await asyncio.sleep(0)
    print('t1 done', t1.done())
    await q.put('a')
    await asyncio.sleep(0)
    print('t2', await t2)


@case
async def test_get_with_waiting_putters():
    q = asyncio.Queue(maxsize=1)
    asyncio.create_task(q.put('a'))
    asyncio.create_task(q.put('b'))
    print('get', await q.get())
    print('get', await q.get())


@case
async def test_why_are_getters_waiting():
    async def consumer(queue, num_expected):
        for _ in range(num_expected):
            print('got', await queue.get())

    async def producer(queue, num_items):
        for i in range(num_items):
            await queue.put(i)

    q = asyncio.Queue(1)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(producer(q, 5))
        tg.create_task(consumer(q, 5))
    print('group done')


@case
async def test_cancelled_getters_not_being_held_in_self_getters():
    queue = asyncio.Queue(maxsize=5)
    try:
        await asyncio.wait_for(queue.get(), 0.1)
    except TimeoutError:
        print('TimeoutError at', now())
    queue.put_nowait(1)  # no getter left behind to take it
    print('qsize', queue.qsize())


@case
async def test_blocking_put():
    q = asyncio.Queue()
    await q.put(1)
    print('get', await q.get())


@case
async def test_blocking_put_wait():
    q = asyncio.Queue(maxsize=1)
    started = asyncio.Event()
    finished = False

    async def queue_put():
        nonlocal finished
        started.set()
        await q.put(1)
        await q.put(2)
        finished = True

    async def later():  # loop.call_later(0.01, q.get_nowait)
        await asyncio.sleep(0.01)
        q.get_nowait()

    asyncio.create_task(later())
    queue_put_task = asyncio.create_task(queue_put())
    await started.wait()
    print('finished', finished)
    await queue_put_task
    print('finished', finished, 'at', now())


@case
async def test_nonblocking_put():
    q = asyncio.Queue()
    q.put_nowait(1)
    print('get_nowait', q.get_nowait())


@case
async def test_get_cancel_drop_one_pending_reader():
    q = asyncio.Queue()
    reader = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    q.put_nowait(1)
    q.put_nowait(2)
    reader.cancel()
    try:
        await reader
    except asyncio.CancelledError:
        print('CancelledError: try again')
        reader = asyncio.create_task(q.get())
        await reader
    print('result', reader.result())


@case
async def test_get_cancel_drop_many_pending_readers():
    q = asyncio.Queue()
    async with asyncio.TaskGroup() as tg:
        reader1 = tg.create_task(q.get())
        reader2 = tg.create_task(q.get())
        reader3 = tg.create_task(q.get())
        await asyncio.sleep(0)
        q.put_nowait(1)
        q.put_nowait(2)
        reader1.cancel()
        try:
            await reader1
        except asyncio.CancelledError:
            print('reader1 CancelledError')
        await reader3
    print('results', *sorted([reader2.result(), reader3.result()]))


@case
async def test_put_cancel_drop():
    q = asyncio.Queue(1)
    q.put_nowait(1)
    writer = asyncio.create_task(q.put(2))
    await asyncio.sleep(0)
    print('value1', q.get_nowait())
    writer.cancel()
    try:
        await writer
    except asyncio.CancelledError:
        print('CancelledError: try again')
        writer = asyncio.create_task(q.put(2))
        await writer
    print('value2', q.get_nowait())
    print('qsize', q.qsize())


@case
async def test_nonblocking_put_exception():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait(1)
    try:
        q.put_nowait(2)
    except asyncio.QueueFull:
        print('QueueFull')


@case
async def test_put_cancelled():
    q = asyncio.Queue()

    async def queue_put():
        await q.put(1)
        return True

    t = asyncio.create_task(queue_put())
    print('get', await q.get())
    print('done', t.done(), t.result())


@case
async def test_put_cancelled_race():
    q = asyncio.Queue(maxsize=1)
    put_a = asyncio.create_task(q.put('a'))
    put_b = asyncio.create_task(q.put('b'))
    put_c = asyncio.create_task(q.put('X'))
    await asyncio.sleep(0)
    print('a done', put_a.done(), 'b done', put_b.done())
    put_c.cancel()
    await asyncio.sleep(0)
    print('c done', put_c.done())
    print('get_nowait', q.get_nowait())
    await asyncio.sleep(0)
    print('get_nowait', q.get_nowait())
    await put_b
    print('b done', put_b.done())


@case
async def test_put_with_waiting_getters():
    q = asyncio.Queue()
    t = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    await q.put('a')
    print('t', await t)


@case
async def test_why_are_putters_waiting():
    queue = asyncio.Queue(2)

    async def putter(item):
        await queue.put(item)
        print('put', item)

    async def getter():
        await asyncio.sleep(0)
        num = queue.qsize()
        for _ in range(num):
            print('get_nowait', queue.get_nowait())

    async with asyncio.TaskGroup() as tg:
        tg.create_task(getter())
        tg.create_task(putter(0))
        tg.create_task(putter(1))
        tg.create_task(putter(2))
        tg.create_task(putter(3))
    print('group done, qsize', queue.qsize())


@case
async def test_cancelled_puts_not_being_held_in_self_putters():
    queue = asyncio.Queue(maxsize=1)
    queue.put_nowait(1)
    put_task = asyncio.create_task(queue.put(1))
    await asyncio.sleep(0)
    put_task.cancel()
    try:
        await put_task
    except asyncio.CancelledError:
        print('CancelledError')
    queue.get_nowait()
    await asyncio.sleep(0)  # no putter left behind to fill it
    print('qsize', queue.qsize())


@case
async def test_cancelled_put_silence_value_error_exception():
    queue = asyncio.Queue(1)
    queue.put_nowait(1)
    put_task = asyncio.create_task(queue.put(1))
    await asyncio.sleep(0)
    queue.get_nowait()
    put_task.cancel()
    try:
        await put_task
    except asyncio.CancelledError:
        print('CancelledError')


@case
async def test_task_done_underflow():
    q = asyncio.Queue()
    try:
        q.task_done()
    except ValueError:
        print('ValueError')


@case
async def test_task_done():
    q = asyncio.Queue()
    for i in range(100):
        q.put_nowait(i)
    accumulator = 0
    running = True

    async def worker():
        nonlocal accumulator
        while running:
            item = await q.get()
            accumulator += item
            q.task_done()

    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(worker()) for index in range(2)]
        await q.join()
        print('accumulator', accumulator)
        running = False
        for i in range(len(tasks)):
            q.put_nowait(0)
    print('group done')


@case
async def test_join_empty_queue():
    q = asyncio.Queue()
    await q.join()
    await q.join()
    print('joined')
