"""A child that logs at every level through multiprocessing's logger: its C# port must write the same stderr lines."""

import logging
import multiprocessing
import sys
from multiprocessing import util


def log_every_level(level):
    logger = multiprocessing.get_logger()
    print("child level", logger.getEffectiveLevel(), logger.name)
    sys.stdout.flush()
    util.sub_debug("sub_debug from %s", "child")
    util.debug("debug")
    util.info("info")
    util.sub_warning("sub_warning")
    logger.warning("warning")
    logger.error("error")
    logger.critical("critical")
    logger.log(15, "fifteen")


if __name__ == "__main__":
    level = int(sys.argv[1]) if len(sys.argv) > 1 else util.SUBDEBUG
    multiprocessing.log_to_stderr(level)
    p = multiprocessing.Process(target=log_every_level, args=(level,), name="logger")
    p.start()
    p.join()
