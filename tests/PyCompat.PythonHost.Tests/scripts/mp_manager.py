# A Manager's dict, list and Namespace shared with workers.
import multiprocessing


def fill(shared, items, namespace, i):
    shared[i] = i * 10
    items.append(i)
    if i == 0:
        namespace.flag = "set by worker 0"


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        shared = manager.dict()
        items = manager.list()
        namespace = manager.Namespace()
        namespace.flag = "unset"
        workers = [multiprocessing.Process(target=fill, args=(shared, items, namespace, i)) for i in range(4)]
        [w.start() for w in workers]
        [w.join() for w in workers]
        print("dict", sorted(shared.items()))
        print("list", sorted(items))
        print("namespace", namespace.flag)
