raise RuntimeError("broken_module cannot be imported")


def worker():
    pass
