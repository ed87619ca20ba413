"""Ends the way argv[1] says, so that pycompat's exit code and streams can be compared with python3's."""
import atexit
import sys

atexit.register(lambda: print("atexit handler ran"))
print("unflushed output without newline", end="")
how = sys.argv[1]
if how == "code":
    sys.exit(3)
if how == "message":
    sys.exit("a message for stderr")
if how == "wrap":
    sys.exit(256)
if how == "raise":
    def inner():
        raise ValueError("raised on purpose")
    inner()
