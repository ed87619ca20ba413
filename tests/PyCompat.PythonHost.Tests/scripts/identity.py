"""Prints what the process running this script is: its pid, its executable and the libpython files it has mapped."""
import os

print("pid", os.getpid())
print("exe", os.path.realpath("/proc/self/exe"))
with open("/proc/self/maps") as maps:
    mapped = {line.split()[-1] for line in maps if len(line.split()) >= 6}
for path in sorted(p for p in mapped if os.path.basename(p).startswith("libpython")):
    print("libpython", os.path.realpath(path))
