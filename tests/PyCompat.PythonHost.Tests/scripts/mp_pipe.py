# A Pipe in both directions.
import multiprocessing


def echo(conn):
    while True:
        message = conn.recv()
        if message == "stop":
            conn.send("bye")
            break
        conn.send(message.upper())
    conn.close()


if __name__ == "__main__":
    parent, child = multiprocessing.Pipe()
    p = multiprocessing.Process(target=echo, args=(child,))
    p.start()
    for word in ["alpha", "beta", "gamma"]:
        parent.send(word)
        print(parent.recv())
    parent.send("stop")
    print(parent.recv())
    p.join()
    print("exitcode", p.exitcode)
