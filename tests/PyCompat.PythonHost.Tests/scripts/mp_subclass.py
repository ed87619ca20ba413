# A subclass of Process overriding run(); current_process().name inside and outside.
import multiprocessing


class Greeter(multiprocessing.Process):
    def __init__(self, greeting, **kwargs):
        super().__init__(**kwargs)
        self.greeting = greeting

    def run(self):
        print(self.greeting, "from", multiprocessing.current_process().name)


if __name__ == "__main__":
    print("parent is", multiprocessing.current_process().name)
    workers = [Greeter("hello", name="greeter-%d" % i) for i in range(3)] + [Greeter("hi")]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("exitcodes", [w.exitcode for w in workers])
