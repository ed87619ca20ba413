"""Python targets whose C# ports live in the test assembly (Targets.PyPorts), for a plain CPython parent."""
import os
import sys
import time


def report_runtime(path):
    with open(path, "w") as f:
        f.write("python %d" % os.getpid())


def describe(path, value):
    with open(path, "w") as f:
        f.write(type(value).__module__ + "." + type(value).__qualname__)


def sleep_forever():
    time.sleep(3600)


def exit_with(code):
    sys.exit(code)


def raise_error(message):
    raise ValueError(message)


def no_port_anywhere():
    print("this has no C# port")


def check_equal(path, literal, *args, **kwargs):
    """Writes whether the arguments C# pickled equal the Python literal (by value and by repr, which tells bytes
    from bytearray and int from float), and their repr."""
    expected = eval(literal)
    received = (args, kwargs)
    with open(path, "w") as f:
        f.write("%s\n%r" % (received == expected and repr(received) == repr(expected), received))


def os_exit(code):
    os._exit(code)


def print_lines(child, count):
    for line in range(count):
        print("child %d line %d" % (child, line))
