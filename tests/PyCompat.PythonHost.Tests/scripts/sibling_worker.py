# Imported by imports_sibling.py; not a script of its own.
def work(i):
    print("sibling worker", i)
