"""A ported target given a multiprocessing object a .NET child cannot rebuild (a shared Value) stays in CPython."""
import multiprocessing


def use(value):
    with value.get_lock():
        value.value += 1


if __name__ == "__main__":
    value = multiprocessing.Value("i", 41)
    p = multiprocessing.Process(target=use, args=(value,))
    p.start()
    p.join()
    print("value:", value.value, "exitcode:", p.exitcode)
