def plain_try():
    try:
        a()
    except E:
        b()

def try_else():
    try:
        a()
    except E:
        b()
    else:
        c()

def try_two():
    try:
        a()
    except E:
        b()
    except F:
        c()

def try_finally_only():
    try:
        a()
    finally:
        b()

def nested_plain():
    def inner():
        return 1
    return inner

def nested_if():
    def inner(x):
        if x:
            return 1
        return 2
    return inner

def for_else(xs):
    for x in xs:
        a()
    else:
        b()

def bools(a, b):
    return a and b or c

def comp(xs):
    return [x for x in xs if x]

def nested_class():
    class A:
        def m(self):
            if x:
                return 1
    return A

def elifs(x):
    if x:
        a()
    elif y:
        b()
    else:
        c()

def while_else():
    while x:
        a()
    else:
        b()

def with_try():
    with a:
        try:
            b()
        except E:
            if z:
                c()
        finally:
            d()

def two_nested():
    def f():
        pass
    def g():
        if x:
            pass
    return f, g

async def async_for():
    async for x in y:
        a()
    async with z:
        b()

def with_finally():
    try:
        a()
    except E:
        b()
    finally:
        if x:
            c()
        while y:
            d()
