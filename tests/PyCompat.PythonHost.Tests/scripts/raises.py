# An uncaught exception: python3's traceback on stderr and exit code 1.
def divide(a, b):
    return a / b


def outer():
    return divide(1, 0)


print("before the error")
outer()
