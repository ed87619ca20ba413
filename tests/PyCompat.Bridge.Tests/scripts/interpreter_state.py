"""Prints what a script can see of its interpreter; python3 and pycompat --engine pythonnet must agree."""
import os
import sys

print("executable:", sys.executable)
print("argv:", sys.argv)
print("file:", __file__)
print("name:", __name__)
print("path:", sys.path)
print("prefix:", sys.prefix, sys.base_prefix)
