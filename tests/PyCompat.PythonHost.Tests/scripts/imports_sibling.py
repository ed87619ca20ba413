# The script's folder comes first on sys.path, so a sibling module imports, in the parent and in children.
import multiprocessing

import sibling_worker

if __name__ == "__main__":
    jobs = [multiprocessing.Process(target=sibling_worker.work, args=(i,)) for i in range(3)]
    for j in jobs:
        j.start()
    for j in jobs:
        j.join()
