"""docs/managers.md's example across machines, CPython's half: a queue served over TCP, and clients that put and get.

    manager_tcp.py serve AUTHKEY_HEX             serve a queue on 127.0.0.1 (free port); print the port; until stdin closes
    manager_tcp.py put PORT AUTHKEY_HEX TEXT     connect and put TEXT
    manager_tcp.py get PORT AUTHKEY_HEX N        connect and print N items, one a line
"""
import queue
import sys
from multiprocessing.managers import BaseManager


class QueueManager(BaseManager):
    pass


def main(argv):
    mode, authkey = argv[1], bytes.fromhex(argv[3] if mode_has_port(argv[1]) else argv[2])
    if mode == "serve":
        jobs = queue.Queue()
        QueueManager.register("get_queue", callable=lambda: jobs)
        m = QueueManager(address=("127.0.0.1", 0), authkey=authkey)
        m.start()
        print(m.address[1], flush=True)
        sys.stdin.read()
        m.shutdown()
        return
    QueueManager.register("get_queue")
    m = QueueManager(address=("127.0.0.1", int(argv[2])), authkey=authkey)
    m.connect()
    jobs = m.get_queue()
    if mode == "put":
        jobs.put(argv[4])
    else:
        for _ in range(int(argv[4])):
            print(jobs.get(timeout=60))


def mode_has_port(mode):
    return mode != "serve"


if __name__ == "__main__":
    main(sys.argv)
