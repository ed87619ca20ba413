"""Functions whose C# ports (FixturePorts.cs) fit, or do not, in each way pycompat targets checks."""


def takes_one(num):
    print("takes_one", num)


def takes_one_more(num):
    print("takes_one_more", num)


def optional(count=3):
    print("optional", count)


def renamed(num):
    print("renamed", num)


def extra(num):
    print("extra", num)


def star(*args):
    print("star", args)


def keyword_only(a, *, flag=False):
    print("keyword_only", a, flag)


def any_keywords(**options):
    print("any_keywords", options)


def other_case(Num):
    print("other_case", Num)


def swapped(first, second):
    print("swapped", first, second)


# Classes whose [PyClass] C# ports (FixturePorts.cs) fit, or do not.
import multiprocessing


class GoodWorker(multiprocessing.Process):
    def run(self):
        print("GoodWorker")


class RunNotOverridden(multiprocessing.Process):
    def run(self):
        print("RunNotOverridden")


class InheritsRun(GoodWorker):
    pass


class PlainPortedAsProcess:
    pass


class ProcessPortedAsPlain(multiprocessing.Process):
    pass


not_a_class = 3
