print("noisy_module: this line runs at import and must not reach the table")


def worker(num):
    print("Worker:", num)
