# sys.exit in its forms, chosen by the first argument.
import sys

how = sys.argv[1]
print("exiting with", how)
if how == "none":
    sys.exit()
if how == "message":
    sys.exit("a message for stderr")
if how == "interrupt":
    raise KeyboardInterrupt
sys.exit(int(how))
